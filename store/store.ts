/**
 * The state ingest and realtime share. Ingest writes group changes; realtime reads snapshots and follows
 * the change feed. Two implementations behave the same (store.contract.ts runs on both): Redis for
 * deployments with several processes, in-process for the single-process demo.
 *
 * Singleton jobs (the active poller of a source) hold a lock with a fencing token (store/lease.ts has the
 * rules): every write of such a job carries the token it was given, and the store refuses it atomically,
 * with the write, once a newer holder was given a newer token — so a replica paused past its lease
 * cannot overwrite what its successor wrote.
 */
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import type { DeadLetter, RejectedSummary } from '../contract/http.ts';
import type { Fence, LockAttempt } from './lease.ts';

export interface Store {
  /**
   * Writes changed values of one group and publishes them as one update whose version is the group's
   * previous version + 1. Atomic: a reader sees the state before or after, never half of it. With a
   * `fence`, the write happens only while its token is the lock's current one; otherwise nothing is
   * written and the promise rejects with StaleFenceError.
   */
  applyChanges(group: string, changes: IndicatorValue[], at: string, fence?: Fence): Promise<number>;
  /** The group's full state (version 0 and no values when nothing was written yet). */
  getGroup(group: string): Promise<GroupSnapshot>;
  /** Follows the change feed from now on; updates of one group arrive in version order. */
  subscribe(handler: (update: GroupUpdated) => void): Promise<() => Promise<void>>;
  /** Keeps a rejected input for staff (bounded) and counts it by source and reason; fenced like applyChanges. */
  recordRejected(entry: DeadLetter, fence?: Fence): Promise<void>;
  getRejected(limit?: number): Promise<RejectedSummary>;
  /**
   * Singleton jobs across replicas. Returns the fencing token while `owner` holds the lock (renewed, or
   * just taken), null while another holder has it. Without `attempt.token` this is an acquisition: it
   * succeeds when the lock is free, or held under `owner` itself (a restarted process recognising its own
   * lock, unless `attempt.reclaim` is false), and issues a token greater than every token before. With
   * `attempt.token` it is a renewal: it succeeds only while that token is still the current one.
   */
  tryLock(name: string, owner: string, ttlMs: number, attempt?: LockAttempt): Promise<number | null>;
  /** Frees the lock if `owner` holds it (and, with `token`, still under that token). Tokens are never reused. */
  releaseLock(name: string, owner: string, token?: number): Promise<void>;
  /** The current holder of a lock, or null when nobody holds it (/readyz: is any replica polling?). */
  lockHolder(name: string): Promise<string | null>;
  /**
   * The state's generation (epoch): a random id set once when the state is initialised, gone with the
   * state. A changed or missing generation means the state was lost (FLUSHDB, Redis restarted empty) —
   * versions start again, and whoever remembered the old id must reload (see StateInfo).
   */
  stateInfo(): Promise<StateInfo>;
  /** The generation, set now if there is none (atomically: the first caller's id wins). */
  ensureGeneration(): Promise<string>;
  /** The writer has published its whole window into this generation (StateInfo.loaded). */
  markLoaded(generation: string): Promise<void>;
  /** Resolves when the store answers; rejects otherwise (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StateInfo {
  /** Null: the state is missing (never initialised, or lost). */
  generation: string | null;
  /** The generation the ingest last finished publishing its whole window into, or null. */
  loaded: string | null;
}

/** Bound of the dead-letter list: enough to diagnose, never a memory leak on a hostile feed. */
export const DEAD_LETTER_LIMIT = 500;
/** Approximate bound of the change feed: readers that fall further behind resync from a snapshot. */
export const CHANGE_FEED_LIMIT = 10_000;
