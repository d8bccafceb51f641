/**
 * What never enters the audit log (ARCHITECTURE.md: logs never contain a token, a password, a cookie or a
 * feed key): any key that names a secret is dropped from a detail object, at any depth. Pure.
 */

/** Parts of a key name that say it carries a secret: newPassword, accessToken, claimSecret, set-cookie, … */
const SECRET_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'token',
  'secret',
  'cookie',
  'credential',
  'authorization',
  'apikey',
  'api_key',
  'api-key',
];
const SECRET_NAMES = new Set(['key', 'pass', 'pwd', 'auth']);

const MAX_DEPTH = 6;
const MAX_STRING = 2000;
const MAX_ITEMS = 100;

export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (SECRET_NAMES.has(lower) || SECRET_PARTS.some((p) => lower.includes(p))) return true;
  // feedKey, private_key, x-feed-key; passwordHash, secret_hash: a hash of a secret is no one's business either
  return /[a-z0-9]Key$/.test(key) || /[-_]key$/.test(lower) || lower.endsWith('hash');
}

function clean(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => clean(v, depth + 1) ?? null); // as JSON.stringify would
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).slice(0, MAX_ITEMS)) {
      if (isSecretKey(k)) continue;
      const c = clean(v, depth + 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return undefined; // functions, symbols, bigint: not data
}

/** A copy of `detail` without secret-named keys, bounded in depth, length and size. */
export function redactDetail(detail: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!detail) return null;
  return clean(detail, 0) as Record<string, unknown>;
}
