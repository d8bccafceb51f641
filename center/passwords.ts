/**
 * Password hashing with scrypt (node:crypto): N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key, about
 * 32 MiB and tens of milliseconds per hash, run on libuv's thread pool so the event loop keeps serving.
 * The stored form describes itself, `scrypt$32768$8$1$<salt b64>$<hash b64>`, so the cost can be raised
 * later and old hashes still verify (rehash on the next sign-in when `needsRehash`).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on what a stored hash may ask for, so a corrupt or hostile row cannot stall the server. */
const MAX_N = 2 ** 17;
const MAX_R = 8;
const MAX_P = 4;

function scryptAsync(password: string, salt: Buffer, keyBytes: number, cost: typeof COST): Promise<Buffer> {
  // 128·N·r bytes of memory, just above node's 32 MiB default maxmem at these settings.
  const opts: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed {
  cost: typeof COST;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { cost: { N, r, p }, salt, key };
}

/** True when `password` matches; false for a wrong password or an unreadable hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) {
    await verifyDummy(password); // an unreadable hash costs the same as a wrong password
    return false;
  }
  const key = await scryptAsync(password, parsed.salt, parsed.key.length, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

/** A stored hash made with weaker settings than today's. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.N < COST.N || parsed.cost.r < COST.r || parsed.key.length < KEY_BYTES;
}

let dummySalt: Buffer | null = null;

/**
 * Spends what a real verification spends, for a sign-in with no such user (or a disabled one), so the
 * answer's timing does not tell which usernames exist.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummySalt ??= randomBytes(SALT_BYTES);
  await scryptAsync(password, dummySalt, KEY_BYTES, COST);
  return false;
}
