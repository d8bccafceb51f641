/**
 * The staff desk (/admin): a workspace of sections — screens and their commands, devices (enrol a waiting
 * screen, revoke one), users and the audit log (admins), and the inputs ingest rejected. Who may see what
 * comes from GET /api/session; the session cookie is the only credential (no token in the address or in
 * any request). Not signed in: the sign-in page, coming back here after.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { accessOf, sectionOfHash, type Access, type DeskUser, type Section, type SectionId } from '../admin/access.ts';
import { getSession, signOut } from '../admin/api.ts';
import { AuditSection } from '../admin/AuditSection.tsx';
import { ConfigProblems } from '../admin/ConfigProblems.tsx';
import { DevicesSection } from '../admin/DevicesSection.tsx';
import { goSignIn } from '../admin/hooks.ts';
import { roleLabel } from '../admin/labels.ts';
import { RejectedSection } from '../admin/RejectedSection.tsx';
import { ScreensSection } from '../admin/ScreensSection.tsx';
import { UsersSection } from '../admin/UsersSection.tsx';
import '../admin/admin.css';

export default function AdminPage() {
  const [access, setAccess] = useState<Access | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    document.title = 'Quản trị · Trung tâm điều hành';
  }, []);
  useEffect(() => {
    const ctrl = new AbortController();
    getSession(ctrl.signal).then(
      (session) => setAccess(accessOf({ session })),
      (error: unknown) => {
        if (!ctrl.signal.aborted) setAccess(accessOf({ error }));
      },
    );
    return () => ctrl.abort();
  }, [attempt]);
  useEffect(() => {
    if (access?.kind === 'sign-in') goSignIn();
  }, [access]);

  if (!access || access.kind === 'sign-in')
    return (
      <main className="admin adm-page" data-testid="admin-page" data-state="loading">
        <p className="adm-muted">{access ? 'Đang chuyển tới trang đăng nhập…' : 'Đang tải…'}</p>
      </main>
    );
  if (access.kind === 'error')
    return (
      <main className="admin adm-page" data-testid="admin-page" data-state="error">
        <h1>Quản trị</h1>
        <p className="adm-form-error" role="alert">
          {access.message}
        </p>
        <button type="button" className="adm-button" onClick={() => setAttempt((n) => n + 1)}>
          Thử lại
        </button>
      </main>
    );
  if (access.kind === 'forbidden')
    return (
      <main className="admin adm-page" data-testid="admin-page" data-state="forbidden">
        <h1>Không có quyền</h1>
        <p data-testid="admin-forbidden">
          Tài khoản {access.who} không có quyền vào trang quản trị. Trang này dành cho chuyên viên và quản trị viên.
        </p>
        <p>
          <a className="adm-button" href="/">
            Về trang chủ
          </a>
        </p>
      </main>
    );
  return <Desk user={access.user} sections={access.sections} />;
}

function Desk({ user, sections }: { user: DeskUser; sections: Section[] }) {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const current = sectionOfHash(hash, sections);
  const [signingOut, setSigningOut] = useState(false);

  const choose = (s: Section, focus: boolean) => {
    setHash(`#${s.hash}`);
    window.history.replaceState(null, '', `#${s.hash}`);
    if (focus) document.getElementById(`tab-${s.id}`)?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = sections.findIndex((s) => s.id === current);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % sections.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + sections.length) % sections.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? sections.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    choose(sections[to]!, true);
  };
  const leave = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Signed out or not, the sign-in page is where this ends.
    }
    window.location.assign('/');
  };

  return (
    <main className="admin adm-page" data-testid="admin-page" data-state="ready" data-role={user.role}>
      <header className="adm-top">
        <h1>Quản trị</h1>
        <div className="adm-who" data-testid="admin-who">
          {user.name} · {roleLabel(user.role)}
        </div>
        <nav className="adm-top-links" aria-label="Tài khoản">
          <a className="adm-button adm-quiet" href="/">
            Trang chủ
          </a>
          <button type="button" className="adm-button adm-quiet" onClick={() => void leave()} disabled={signingOut}>
            Đăng xuất
          </button>
        </nav>
      </header>
      <div className="adm-tabs" role="tablist" aria-label="Các mục quản trị">
        {sections.map((s) => (
          <button
            key={s.id}
            id={`tab-${s.id}`}
            type="button"
            role="tab"
            className="adm-tab"
            aria-selected={s.id === current}
            aria-controls={`panel-${s.id}`}
            tabIndex={s.id === current ? 0 : -1}
            onClick={() => choose(s, false)}
            onKeyDown={onKey}
            data-testid={`tab-${s.id}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      <ConfigProblems />
      <section className="adm-panel" role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        <SectionBody id={current} user={user} />
      </section>
    </main>
  );
}

function SectionBody({ id, user }: { id: SectionId; user: DeskUser }) {
  switch (id) {
    case 'screens':
      return <ScreensSection />;
    case 'devices':
      return <DevicesSection me={user} />;
    case 'users':
      return <UsersSection me={user} />;
    case 'audit':
      return <AuditSection />;
    case 'rejected':
      return <RejectedSection />;
  }
}
