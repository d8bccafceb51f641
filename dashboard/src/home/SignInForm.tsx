/** The sign-in form (POST /api/session); `onSignedIn` runs once the session cookie is set. */
import { useState, type FormEvent } from 'react';
import { signIn } from '../api/endpoints.ts';
import { signInProblems } from './forms.ts';
import { signInErrorVi, ssoMessageVi } from './text.ts';

export function SignInForm({ sso, onSignedIn }: { sso: string | null; onSignedIn: () => Promise<void> | void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ssoMessage = ssoMessageVi(sso);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const problems = signInProblems(username, password);
    if (problems.length) {
      setError(problems.join(' '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn({ username: username.trim(), password });
      setPassword('');
      await onSignedIn();
    } catch (err) {
      setError(signInErrorVi(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="home-card signin" onSubmit={(e) => void submit(e)} data-testid="signin-form" noValidate>
      <h1>Đăng nhập</h1>
      {ssoMessage ? (
        <p className="home-alert" role="alert" data-testid="sso-message">
          {ssoMessage}
        </p>
      ) : null}
      <label className="home-field">
        <span>Tên đăng nhập</span>
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="signin-username"
          autoFocus
        />
      </label>
      <label className="home-field">
        <span>Mật khẩu</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="signin-password"
        />
      </label>
      {error ? (
        <p className="home-error" role="alert" data-testid="signin-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="home-primary" disabled={busy} data-testid="signin-submit">
        {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}
