/**
 * The staff workspace (/workspace): set up what leaders see without touching a file. Sections: the
 * wall pages (editor, live preview, publish, history), the indicator catalogue (display names and
 * thresholds), the walls' playlists, the screens, and data health. Staff and admins only; anyone else
 * is sent to sign in or told they may not.
 */
import { useCallback, useEffect, useState } from 'react';
import { isStaff } from '../../../contract/roles.ts';
import { useRequireUser } from '../session/useSession.ts';
import { useLoad } from '../admin/hooks.ts';
import { getProvince } from '../admin/api.ts';
import { ScreensSection } from '../admin/ScreensSection.tsx';
import { RejectedSection } from '../admin/RejectedSection.tsx';
import { ConfigProblems } from '../admin/ConfigProblems.tsx';
import { getAllGroups } from './api.ts';
import { CatalogSection } from './CatalogSection.tsx';
import { HealthSection } from './HealthSection.tsx';
import { PageEditor } from './PageEditor.tsx';
import { WallsSection } from './WallsSection.tsx';
import { StaffAlerts } from './StaffAlerts.tsx';
import { LiveContext, useLiveClient } from '../live/react.ts';
import '../admin/admin.css';
import './workspace.css';

const SECTIONS = [
  { id: 'pages', label: 'Trang màn hình' },
  { id: 'catalog', label: 'Danh mục chỉ tiêu' },
  { id: 'walls', label: 'Lịch trình tường' },
  { id: 'screens', label: 'Màn hình' },
  { id: 'health', label: 'Tình trạng dữ liệu' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

const sectionOf = (hash: string): SectionId => SECTIONS.find((s) => `#${s.id}` === hash)?.id ?? 'pages';

export default function WorkspacePage() {
  const who = useRequireUser();
  useEffect(() => {
    document.title = 'Không gian làm việc · Trung tâm điều hành';
  }, []);
  if (who.state === 'waiting')
    return (
      <main className="admin adm-page ws-page" data-testid="workspace" data-state="loading">
        <p className="adm-muted">Đang tải…</p>
      </main>
    );
  if (who.state === 'error')
    return (
      <main className="admin adm-page ws-page" data-testid="workspace" data-state="error">
        <p className="adm-form-error" role="alert">
          {who.message}
        </p>
        <button type="button" className="adm-button" onClick={who.retry}>
          Thử lại
        </button>
      </main>
    );
  if (!isStaff(who.user.role))
    return (
      <main className="admin adm-page ws-page" data-testid="workspace" data-state="forbidden">
        <h1>Không có quyền</h1>
        <p>Không gian làm việc dành cho chuyên viên và quản trị viên.</p>
        <a className="adm-button" href="/">
          Về trang chủ
        </a>
      </main>
    );
  return <Workspace name={who.user.name} />;
}

function Workspace({ name }: { name: string }) {
  const [section, setSection] = useState<SectionId>(() => sectionOf(window.location.hash));
  useEffect(() => {
    const on = () => setSection(sectionOf(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  // One live connection for the whole workspace: the preview's figures and staff alerts.
  const client = useLiveClient();
  const groups = useLoad(getAllGroups);
  const province = useLoad(useCallback((s: AbortSignal) => getProvince(s), []));
  const choose = (id: SectionId) => {
    window.history.replaceState(null, '', `#${id}`);
    setSection(id);
  };
  return (
    <main className="admin adm-page ws-page" data-testid="workspace" data-state="ready">
      <header className="adm-top ws-top">
        <h1>Không gian làm việc</h1>
        <div className="adm-who">{name}</div>
        <nav className="adm-top-links" aria-label="Liên kết">
          <a className="adm-button adm-quiet" href="/">
            Trang chủ
          </a>
          <a className="adm-button adm-quiet" href="/admin">
            Quản trị
          </a>
        </nav>
      </header>
      <StaffAlerts client={client} />
      {/* A file edited by hand that does not load: named with its line above every section, as in /admin. */}
      <ConfigProblems />
      <div className="adm-tabs" role="tablist" aria-label="Các mục">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            className="adm-tab"
            aria-selected={s.id === section}
            data-testid={`ws-tab-${s.id}`}
            onClick={() => choose(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <section className="adm-panel ws-panel" role="tabpanel">
        {groups.error || province.error ? (
          <p className="adm-form-error" role="alert">
            {groups.error ?? province.error}
          </p>
        ) : null}
        {section === 'pages' ? (
          groups.data && province.data ? (
            <LiveContext value={client}>
              <PageEditor groups={groups.data} province={province.data} />
            </LiveContext>
          ) : (
            <p className="adm-muted">Đang tải danh mục…</p>
          )
        ) : null}
        {section === 'catalog' ? (
          groups.data ? (
            <CatalogSection groups={groups.data} onSaved={groups.refresh} />
          ) : (
            <p className="adm-muted">Đang tải danh mục…</p>
          )
        ) : null}
        {section === 'walls' ? <WallsSection /> : null}
        {section === 'screens' ? <ScreensSection /> : null}
        {section === 'health' ? (
          <>
            <HealthSection groups={groups.data ?? []} />
            <RejectedSection />
          </>
        ) : null}
      </section>
    </main>
  );
}
