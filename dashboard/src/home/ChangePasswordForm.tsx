/**
 * "Đổi mật khẩu" (PUT /api/session/password): the contract's password policy is checked here first, the
 * server checks again. `required`: a first password given by someone else must be changed before anything.
 */
import { useState, type FormEvent } from 'react';
import { changePassword } from '../api/endpoints.ts';
import { passwordChangeProblems } from './forms.ts';
import { changePasswordErrorVi } from './text.ts';

export function ChangePasswordForm({
  username,
  required,
  onChanged,
}: {
  username: string;
  required: boolean;
  onChanged: () => Promise<void> | void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setDone(false);
    const found = passwordChangeProblems({ current, next, confirm }, username);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    try {
      await changePassword({ current, next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      await onChanged();
    } catch (err) {
      setProblems([changePasswordErrorVi(err)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="home-card password" onSubmit={(e) => void submit(e)} data-testid="password-form" noValidate>
      <h2>{required ? 'Đặt mật khẩu mới' : 'Đổi mật khẩu'}</h2>
      {required ? (
        <p className="home-alert" role="status" data-testid="password-required">
          Mật khẩu của bạn do người khác đặt. Hãy đặt mật khẩu mới trước khi tiếp tục.
        </p>
      ) : null}
      <label className="home-field">
        <span>Mật khẩu hiện tại</span>
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          data-testid="password-current"
        />
      </label>
      <label className="home-field">
        <span>Mật khẩu mới</span>
        <input
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          data-testid="password-next"
        />
      </label>
      <label className="home-field">
        <span>Nhập lại mật khẩu mới</span>
        <input
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          data-testid="password-confirm"
        />
      </label>
      {problems.length ? (
        <ul className="home-error" role="alert" data-testid="password-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {done ? (
        <p className="home-ok" role="status" data-testid="password-done">
          Đã đổi mật khẩu.
        </p>
      ) : null}
      <button type="submit" className="home-primary" disabled={busy} data-testid="password-submit">
        {busy ? 'Đang lưu…' : required ? 'Đặt mật khẩu mới' : 'Đổi mật khẩu'}
      </button>
    </form>
  );
}
