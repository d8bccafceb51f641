/** The in-process store: one Node process runs ingest and realtime (the demo when REDIS_URL is unset). */
import { EventEmitter } from 'node:events';
import type { DeadLetter, RejectedSummary } from '../contract/http.ts';
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import { valueKey } from '../contract/value-key.ts';
import { type Store, DEAD_LETTER_LIMIT } from './store.ts';

interface GroupState {
  version: number;
  at: string;
  values: Map<string, IndicatorValue>;
}

export function createMemoryStore(): Store {
  const groups = new Map<string, GroupState>();
  const feed = new EventEmitter();
  feed.setMaxListeners(0);
  const counts = new Map<string, number>();
  const recent: DeadLetter[] = [];
  const locks = new Map<string, { owner: string; until: number }>();

  return {
    async applyChanges(group, changes, at) {
      let state = groups.get(group);
      if (!state) groups.set(group, (state = { version: 0, at, values: new Map() }));
      for (const v of changes) state.values.set(valueKey(v), v);
      state.version += 1;
      state.at = at;
      const update: GroupUpdated = { group, version: state.version, at, changes };
      // Asynchronous like Redis, so code written against one store behaves the same on the other.
      queueMicrotask(() => feed.emit('update', update));
      return state.version;
    },
    async getGroup(group): Promise<GroupSnapshot> {
      const state = groups.get(group);
      if (!state) return { group, version: 0, at: new Date(0).toISOString(), values: [] };
      return { group, version: state.version, at: state.at, values: [...state.values.values()] };
    },
    async subscribe(handler) {
      const listener = (u: GroupUpdated) => handler(u);
      feed.on('update', listener);
      return async () => void feed.off('update', listener);
    },
    async recordRejected(entry) {
      const k = `${entry.source}|${entry.reason}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      recent.unshift(entry);
      if (recent.length > DEAD_LETTER_LIMIT) recent.length = DEAD_LETTER_LIMIT;
    },
    async getRejected(limit = 50): Promise<RejectedSummary> {
      return { counts: Object.fromEntries(counts), recent: recent.slice(0, limit) };
    },
    async tryLock(name, owner, ttlMs) {
      const now = Date.now();
      const held = locks.get(name);
      if (held && held.owner !== owner && held.until > now) return false;
      locks.set(name, { owner, until: now + ttlMs });
      return true;
    },
    async releaseLock(name, owner) {
      if (locks.get(name)?.owner === owner) locks.delete(name);
    },
    async ping() {},
    async close() {
      feed.removeAllListeners();
    },
  };
}
