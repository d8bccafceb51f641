/** Routing without a router library: the few pages the server serves (`/` signs in, then the home). Pure. */
export type Route =
  | { page: 'home' }
  | { page: 'wall'; screen: string }
  | { page: 'tablet' }
  | { page: 'admin' }
  | { page: 'notes' }
  | { page: 'workspace' }
  | { page: 'compliance' }
  | { page: 'print' }
  | { page: 'not-found'; path: string };

const SCREEN_ID = /^[a-z][a-z0-9_-]*$/;

/** The text of a percent-encoded path part, or null when it is not valid UTF-8 (`%E0%A4%A`). */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  const wall = /^\/wall\/([^/]+)$/.exec(path);
  if (wall) {
    const screen = decoded(wall[1] ?? '');
    return screen !== null && SCREEN_ID.test(screen) ? { page: 'wall', screen } : { page: 'not-found', path };
  }
  if (path === '/tablet' || path.startsWith('/tablet/')) return { page: 'tablet' };
  if (path === '/admin' || path.startsWith('/admin/')) return { page: 'admin' };
  if (path === '/notes') return { page: 'notes' };
  if (path === '/workspace') return { page: 'workspace' };
  if (path === '/compliance') return { page: 'compliance' };
  if (path === '/print') return { page: 'print' };
  return { page: 'not-found', path };
}
