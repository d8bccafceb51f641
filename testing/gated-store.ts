/**
 * A store as a paused or crashed process sees it, for tests of the ingest's lease: `hold()` makes every
 * later call wait (as if the process were stopped between deciding a write and sending it), `release()`
 * sends them on. Held forever, it is a crash: the store hears nothing more from that replica.
 */
import type { Store } from '../store/store.ts';

export interface GatedStore extends Store {
  hold(): void;
  release(): void;
  /** How many calls of `method` are waiting at the gate now. */
  waiting(method: keyof Store): number;
}

export function gatedStore(inner: Store): GatedStore {
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  const waiting = new Map<keyof Store, number>();
  const through =
    <A extends unknown[], R>(method: keyof Store, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      waiting.set(method, (waiting.get(method) ?? 0) + 1);
      try {
        await gate;
      } finally {
        waiting.set(method, waiting.get(method)! - 1);
      }
      return call(...args);
    };
  return {
    applyChanges: through('applyChanges', (...a: Parameters<Store['applyChanges']>) => inner.applyChanges(...a)),
    getGroup: through('getGroup', (g: string) => inner.getGroup(g)),
    subscribe: through('subscribe', (h: Parameters<Store['subscribe']>[0]) => inner.subscribe(h)),
    recordRejected: through('recordRejected', (...a: Parameters<Store['recordRejected']>) => inner.recordRejected(...a)),
    getRejected: through('getRejected', (n?: number) => inner.getRejected(n)),
    tryLock: through('tryLock', (...a: Parameters<Store['tryLock']>) => inner.tryLock(...a)),
    releaseLock: through('releaseLock', (...a: Parameters<Store['releaseLock']>) => inner.releaseLock(...a)),
    lockHolder: through('lockHolder', (n: string) => inner.lockHolder(n)),
    stateInfo: through('stateInfo', () => inner.stateInfo()),
    ensureGeneration: through('ensureGeneration', () => inner.ensureGeneration()),
    markLoaded: through('markLoaded', (g: string) => inner.markLoaded(g)),
    ping: through('ping', () => inner.ping()),
    // Closing is the test's cleanup, never held.
    close: () => inner.close(),
    hold() {
      gate = new Promise<void>((r) => (open = r));
    },
    release() {
      open();
      gate = Promise.resolve();
    },
    waiting: (method) => waiting.get(method) ?? 0,
  };
}
