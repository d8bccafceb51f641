/** The in-process store: one Node process runs ingest and realtime (the demo when REDIS_URL is unset). */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { DeadLetter, RejectedSummary } from '../contract/http.ts';
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import { valueKey } from '../contract/value-key.ts';
import { type Fence, StaleFenceError, decideLock } from './lease.ts';
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
  /** The current fencing token of each lock (kept after release: tokens only grow). */
  const tokens = new Map<string, number>();
  // In one process the state lives as long as the process: its generation never changes.
  const generation = randomUUID();
  let loaded: string | null = null;
  const checkFence = (fence: Fence | undefined) => {
    if (fence && tokens.get(fence.lock) !== fence.token) throw new StaleFenceError(fence.lock, fence.token);
  };

  return {
    async applyChanges(group, changes, at, fence) {
      checkFence(fence);
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
    async recordRejected(entry, fence) {
      checkFence(fence);
      const k = `${entry.source}|${entry.reason}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      recent.unshift(entry);
      if (recent.length > DEAD_LETTER_LIMIT) recent.length = DEAD_LETTER_LIMIT;
    },
    async getRejected(limit = 50): Promise<RejectedSummary> {
      return { counts: Object.fromEntries(counts), recent: recent.slice(0, limit) };
    },
    async tryLock(name, owner, ttlMs, attempt = {}) {
      const now = Date.now();
      const held = locks.get(name);
      const holder = held && held.until > now ? held.owner : null;
      const d = decideLock({ holder, token: tokens.get(name) ?? 0 }, owner, attempt, now);
      if (d.grant === null) return null;
      tokens.set(name, d.token);
      locks.set(name, { owner, until: now + ttlMs });
      return d.token;
    },
    async releaseLock(name, owner, token) {
      const held = locks.get(name);
      if (held?.owner === owner && (token === undefined || tokens.get(name) === token)) locks.delete(name);
    },
    async lockHolder(name) {
      const held = locks.get(name);
      return held && held.until > Date.now() ? held.owner : null;
    },
    async stateInfo() {
      return { generation, loaded };
    },
    async ensureGeneration() {
      return generation;
    },
    async markLoaded(g) {
      loaded = g;
    },
    async ping() {},
    async close() {
      feed.removeAllListeners();
    },
  };
}
