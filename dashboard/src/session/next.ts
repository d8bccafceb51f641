/**
 * Where the browser returns after signing in (`/?next=/tablet`). Only a page of this server: anything a
 * browser could read as another origin (`//evil`, `/\evil`, `https://…`, `javascript:`) is refused, so the
 * sign-in page can never be used as an open redirect. The same rules as the server's return-to check
 * (realtime/identity/return-to.ts); pure.
 */
const MAX_LENGTH = 2048;
const PROBE_ORIGIN = 'http://next.invalid';

/** The path itself when it is a same-origin relative page path, else null. */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // Browsers read "\" as "/" and strip control characters before parsing: refuse both.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
  if (value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (parsed.origin !== PROBE_ORIGIN) return null;
  // A JSON answer is no page to return to, and the sign-in page itself would loop.
  if (parsed.pathname === '/' || parsed.pathname.startsWith('/api/')) return null;
  return value;
}

/** `next` of a sign-in page address (`?next=%2Ftablet`), checked. */
export function nextOf(search: string): string | null {
  return safeNext(new URLSearchParams(search).get('next'));
}

/** The sign-in page that returns to `path` (a page's own pathname + search) afterwards. */
export function signInHref(path: string): string {
  const next = safeNext(path);
  return next ? `/?next=${encodeURIComponent(next)}` : '/';
}
