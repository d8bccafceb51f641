// First: zod must not probe `new Function` under the CSP (see zod-csp.ts).
import './zod-csp.ts';
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles.css';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { parseRoute } from './route.ts';
import { WallPage } from './walls/WallPage.tsx';

const RootPage = lazy(() => import('./pages/RootPage.tsx'));
const TabletPage = lazy(() => import('./pages/TabletPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const NotesPage = lazy(() => import('./notes/NotesPage.tsx'));
const WorkspacePage = lazy(() => import('./workspace/WorkspacePage.tsx'));
const CompliancePage = lazy(() => import('./pages/CompliancePage.tsx'));
const PrintPage = lazy(() => import('./print/PrintPage.tsx'));

function App() {
  const route = parseRoute(window.location.pathname);
  switch (route.page) {
    case 'home':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <RootPage />
        </Suspense>
      );
    case 'wall':
      return <WallPage screen={route.screen} />;
    case 'tablet':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <TabletPage />
        </Suspense>
      );
    case 'admin':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <AdminPage />
        </Suspense>
      );
    case 'notes':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <NotesPage />
        </Suspense>
      );
    case 'workspace':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <WorkspacePage />
        </Suspense>
      );
    case 'compliance':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <CompliancePage />
        </Suspense>
      );
    case 'print':
      return (
        <Suspense fallback={<div className="page-placeholder">Đang tải…</div>}>
          <PrintPage />
        </Suspense>
      );
    case 'not-found':
      return (
        <main className="page-placeholder" data-testid="not-found">
          <h1>Không tìm thấy trang</h1>
          <p>
            <a href="/">Về trang đăng nhập</a> · Màn hình tường: <code>/wall/&lt;mã màn hình&gt;</code> · Máy tính bảng:{' '}
            <code>/tablet</code> · Quản trị: <code>/admin</code>
          </p>
        </main>
      );
  }
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
