/**
 * The reporting poller's lease: one ingest replica at a time is the active poller, elected through a
 * store lock with a fencing token (store/lease.ts). Every write the active poller makes carries the
 * token; the store refuses it once another replica holds a newer one.
 *
 * Timings (LEASE_TIMINGS), chosen so a dead holder is replaced within 5 s:
 *  - the lock lives 4 s and its holder renews it every 1 s, so three renewals in a row may fail (a Redis
 *    blip, a long GC pause) before the poller moves;
 *  - a standby tries every 0.5 s, so a crashed holder's lock is taken at most 4 s + 0.5 s after its last
 *    renewal (then the new poller reads the window and catches up on what was written meanwhile);
 *  - a process restarted under the same owner name (IOC_INSTANCE_ID, ingest/instance-id.ts) reclaims its
 *    own lock at once, under a new token; a clean stop releases it, so a standby takes over within 0.5 s.
 * The lease is lost when a renewal is refused (a newer holder), when a write is refused (StaleFenceError:
 * this replica was paused past its lease), or when no renewal has succeeded for a whole TTL (the store
 * does not answer: holding it can no longer be known). The replica then goes back to standby and no
 * longer reclaims a lock in its own name: that one belongs to a live twin until it lapses.
 */
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Fence, StaleFenceError } from '../../store/lease.ts';
import type { Store } from '../../store/store.ts';

export const LEASE_TIMINGS = { ttlMs: 4000, renewEveryMs: 1000, standbyRetryMs: 500 };
export type LeaseTimings = typeof LEASE_TIMINGS;

export interface PollerLease {
  /** The fence every write must carry while the lease is held; null on standby (write nothing). */
  fence(): Fence | null;
  /** First attempt; resolves once `onAcquired` has (when this replica became the holder). */
  start(): Promise<void>;
  /** A write under our token was refused: counted, logged, back to standby. */
  refused(err: StaleFenceError): void;
  /** Stops trying and releases the lock if held (a clean shutdown). */
  stop(): Promise<void>;
  status(): { token: number | null; refusedWrites: number };
}

export interface PollerLeaseOptions {
  store: Store;
  name: string;
  owner: string;
  log: Logger;
  registry?: Registry;
  timings?: LeaseTimings;
  /** This replica is the holder now: start working (the lease keeps renewing meanwhile). */
  onAcquired(token: number): Promise<void>;
  /** The lease is gone: stop working at once. */
  onLost(reason: string): Promise<void>;
  now?: () => number;
}

export function createPollerLease(opts: PollerLeaseOptions): PollerLease {
  const { store, name, owner, log } = opts;
  const t = opts.timings ?? LEASE_TIMINGS;
  const now = opts.now ?? Date.now;
  const metrics = opts.registry ? leaseMetrics(opts.registry) : null;
  let token: number | null = null;
  let reclaim = true;
  let lastRenewedAt = 0;
  let refusedWrites = 0;
  let stopped = false;
  let announcedStandby = false;
  let timer: NodeJS.Timeout | undefined;

  function lose(reason: string): void {
    if (token === null) return;
    log.warn({ owner, fencingToken: token, reason }, 'lost the reporting poller lock; standing by');
    token = null;
    reclaim = false;
    metrics?.active.set(0);
    void opts.onLost(reason).catch((err: unknown) => log.error({ err }, 'standing down failed'));
  }

  /** One acquisition or renewal; returns the activation it started, if any. */
  async function attempt(): Promise<Promise<void> | undefined> {
    const sentAt = now();
    const held = token;
    try {
      const granted = await store.tryLock(name, owner, t.ttlMs, held === null ? { reclaim } : { token: held });
      if (stopped) {
        // stop() ran while this attempt was on its way: do not keep what it got.
        if (granted !== null) await store.releaseLock(name, owner, granted).catch(() => {});
        return undefined;
      }
      if (held !== null) {
        if (token !== held) return undefined; // lost meanwhile (a refused write)
        if (granted === null) lose('another replica holds the lock');
        else lastRenewedAt = sentAt;
        return undefined;
      }
      if (granted === null) {
        if (!announcedStandby) log.info({ owner }, 'another replica is the active reporting poller; standing by');
        announcedStandby = true;
        return undefined;
      }
      token = granted;
      lastRenewedAt = sentAt;
      announcedStandby = false;
      metrics?.active.set(1);
      log.info({ owner, fencingToken: token }, 'this replica is the active reporting poller');
      return opts.onAcquired(granted);
    } catch (err) {
      log.warn({ err }, 'poller lock check failed');
      if (token !== null && now() - lastRenewedAt >= t.ttlMs) lose('the store did not answer for a whole lease');
      return undefined;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(
      () => {
        void attempt().then((activation) => {
          schedule(); // renewals go on while the new poller loads its window
          return activation?.catch((err: unknown) => log.error({ err }, 'becoming the active poller failed'));
        });
      },
      token === null ? t.standbyRetryMs : t.renewEveryMs,
    );
  }

  return {
    fence: () => (token === null ? null : { lock: name, token }),
    async start() {
      stopped = false;
      const activation = await attempt();
      schedule();
      await activation;
    },
    refused(err) {
      refusedWrites++;
      metrics?.refused.inc();
      log.warn({ owner, fencingToken: err.token }, 'write refused: a newer replica holds the reporting poller lock');
      lose('write refused');
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const held = token;
      token = null;
      metrics?.active.set(0);
      if (held !== null) await store.releaseLock(name, owner, held).catch(() => {});
    },
    status: () => ({ token, refusedWrites }),
  };
}

function leaseMetrics(registry: Registry) {
  return {
    active: new Gauge({
      name: 'ioc_ingest_poller_active',
      help: '1 while this process is the active reporting poller (holds the lock), else 0',
      registers: [registry],
    }),
    refused: new Counter({
      name: 'ioc_ingest_writes_refused_total',
      help: 'Writes of the reporting poller refused because a newer replica holds the lock (fencing token)',
      registers: [registry],
    }),
  };
}
