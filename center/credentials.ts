/**
 * Opaque credentials: session tokens, device credentials, pairing claim secrets. Each is 32 random bytes
 * (base64url) and only its SHA-256 is stored. A fast hash is right here, unlike for passwords: with 256
 * bits of entropy nobody can guess one from its hash, however fast they can hash, and a lookup by hash
 * runs on every request and socket handshake. Operators' tokens in devices.yaml must be long and random
 * for the same reason (the config schema asks for at least 16 characters).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('base64url');
}

/** `length` characters drawn uniformly from `alphabet` (ids, pairing codes). */
export function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
