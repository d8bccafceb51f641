/**
 * Sign-ins under way, kept on the server between the redirect to the provider and its callback, keyed by the
 * OAuth `state`. The browser holds only the state (in a short-lived cookie); the PKCE verifier and the nonce
 * never leave the server. `take` removes the entry, so a callback can be used once. The in-memory store is
 * enough for one node; the wiring may back this interface with Redis (`SET … PX ttl`, `GETDEL`).
 */
export interface PendingEntry {
  codeVerifier: string;
  nonce: string;
  /** The validated same-origin path to return to afterwards. */
  returnTo: string;
}

export interface PendingStore {
  put(state: string, value: PendingEntry, ttlMs: number): Promise<void>;
  /** The entry, removed; `undefined` when unknown, expired or already taken. */
  take(state: string): Promise<PendingEntry | undefined>;
}

export interface MemoryPendingStoreOptions {
  /** Beyond this, the oldest sign-ins under way are dropped, so a flood of `begin` cannot exhaust memory. */
  maxEntries?: number;
  now?: () => number;
}

export function createMemoryPendingStore(opts: MemoryPendingStoreOptions = {}): PendingStore {
  const { maxEntries = 10_000, now = Date.now } = opts;
  // A Map iterates in insertion order, so its first keys are the oldest; with one TTL they also expire
  // first, so the sweep stops at the first live entry and costs little per sign-in.
  const entries = new Map<string, { value: PendingEntry; expiresAtMs: number }>();
  const sweep = (): void => {
    const t = now();
    for (const [key, e] of entries) {
      if (e.expiresAtMs > t && entries.size < maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    async put(state, value, ttlMs) {
      sweep();
      entries.set(state, { value, expiresAtMs: now() + ttlMs });
    },
    async take(state) {
      const e = entries.get(state);
      if (!e) return undefined;
      entries.delete(state);
      return e.expiresAtMs > now() ? e.value : undefined;
    },
  };
}
