/**
 * Where the browser goes after signing in. Only a path on this server: anything a browser could read as
 * another origin (`//evil`, `/\evil`, `https://…`, `javascript:`) is refused, so the sign-in flow can never
 * be used as an open redirect.
 */
const MAX_LENGTH = 2048;
const PROBE_ORIGIN = 'http://return-to.invalid';

/** The path itself when it is a same-origin relative path, else `null`. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // Browsers treat "\" as "/" in URLs, and control characters are stripped before parsing: refuse both.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
  if (value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  return parsed.origin === PROBE_ORIGIN ? value : null;
}
