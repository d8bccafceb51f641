/**
 * The state ingest and realtime share. Ingest writes group changes; realtime reads snapshots and follows
 * the change feed. Two implementations behave the same (store.contract.ts runs on both): Redis for
 * deployments with several processes, in-process for the single-process demo.
 */
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import type { DeadLetter, RejectedSummary } from '../contract/http.ts';

export interface Store {
  /**
   * Writes changed values of one group and publishes them as one update whose version is the group's
   * previous version + 1. Atomic: a reader sees the state before or after, never half of it.
   */
  applyChanges(group: string, changes: IndicatorValue[], at: string): Promise<number>;
  /** The group's full state (version 0 and no values when nothing was written yet). */
  getGroup(group: string): Promise<GroupSnapshot>;
  /** Follows the change feed from now on; updates of one group arrive in version order. */
  subscribe(handler: (update: GroupUpdated) => void): Promise<() => Promise<void>>;
  /** Keeps a rejected input for staff (bounded) and counts it by source and reason. */
  recordRejected(entry: DeadLetter): Promise<void>;
  getRejected(limit?: number): Promise<RejectedSummary>;
  /** Singleton jobs across replicas: true when `owner` holds (or now took) the lock. */
  tryLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
  /** Resolves when the store answers; rejects otherwise (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Bound of the dead-letter list: enough to diagnose, never a memory leak on a hostile feed. */
export const DEAD_LETTER_LIMIT = 500;
/** Approximate bound of the change feed: readers that fall further behind resync from a snapshot. */
export const CHANGE_FEED_LIMIT = 10_000;
