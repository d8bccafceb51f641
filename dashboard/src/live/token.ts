/**
 * @deprecated Pages hold no token any more: the server exchanges a page's `?token=` for the HttpOnly
 * `ioc_device` cookie and redirects before the page loads, and every request and socket authenticates
 * by cookie. Nothing reads the address or localStorage for a token. This stub (always "no token") stays
 * only so the old pages/AdminPage.tsx builds until its session-based version replaces it; delete it then,
 * together with ApiOptions.token in api/client.ts.
 */
export function resolveToken(_scope: string, _search: string, _storage: unknown): string | null {
  return null;
}

/** @deprecated See resolveToken. */
export function browserStorage(): null {
  return null;
}
