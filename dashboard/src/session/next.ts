/**
 * Where the browser returns after signing in (`/?next=/tablet`). Only a page of this server: anything a
 * browser could read as another origin (`//evil`, `/\evil`, `https://…`, `javascript:`) is refused, so the
 * sign-in page can never be used as an open redirect: the server's own check (contract/return-to.ts), plus
 * the pages that are no place to return to. Pure.
 */
import { safeReturnTo } from '../../../contract/return-to.ts';
/** The path itself when it is a same-origin relative page path, else null. */
export function safeNext(value: unknown): string | null {
  const path = safeReturnTo(value);
  if (path === null) return null;
  // A JSON answer is no page to return to, and the sign-in page itself would loop.
  const pathname = new URL(path, 'http://next.invalid').pathname;
  if (pathname === '/' || pathname.startsWith('/api/')) return null;
  return path;
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
