/** A signed-in person's home: who they are, their links (GET /api/home), their password, sign-out. */
import { useEffect, useState } from 'react';
import type { HomePayload } from '../../../contract/identity.ts';
import { getHome } from '../api/endpoints.ts';
import type { UserSession } from '../session/session.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { homeSections } from './links.ts';
import { SignOutButton } from './SignOutButton.tsx';
import { NETWORK_VI, roleVi, scopeVi } from './text.ts';

type HomeLoad = { state: 'loading' } | { state: 'ready'; home: HomePayload } | { state: 'error'; message: string };

export function HomeView({ user, onSignedOut }: { user: UserSession; onSignedOut: () => void }) {
  const [load, setLoad] = useState<HomeLoad>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    getHome({ signal: ctrl.signal })
      .then((home) => setLoad({ state: 'ready', home }))
      .catch(() => {
        if (!ctrl.signal.aborted) setLoad({ state: 'error', message: NETWORK_VI });
      });
    return () => ctrl.abort();
  }, [attempt]);
  useEffect(() => {
    document.title = 'Trang chủ · Trung tâm điều hành';
  }, []);

  return (
    <div className="home-layout" data-testid="home-page" data-role={user.role}>
      <header className="home-head">
        <div>
          <h1 data-testid="home-greeting">Xin chào, {user.name}</h1>
          <p className="home-muted" data-testid="home-role">
            {roleVi(user.role)}
            {user.agency ? ` · ${user.agency}` : ''} · Phạm vi: {scopeVi(user.scope)}
          </p>
        </div>
        <SignOutButton className="home-secondary" onSignedOut={onSignedOut} />
      </header>
      <main className="home-main">
        {load.state === 'loading' ? <p className="home-muted">Đang tải…</p> : null}
        {load.state === 'error' ? (
          <div className="home-error" role="alert">
            {load.message}{' '}
            <button type="button" className="home-secondary" onClick={() => setAttempt((n) => n + 1)}>
              Thử lại
            </button>
          </div>
        ) : null}
        {load.state === 'ready' ? (
          <nav className="home-sections" aria-label="Các trang của bạn" data-testid="home-links">
            {homeSections(load.home).map((s) => (
              <section key={s.id} className="home-card home-section" data-testid={`home-section-${s.id}`}>
                <h2>{s.title}</h2>
                <ul>
                  {s.links.map((l) => (
                    <li key={l.href}>
                      <a className="home-link" href={l.href} data-testid="home-link">
                        <span className="home-link-label">{l.label}</span>
                        {l.detail ? <span className="home-link-detail">{l.detail}</span> : null}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </nav>
        ) : null}
        <ChangePasswordForm username={user.username} required={false} onChanged={() => {}} />
      </main>
    </div>
  );
}
