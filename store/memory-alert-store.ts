/** The in-process alert store (single-process demo, tests). Same semantics as the Redis one. */
import { EventEmitter } from 'node:events';
import type { Alert, CameraStatus } from '../contract/alerts.ts';
import { type AlertChange, type AlertStore, ACTIVE_LIMIT, ALERT_HISTORY_LIMIT, ALERT_RETENTION_MS } from './alert-store.ts';

export function createMemoryAlertStore(opts: { historyLimit?: number; now?: () => number } = {}): AlertStore {
  const historyLimit = opts.historyLimit ?? ALERT_HISTORY_LIMIT;
  const now = opts.now ?? Date.now;
  const byId = new Map<string, Alert>();
  /** Time of the last write per id: retention counts from it. */
  const written = new Map<string, number>();
  const active = new Set<string>();
  /** History/change stream: ids in change order (copies are read from byId: the latest one). */
  let history: string[] = [];
  const cameras = new Map<string, CameraStatus>();
  const feed = new EventEmitter();
  feed.setMaxListeners(0);

  const emit = (c: AlertChange) => queueMicrotask(() => feed.emit('change', c));

  // Pruning walks every alert, so it runs only when the map has doubled since the last walk: the cost
  // per write stays constant (a walk on every write made a busy feed quadratic).
  let pruneAtSize = 4096;
  const prune = () => {
    if (byId.size < pruneAtSize) return;
    const cutoff = now() - ALERT_RETENTION_MS;
    for (const [id, a] of byId) {
      if (a.state !== 'ended' || (written.get(id) ?? 0) >= cutoff) continue;
      byId.delete(id);
      written.delete(id);
    }
    pruneAtSize = Math.max(4096, byId.size * 2);
  };

  return {
    async get(id) {
      return byId.get(id) ?? null;
    },
    async put(next, expectedVersion, publish) {
      const stored = byId.get(next.id)?.version ?? 0;
      if (stored !== expectedVersion || next.version <= stored) return false;
      byId.set(next.id, next);
      written.set(next.id, now());
      if (next.state === 'active') active.add(next.id);
      else active.delete(next.id);
      if (publish) {
        history.push(next.id);
        if (history.length > historyLimit * 1.1) history = history.slice(-historyLimit);
        emit({ type: publish, alert: next });
      }
      prune();
      return true;
    },
    async listActive(limit = ACTIVE_LIMIT) {
      const out: Alert[] = [];
      for (const id of active) {
        const a = byId.get(id);
        if (a) out.push(a);
        if (out.length >= limit) break;
      }
      return out;
    },
    async recent(limit) {
      const seen = new Set<string>();
      const out: Alert[] = [];
      for (let i = history.length - 1; i >= 0 && out.length < limit; i--) {
        const id = history[i]!;
        if (seen.has(id)) continue;
        seen.add(id);
        const a = byId.get(id);
        if (a) out.push(a);
      }
      return out;
    },
    async setCameraStatus(status) {
      const cur = cameras.get(status.cameraId);
      cameras.set(status.cameraId, status);
      if (cur && cur.state === status.state) return false;
      emit({ type: 'camera:status-changed', status });
      return true;
    },
    async getCameraStatuses() {
      return [...cameras.values()];
    },
    async subscribe(handler) {
      const l = (c: AlertChange) => handler(c);
      feed.on('change', l);
      return async () => void feed.off('change', l);
    },
    async ping() {},
    async close() {
      feed.removeAllListeners();
    },
  };
}
