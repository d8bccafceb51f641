/**
 * "Người dùng" (admins): every account with its role, scope, agency and state; create one, edit one, lock
 * or unlock it (locking asks first: the person's sessions end at once), or give it a new first password.
 */
import { useMemo, useState } from 'react';
import type { UserInfo } from '../../../contract/identity.ts';
import type { DeskUser } from './access.ts';
import { getGroups, getProvince, getUsers, updateUser } from './api.ts';
import { isAuthLost } from './errors.ts';
import { goSignIn, useLoad } from './hooks.ts';
import { roleLabel } from './labels.ts';
import { scopeSummary, type ScopeNames } from './scope-model.ts';
import { userServerErrors } from './user-form.ts';
import { PasswordForm, UserForm } from './UserForm.tsx';
import { ConfirmDialog, Notice } from './ui.tsx';

type Panel = { kind: 'create' } | { kind: 'edit'; user: UserInfo } | { kind: 'password'; user: UserInfo } | null;

export function UsersSection({ me }: { me: DeskUser }) {
  const users = useLoad(getUsers);
  const groups = useLoad(getGroups);
  const province = useLoad(getProvince);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [locking, setLocking] = useState<UserInfo | null>(null);
  const [lockState, setLockState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [rowError, setRowError] = useState<string | null>(null);

  const names: ScopeNames | null = useMemo(() => {
    if (!province.data) return null;
    return {
      groups: new Map((groups.data ?? []).map((g) => [g.id, g.name])),
      communes: new Map(province.data.communes.map((c) => [c.code, `${c.type} ${c.name}`])),
      province: { code: province.data.code, name: province.data.name },
    };
  }, [groups.data, province.data]);

  const setDisabled = async (u: UserInfo, disabled: boolean): Promise<string | null> => {
    try {
      const changed = await updateUser(u.id, { disabled });
      setNotice(
        disabled
          ? `Đã khóa ${changed.username}. Mọi phiên đăng nhập của người này đã kết thúc.`
          : `Đã mở khóa ${changed.username}.`,
      );
      users.refresh();
      return null;
    } catch (err) {
      if (isAuthLost(err)) goSignIn();
      const e = userServerErrors(err, 'update');
      return Object.values(e).filter(Boolean).join(' ');
    }
  };

  const confirmLock = async () => {
    if (!locking) return;
    setLockState({ busy: true, error: null });
    const error = await setDisabled(locking, true);
    if (error) setLockState({ busy: false, error });
    else {
      setLocking(null);
      setLockState({ busy: false, error: null });
    }
  };

  const ready = users.data && province.data && groups.data;
  const loadError = users.error ?? province.error ?? groups.error;
  const list = [...(users.data ?? [])].sort((a, b) => a.username.localeCompare(b.username));
  const open = (p: Panel) => {
    setRowError(null);
    setNotice(null);
    setPanel(p);
  };

  return (
    <div className="adm-section" data-testid="section-users">
      <div className="adm-section-head">
        <h2>Người dùng</h2>
        <button
          type="button"
          className="adm-button adm-primary"
          onClick={() => open({ kind: 'create' })}
          disabled={!ready || panel?.kind === 'create'}
        >
          Tạo người dùng
        </button>
      </div>
      <Notice text={notice} onClose={() => setNotice(null)} />
      {loadError ? (
        <p className="adm-form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {!ready && !loadError ? <p className="adm-muted">Đang tải…</p> : null}
      {rowError ? (
        <p className="adm-form-error" role="alert">
          {rowError}
        </p>
      ) : null}

      {panel && province.data && groups.data ? (
        panel.kind === 'password' ? (
          <PasswordForm
            key={`pw-${panel.user.id}`}
            user={panel.user}
            onCancel={() => setPanel(null)}
            onDone={(message) => {
              setPanel(null);
              setNotice(message);
              users.refresh();
            }}
          />
        ) : (
          <UserForm
            key={panel.kind === 'edit' ? `edit-${panel.user.id}` : 'create'}
            user={panel.kind === 'edit' ? panel.user : null}
            groups={groups.data}
            province={province.data}
            onCancel={() => setPanel(null)}
            onDone={(_u, message) => {
              setPanel(null);
              setNotice(message);
              users.refresh();
            }}
          />
        )
      ) : null}

      {ready && names ? (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="users-table">
            <caption className="adm-sr">Danh sách người dùng</caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Phạm vi</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">
                  <span className="adm-sr">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id} data-testid={`user-${u.username}`} className={u.disabled ? 'is-disabled' : undefined}>
                  <td>
                    <code>{u.username}</code>
                    {u.id === me.id ? <span className="adm-muted"> (bạn)</span> : null}
                  </td>
                  <td>{u.name}</td>
                  <td>{roleLabel(u.role)}</td>
                  <td>{scopeSummary(u.role, u.scope, names)}</td>
                  <td>{u.agency ?? '—'}</td>
                  <td>
                    <div>{u.disabled ? 'Đã khóa' : 'Đang hoạt động'}</div>
                    {u.mustChangePassword ? <div className="adm-muted">Phải đổi mật khẩu</div> : null}
                    {!u.hasPassword ? <div className="adm-muted">Chưa có mật khẩu</div> : null}
                  </td>
                  <td>
                    <div className="adm-row-actions">
                      <button
                        type="button"
                        className="adm-button"
                        onClick={() => open({ kind: 'edit', user: u })}
                        aria-label={`Sửa ${u.username}`}
                      >
                        Sửa
                      </button>
                      <button
                        type="button"
                        className="adm-button"
                        onClick={() => open({ kind: 'password', user: u })}
                        aria-label={`Đặt lại mật khẩu của ${u.username}`}
                      >
                        Đặt lại mật khẩu
                      </button>
                      {u.disabled ? (
                        <button
                          type="button"
                          className="adm-button"
                          aria-label={`Mở khóa ${u.username}`}
                          onClick={() => {
                            setRowError(null);
                            void setDisabled(u, false).then((e) => setRowError(e));
                          }}
                        >
                          Mở khóa
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="adm-button adm-danger"
                          aria-label={`Khóa ${u.username}`}
                          onClick={() => {
                            setLockState({ busy: false, error: null });
                            setLocking(u);
                          }}
                        >
                          Khóa
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {locking ? (
        <ConfirmDialog
          title="Khóa tài khoản?"
          confirmLabel="Khóa tài khoản"
          busy={lockState.busy}
          error={lockState.error}
          onConfirm={() => void confirmLock()}
          onCancel={() => setLocking(null)}
          testId="lock-dialog"
        >
          <p>
            {locking.name} ({locking.username}) sẽ không đăng nhập được nữa; mọi phiên đang mở kết thúc ngay. Có thể mở khóa lại
            sau.
          </p>
          {locking.id === me.id ? <p className="adm-warning">Đây là tài khoản của bạn: bạn sẽ bị đăng xuất.</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
