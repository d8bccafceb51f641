/**
 * Creating a user, or editing one's name, role, scope and agency; and an admin's password reset. The
 * checks are user-form.ts's; the server's refusals land at the same fields.
 */
import { useState, type FormEvent } from 'react';
import type { GroupInfo, ProvinceInfo } from '../../../contract/http.ts';
import type { UserInfo } from '../../../contract/identity.ts';
import type { Role } from '../../../contract/roles.ts';
import { createUser, resetPassword, updateUser } from './api.ts';
import { isAuthLost } from './errors.ts';
import { goSignIn } from './hooks.ts';
import { ROLE_OPTIONS, roleHint, roleLabel } from './labels.ts';
import { ScopeEditor } from './ScopeEditor.tsx';
import {
  createRequest,
  draftFromUser,
  newUserDraft,
  passwordError,
  roleHasAgency,
  roleHasScope,
  updateRequest,
  userServerErrors,
  type UserDraft,
  type UserErrors,
  type UserField,
} from './user-form.ts';
import { Field, FormError, focusFirst } from './ui.tsx';

const ORDER: UserField[] = ['username', 'name', 'role', 'agency', 'password', 'groups', 'areas'];
const FIELD_ID: Record<UserField, string> = {
  username: 'user-username',
  name: 'user-name',
  role: 'user-role',
  agency: 'user-agency',
  password: 'user-password',
  groups: 'user-groups',
  areas: 'user-areas',
  form: 'user-form',
};
const focusErrors = (errors: UserErrors) => focusFirst(ORDER.filter((f) => errors[f]).map((f) => FIELD_ID[f]));

type Sending = { ok: true; run: () => Promise<{ user: UserInfo; message: string }> } | { ok: false; errors: UserErrors };

function sendCreate(draft: UserDraft, provinceCode: string): Sending {
  const built = createRequest(draft, provinceCode);
  if (!built.ok) return built;
  return {
    ok: true,
    run: async () => {
      const u = await createUser(built.body);
      return { user: u, message: `Đã tạo người dùng ${u.username}. Người này phải đổi mật khẩu ở lần đăng nhập đầu tiên.` };
    },
  };
}

function sendUpdate(draft: UserDraft, original: UserInfo, provinceCode: string): Sending {
  const built = updateRequest(draft, original, provinceCode);
  if (!built.ok) return built;
  return {
    ok: true,
    run: async () => {
      const u = await updateUser(original.id, built.body);
      return { user: u, message: `Đã lưu thay đổi của ${u.username}.` };
    },
  };
}

export function UserForm({
  user,
  groups,
  province,
  onDone,
  onCancel,
}: {
  /** null: a new user. */
  user: UserInfo | null;
  groups: readonly GroupInfo[];
  province: ProvinceInfo;
  onDone: (u: UserInfo, message: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<UserDraft>(() => (user ? draftFromUser(user, province.code) : newUserDraft()));
  const [errors, setErrors] = useState<UserErrors>({});
  const [busy, setBusy] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const set = <K extends keyof UserDraft>(k: K, v: UserDraft[K], clears: UserField[] = [k as UserField]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => {
      const next = { ...e, form: undefined };
      for (const f of clears) next[f] = undefined;
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const send = user ? sendUpdate(draft, user, province.code) : sendCreate(draft, province.code);
    if (!send.ok) {
      setErrors(send.errors);
      focusErrors(send.errors);
      return;
    }
    setBusy(true);
    try {
      const { user: u, message } = await send.run();
      onDone(u, message);
    } catch (err) {
      if (isAuthLost(err)) goSignIn();
      const errs = userServerErrors(err, user ? 'update' : 'create');
      setErrors(errs);
      focusErrors(errs);
      setBusy(false);
    }
  };

  const title = user ? `Sửa người dùng ${user.username}` : 'Tạo người dùng mới';
  return (
    <form
      className="adm-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="user-form-title"
      data-testid="user-form"
    >
      <h3 id="user-form-title">{title}</h3>
      <div className="adm-form-grid">
        {user ? (
          <div className="adm-field">
            <span className="adm-label">Tên đăng nhập</span>
            <span className="adm-static">{user.username}</span>
          </div>
        ) : (
          <Field
            id="user-username"
            label="Tên đăng nhập"
            error={errors.username}
            hint="Chữ không dấu, số và . _ - (ví dụ nguyen.van-a)"
          >
            {(p) => (
              <input
                {...p}
                className="adm-input"
                value={draft.username}
                onChange={(e) => set('username', e.target.value, ['username', 'password'])}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={64}
              />
            )}
          </Field>
        )}
        <Field id="user-name" label="Họ tên" error={errors.name}>
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
        <Field id="user-role" label="Vai trò" error={errors.role} hint={roleHint(draft.role)}>
          {(p) => (
            <select
              {...p}
              className="adm-input"
              value={draft.role}
              onChange={(e) => set('role', e.target.value as Role, ['role', 'agency', 'groups', 'areas'])}
            >
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {roleHasAgency(draft.role) ? (
          <Field id="user-agency" label="Mã cơ quan báo cáo" error={errors.agency} hint="Ví dụ: STC (Sở Tài chính)">
            {(p) => (
              <input
                {...p}
                className="adm-input"
                value={draft.agency}
                onChange={(e) => set('agency', e.target.value)}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={64}
              />
            )}
          </Field>
        ) : null}
        {user ? null : (
          <Field
            id="user-password"
            label="Mật khẩu ban đầu"
            error={errors.password}
            hint="Ít nhất 10 ký tự, khác tên đăng nhập. Người dùng phải đổi ở lần đăng nhập đầu."
          >
            {(p) => (
              <span className="adm-password">
                <input
                  {...p}
                  className="adm-input"
                  type={showPassword ? 'text' : 'password'}
                  value={draft.password}
                  onChange={(e) => set('password', e.target.value)}
                  autoComplete="new-password"
                  spellCheck={false}
                />
                <button
                  type="button"
                  className="adm-button adm-quiet"
                  aria-pressed={showPassword}
                  onClick={() => setShowPassword((v) => !v)}
                >
                  {showPassword ? 'Ẩn' : 'Hiện'}
                </button>
              </span>
            )}
          </Field>
        )}
      </div>
      {roleHasScope(draft.role) ? (
        <ScopeEditor
          draft={draft.scope}
          onChange={(s) => set('scope', s, ['groups', 'areas'])}
          groups={groups}
          province={province}
          errors={{ groups: errors.groups, areas: errors.areas }}
        />
      ) : (
        <p className="adm-hint">{roleLabel(draft.role)} xem được mọi số liệu, không cần giới hạn phạm vi.</p>
      )}
      <FormError text={errors.form} testId="user-form-error" />
      <div className="adm-form-actions">
        <button type="submit" className="adm-button adm-primary" disabled={busy}>
          {busy ? 'Đang lưu…' : user ? 'Lưu thay đổi' : 'Tạo người dùng'}
        </button>
        <button type="button" className="adm-button" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
      </div>
    </form>
  );
}

export function PasswordForm({
  user,
  onDone,
  onCancel,
}: {
  user: UserInfo;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<UserErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem = passwordError(password, user.username);
    if (problem) {
      setErrors({ password: problem });
      focusFirst(['reset-password']);
      return;
    }
    setBusy(true);
    try {
      await resetPassword(user.id, password);
      onDone(
        `Đã đặt lại mật khẩu cho ${user.username}. Các phiên đăng nhập của người này đã kết thúc; họ phải đổi mật khẩu ở lần đăng nhập tới.`,
      );
    } catch (err) {
      if (isAuthLost(err)) goSignIn();
      setErrors(userServerErrors(err, 'password'));
      setBusy(false);
    }
  };

  return (
    <form className="adm-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reset-title" data-testid="reset-form">
      <h3 id="reset-title">Đặt lại mật khẩu cho {user.username}</h3>
      <Field
        id="reset-password"
        label="Mật khẩu mới"
        error={errors.password}
        hint="Ít nhất 10 ký tự, khác tên đăng nhập. Người dùng phải đổi ở lần đăng nhập tới."
      >
        {(p) => (
          <span className="adm-password">
            <input
              {...p}
              className="adm-input"
              type={show ? 'text' : 'password'}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setErrors({});
              }}
              autoComplete="new-password"
              spellCheck={false}
            />
            <button type="button" className="adm-button adm-quiet" aria-pressed={show} onClick={() => setShow((v) => !v)}>
              {show ? 'Ẩn' : 'Hiện'}
            </button>
          </span>
        )}
      </Field>
      <FormError text={errors.form} />
      <div className="adm-form-actions">
        <button type="submit" className="adm-button adm-primary" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Đặt lại mật khẩu'}
        </button>
        <button type="button" className="adm-button" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
      </div>
    </form>
  );
}
