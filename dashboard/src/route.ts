/** Routing without a router library: the few pages the server serves. Pure. */
export type Route =
  | { page: 'wall'; screen: string }
  | { page: 'tablet' }
  | { page: 'admin' }
  | { page: 'not-found'; path: string };

const SCREEN_ID = /^[a-z][a-z0-9_-]*$/;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const wall = /^\/wall\/([^/]+)$/.exec(path);
  if (wall) {
    let screen = '';
    try {
      screen = decodeURIComponent(wall[1] ?? '');
    } catch {
      return { page: 'not-found', path };
    }
    return SCREEN_ID.test(screen) ? { page: 'wall', screen } : { page: 'not-found', path };
  }
  if (path === '/tablet' || path.startsWith('/tablet/')) return { page: 'tablet' };
  if (path === '/admin' || path.startsWith('/admin/')) return { page: 'admin' };
  return { page: 'not-found', path };
}
