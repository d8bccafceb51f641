/**
 * Camera and AI alerts as ingest and realtime share them. Separate from store.ts (indicator groups):
 * its own keys, its own change feed. Two implementations behave the same (alert-store.contract.ts runs on
 * both): Redis for several processes, in-process for the single-process demo.
 *
 * The merge rules (lifecycle, dedupe) live in ingest/alerts/merge.ts as pure functions; the store only
 * offers an atomic compare-and-set on the alert's version, so two ingest replicas that race on the same
 * alert cannot lose an update: the loser re-reads and merges again. Every ingest replica runs every feed
 * consumer (ingest/feeds.ts), so the same event arrives twice: keyed by the alert id and version, the
 * second copy finds the first already written and changes nothing.
 */
import type { Alert, CameraStatus } from '../contract/alerts.ts';

export type AlertChange =
  { type: 'alert:raised' | 'alert:updated'; alert: Alert } | { type: 'camera:status-changed'; status: CameraStatus };

export interface AlertStore {
  get(id: string): Promise<Alert | null>;
  /**
   * Writes `next` when the stored copy's version is `expectedVersion` (0: no stored copy) and `next` is
   * newer than it: a copy whose version is lower than or equal to the stored one never overwrites it.
   * One atomic step (a Lua script in Redis). `publish` appends the change to the bounded history stream
   * (which is also the change feed); a silent write (e.g. only lastSeenAt moved) does not. Returns false
   * when another writer got there first.
   */
  put(next: Alert, expectedVersion: number, publish: 'alert:raised' | 'alert:updated' | null): Promise<boolean>;
  /** Every alert in state active. */
  listActive(limit?: number): Promise<Alert[]>;
  /** Latest copies of the most recently changed alerts (active or ended), newest change first. */
  recent(limit: number): Promise<Alert[]>;
  /** Stores a camera's status; publishes when its state changed. Returns whether it was published. */
  setCameraStatus(status: CameraStatus): Promise<boolean>;
  getCameraStatuses(): Promise<CameraStatus[]>;
  /** Follows the change feed from now on, in order. */
  subscribe(handler: (change: AlertChange) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Approximate bound of the history/change stream. */
export const ALERT_HISTORY_LIMIT = 10_000;
/** Ended alerts are remembered this long for dedupe (a late duplicate must not raise them again). */
export const ALERT_RETENTION_MS = 48 * 3600_000;
/** Upper bound of the active set read for a snapshot: a runaway feed cannot make snapshots unbounded. */
export const ACTIVE_LIMIT = 2000;
