/**
 * "Thiết bị" (staff): enrol a waiting screen by the code it shows, and the list of devices with their
 * screen, origin, who enrolled them and when they were last seen. Revoking asks first: the screen is cut
 * off at once and shows its pairing page again.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { DeviceInfo, UserInfo } from '../../../contract/identity.ts';
import { isAdmin } from '../../../contract/roles.ts';
import { ApiError } from '../api/client.ts';
import type { DeskUser } from './access.ts';
import { enrolDevice, getDevices, getHome, getUsers, revokeDevice } from './api.ts';
import { emptyEnrol, enrolRequest, enrolServerErrors, screenChoices, type EnrolDraft, type EnrolErrors } from './enrol-form.ts';
import { actionErrorText, isAuthLost } from './errors.ts';
import { ago, formatAt } from './format.ts';
import { goSignIn, useLoad, useNow } from './hooks.ts';
import { originLabel } from './labels.ts';
import { ConfirmDialog, Field, FormError, Notice, focusFirst } from './ui.tsx';

const DEVICES_POLL_MS = 10_000;
const noUsers = async (): Promise<UserInfo[]> => [];

export function DevicesSection({ me }: { me: DeskUser }) {
  const home = useLoad(getHome);
  const choices = useMemo(() => (home.data ? screenChoices(home.data) : null), [home.data]);
  const [showRevoked, setShowRevoked] = useState(false);
  const loadDevices = useCallback((signal: AbortSignal) => getDevices(showRevoked, signal), [showRevoked]);
  const devices = useLoad(loadDevices, DEVICES_POLL_MS);
  // Who enrolled a device is a user id: admins can read every name, staff know their own.
  const users = useLoad(isAdmin(me.role) ? getUsers : noUsers);
  const people = useMemo(() => {
    const m = new Map<string, string>((users.data ?? []).map((u) => [u.id, `${u.name} (${u.username})`]));
    m.set(me.id, `${me.name} (bạn)`);
    return m;
  }, [users.data, me]);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<DeviceInfo | null>(null);
  const [revokeState, setRevokeState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const now = useNow(5000);

  const screenName = (id: string) => choices?.names.get(id) ?? id;

  const confirmRevoke = async () => {
    if (!revoking) return;
    setRevokeState({ busy: true, error: null });
    try {
      await revokeDevice(revoking.id);
      setNotice(`Đã thu hồi “${revoking.name}”. Màn hình đã bị ngắt kết nối và quay về trang ghép nối.`);
      setRevoking(null);
      setRevokeState({ busy: false, error: null });
      devices.refresh();
    } catch (err) {
      if (isAuthLost(err)) goSignIn();
      const text =
        err instanceof ApiError && err.status === 404
          ? 'Thiết bị này không còn hoạt động (có thể đã bị thu hồi).'
          : actionErrorText(err);
      setRevokeState({ busy: false, error: text });
    }
  };

  const list = devices.data ?? [];
  return (
    <div className="adm-section" data-testid="section-devices">
      <div className="adm-section-head">
        <h2>Thiết bị</h2>
      </div>
      <Notice text={notice} onClose={() => setNotice(null)} />
      <EnrolForm
        choices={choices}
        choicesError={home.error}
        onEnrolled={(d) => {
          setNotice(
            `Đã ghép nối “${d.name}” với ${screenName(d.screen)}. Màn hình sẽ tự chuyển sang trang của nó trong vài giây.`,
          );
          devices.refresh();
        }}
      />

      <div className="adm-subhead">
        <h3 id="devices-title">Danh sách thiết bị</h3>
        <label className="adm-check">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
          Hiện cả thiết bị đã thu hồi
        </label>
      </div>
      {devices.error ? (
        <p className="adm-form-error" role="alert">
          {devices.error}
        </p>
      ) : null}
      {devices.loading && !devices.data ? <p className="adm-muted">Đang tải…</p> : null}
      {devices.data && list.length === 0 ? <p>Chưa có thiết bị nào.</p> : null}
      {list.length ? (
        <div className="adm-table-wrap">
          <table className="adm-table" aria-labelledby="devices-title" data-testid="devices-table">
            <thead>
              <tr>
                <th scope="col">Tên</th>
                <th scope="col">Màn hình</th>
                <th scope="col">Nguồn</th>
                <th scope="col">Tạo bởi</th>
                <th scope="col">Lúc tạo</th>
                <th scope="col">Hoạt động cuối</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">
                  <span className="adm-sr">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id} data-testid={`device-${d.id}`} data-revoked={d.revokedAt ? 'true' : 'false'}>
                  <td>{d.name}</td>
                  <td>{screenName(d.screen)}</td>
                  <td>{originLabel(d.origin)}</td>
                  <td>{d.createdBy ? (people.get(d.createdBy) ?? d.createdBy) : '—'}</td>
                  <td>{formatAt(d.createdAt)}</td>
                  <td>{d.lastSeenAt ? ago(d.lastSeenAt, now) : 'chưa từng'}</td>
                  <td>{d.revokedAt ? `Đã thu hồi lúc ${formatAt(d.revokedAt)}` : 'Đang dùng'}</td>
                  <td>
                    {d.revokedAt ? null : (
                      <button
                        type="button"
                        className="adm-button adm-danger"
                        onClick={() => {
                          setRevokeState({ busy: false, error: null });
                          setRevoking(d);
                        }}
                        aria-label={`Thu hồi ${d.name}`}
                      >
                        Thu hồi
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {revoking ? (
        <ConfirmDialog
          title="Thu hồi thiết bị?"
          confirmLabel="Thu hồi"
          busy={revokeState.busy}
          error={revokeState.error}
          onConfirm={() => void confirmRevoke()}
          onCancel={() => setRevoking(null)}
          testId="revoke-dialog"
        >
          <p>
            “{revoking.name}” ({screenName(revoking.screen)}) sẽ bị ngắt kết nối ngay và quay về trang ghép nối. Muốn dùng lại
            phải ghép nối lần nữa.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

const ORDER: (keyof EnrolErrors)[] = ['code', 'screen', 'name'];

function EnrolForm({
  choices,
  choicesError,
  onEnrolled,
}: {
  choices: ReturnType<typeof screenChoices> | null;
  choicesError: string | null;
  onEnrolled: (d: DeviceInfo) => void;
}) {
  const [draft, setDraft] = useState<EnrolDraft>(emptyEnrol);
  const [errors, setErrors] = useState<EnrolErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof EnrolDraft, v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
  };
  const known = useMemo(
    () => (choices ? new Set(choices.groups.flatMap((g) => g.options.map((o) => o.value))) : null),
    [choices],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const built = enrolRequest(draft, known);
    if (!built.ok) {
      setErrors(built.errors);
      focusFirst(ORDER.filter((k) => built.errors[k]).map((k) => `enrol-${k}`));
      return;
    }
    setBusy(true);
    try {
      const device = await enrolDevice(built.body);
      setDraft(emptyEnrol());
      setErrors({});
      onEnrolled(device);
    } catch (err) {
      if (isAuthLost(err)) goSignIn();
      const errs = enrolServerErrors(err);
      setErrors(errs);
      focusFirst(ORDER.filter((k) => errs[k]).map((k) => `enrol-${k}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="adm-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="enrol-title" data-testid="enrol-form">
      <h3 id="enrol-title">Ghép nối màn hình mới</h3>
      <p className="adm-hint">
        Mở trang của màn hình trên thiết bị mới: màn hình hiện một mã gồm 6 ký tự. Nhập mã đó, chọn nội dung sẽ hiển thị và đặt
        tên cho thiết bị.
      </p>
      <div className="adm-form-grid">
        <Field id="enrol-code" label="Mã ghép nối" error={errors.code} hint="Ví dụ: ABC-234 (không phân biệt hoa thường)">
          {(p) => (
            <input
              {...p}
              className="adm-input adm-code"
              value={draft.code}
              onChange={(e) => set('code', e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={16}
            />
          )}
        </Field>
        <Field
          id="enrol-screen"
          label="Hiển thị"
          error={errors.screen ?? (choicesError ? 'Chưa tải được danh sách màn hình.' : undefined)}
        >
          {(p) => (
            <select {...p} className="adm-input" value={draft.screen} onChange={(e) => set('screen', e.target.value)}>
              <option value="">{choices ? 'Chọn màn hình hoặc trang…' : 'Đang tải…'}</option>
              {choices?.groups.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field id="enrol-name" label="Tên thiết bị" error={errors.name} hint="Ví dụ: Màn hình sảnh tầng 1">
          {(p) => (
            <input
              {...p}
              className="adm-input"
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              autoComplete="off"
              maxLength={200}
            />
          )}
        </Field>
      </div>
      <FormError text={errors.form} testId="enrol-form-error" />
      <div className="adm-form-actions">
        <button type="submit" className="adm-button adm-primary" disabled={busy}>
          {busy ? 'Đang ghép nối…' : 'Ghép nối'}
        </button>
      </div>
    </form>
  );
}
