/**
 * `/`: the sign-in page, or — once signed in — the person's home (home/HomeView.tsx). `?next=<path>`
 * (checked: a page of this server) is where the browser goes after signing in; `?sso=<code>` says why a
 * single sign-on failed. A first password given by someone else is changed before anything else.
 */
import { useEffect, type ReactNode } from 'react';
import { ChangePasswordForm } from '../home/ChangePasswordForm.tsx';
import { HomeView } from '../home/HomeView.tsx';
import { SignInForm } from '../home/SignInForm.tsx';
import { SignOutButton } from '../home/SignOutButton.tsx';
import { nextOf } from '../session/next.ts';
import { refreshSession } from '../session/session.ts';
import { useSession } from '../session/useSession.ts';
import '../home/home.css';

const TITLE = 'Trung tâm thông tin phục vụ chỉ đạo điều hành';

/** Drops `?sso=` and `?next=` from the address once they have done their work. */
const cleanAddress = () => window.history.replaceState(null, '', '/');

export default function RootPage() {
  const s = useSession();
  const params = new URLSearchParams(window.location.search);
  const next = nextOf(window.location.search);
  const sso = params.get('sso');
  const goNext = s.state === 'user' && !s.user.mustChangePassword && next !== null;
  useEffect(() => {
    if (goNext && next) window.location.replace(next);
  }, [goNext, next]);

  if (s.state === 'loading' || goNext) return <Shell wait />;
  if (s.state === 'user') {
    if (s.user.mustChangePassword)
      return (
        <Shell>
          <div className="home-stack">
            <p className="home-muted" data-testid="home-greeting">
              Xin chào, {s.user.name}
            </p>
            <ChangePasswordForm
              username={s.user.username}
              required
              onChanged={async () => {
                await refreshSession();
              }}
            />
            <SignOutButton className="home-secondary" onSignedOut={cleanAddress} />
          </div>
        </Shell>
      );
    return <HomeView user={s.user} onSignedOut={cleanAddress} />;
  }
  return (
    <Shell>
      <div className="home-stack">
        {s.state === 'error' ? (
          <p className="home-alert" role="alert">
            {s.message}. Trang sẽ thử lại khi bạn đăng nhập.
          </p>
        ) : null}
        {s.state === 'device' ? (
          <p className="home-alert" role="status" data-testid="device-note">
            Trình duyệt này đang là màn hình “{s.device.name}” (<a href={`/wall/${encodeURIComponent(s.device.screen)}`}>mở</a>
            ). Đăng nhập để dùng với tài khoản của bạn.
          </p>
        ) : null}
        <SignInForm
          sso={sso}
          onSignedIn={async () => {
            // With a `next`, the new session sends the browser there (goNext above); else the home shows here.
            if (!next) cleanAddress();
            await refreshSession();
          }}
        />
      </div>
    </Shell>
  );
}

function Shell({ children, wait }: { children?: ReactNode; wait?: boolean }) {
  useEffect(() => {
    document.title = TITLE;
  }, []);
  return (
    <div className="home-layout home-layout--center" data-testid="root-page">
      <div className="home-brand">{TITLE}</div>
      {wait ? <div className="spinner" aria-label="Đang tải" /> : children}
    </div>
  );
}
