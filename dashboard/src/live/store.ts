/**
 * The wall's live state: per indicator group, the last snapshot with the deltas applied in version
 * order. Pure (no socket, no DOM): the socket client feeds it; React reads it through
 * useSyncExternalStore with a key per group, so a delta re-renders only the panels of its group.
 *
 * Rules (contract: docs of `group:updated`):
 *  - a snapshot replaces the group's state (values, version);
 *  - a delta with version === current + 1 is applied; version <= current is ignored (already seen);
 *    a coalesced delta (`fromVersion`…`version`, values merged) is applied when fromVersion <= current + 1
 *    < version + 1, which gives the same state as its versions one by one;
 *  - a first version > current + 1 is a gap: the group asks for a snapshot again (onGap) and buffers deltas
 *    until it arrives, then applies the buffered ones that follow it;
 *  - while a subscription is pending, deltas are buffered (they may overtake the snapshot);
 *  - data is never dropped on disconnect: the wall keeps showing it, with its as-of time.
 * Notifications are batched: listeners run once per flush (one animation frame), however many
 * deltas arrived in between.
 */
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../../../contract/messages.ts';
import { valueKey } from '../../../contract/value-key.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface GroupView {
  group: string;
  /** loading: no snapshot yet; error: the subscription failed and there is no data to show. */
  status: 'loading' | 'ready' | 'error';
  /** -1 until the first snapshot. */
  version: number;
  /** ISO time of the group's last update on the server. */
  at: string | null;
  /** Keyed by contract valueKey(). The same Map object until the group changes. */
  values: ReadonlyMap<string, IndicatorValue>;
  /** Why the subscription failed (Vietnamese, for the panel frame); may be set while data is kept. */
  error: string | null;
  /** A snapshot has been asked for (first load, gap or reconnect) and has not arrived yet. */
  resyncing: boolean;
}

export interface ConnectionView {
  state: ConnectionState;
  /** When the server was lost: the figures on the wall are as of this time. */
  offlineSince: Date | null;
  /** Last snapshot or delta received. */
  lastDataAt: Date | null;
  /** Grows each time the server asks every client to resync (configuration changed). */
  resyncs: number;
}

export interface LiveStats {
  snapshots: number;
  applied: number;
  ignored: number;
  buffered: number;
  gaps: number;
  flushes: number;
}

interface GroupState {
  version: number;
  at: string | null;
  values: Map<string, IndicatorValue>;
  /** The values Map is shared with the published view: copy before writing. */
  shared: boolean;
  status: GroupView['status'];
  error: string | null;
  pending: boolean;
  buffer: GroupUpdated[];
}

export interface LiveStoreOptions {
  /** Runs `flush` later (default: next animation frame, with a timer fallback for hidden pages). */
  schedule?: (flush: () => void) => void;
  /** Called when a gap is detected: the client re-subscribes the group. */
  onGap?: (group: string) => void;
  now?: () => Date;
}

/** Deltas kept while waiting for a snapshot; beyond this the snapshot plus one resync will do. */
const MAX_BUFFER = 2000;

export function defaultSchedule(flush: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  // Hidden pages get no frames; a kiosk is visible, but state must not pile up unseen either.
  setTimeout(run, 250);
}

const EMPTY: ReadonlyMap<string, IndicatorValue> = new Map();
export const CONNECTION_KEY = 'connection';
export const groupKey = (group: string) => `group:${group}`;

export class LiveStore {
  private readonly groups = new Map<string, GroupState>();
  private readonly views = new Map<string, GroupView>();
  private connection: ConnectionView = { state: 'connecting', offlineSince: null, lastDataAt: null, resyncs: 0 };
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly schedule: (flush: () => void) => void;
  private readonly now: () => Date;
  onGap: (group: string) => void;
  readonly stats: LiveStats = { snapshots: 0, applied: 0, ignored: 0, buffered: 0, gaps: 0, flushes: 0 };

  constructor(opts: LiveStoreOptions = {}) {
    this.schedule = opts.schedule ?? defaultSchedule;
    this.onGap = opts.onGap ?? (() => {});
    this.now = opts.now ?? (() => new Date());
  }

  // ---- reading (React) ----

  getGroup(group: string): GroupView | undefined {
    return this.views.get(group);
  }

  getConnection(): ConnectionView {
    return this.connection;
  }

  /** Listens to one key (`group:<id>` or `connection`); returns the unsubscribe function. */
  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Groups the store holds (subscribed or being subscribed). */
  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  // ---- writing (socket client) ----

  /** A subscribe request is on its way: buffer deltas until its snapshot arrives. Keeps shown data. */
  markPending(groups: readonly string[]): void {
    for (const g of groups) {
      let s = this.groups.get(g);
      if (!s) {
        s = {
          version: -1,
          at: null,
          values: new Map(),
          shared: false,
          status: 'loading',
          error: null,
          pending: true,
          buffer: [],
        };
        this.groups.set(g, s);
      } else if (!s.pending) {
        // Already pending (e.g. a gap just buffered the delta that revealed it): keep the buffer.
        s.pending = true;
        s.buffer = [];
      }
      this.touch(groupKey(g));
    }
  }

  /** Replaces the group's state, then applies deltas that arrived ahead of it. */
  applySnapshot(snap: GroupSnapshot): void {
    const prev = this.groups.get(snap.group);
    const values = new Map<string, IndicatorValue>();
    for (const v of snap.values) values.set(valueKey(v), v);
    const s: GroupState = {
      version: snap.version,
      at: snap.at,
      values,
      shared: false,
      status: 'ready',
      error: null,
      pending: false,
      buffer: [],
    };
    this.groups.set(snap.group, s);
    this.stats.snapshots++;
    this.connectionData();
    this.touch(groupKey(snap.group));
    const buffered = (prev?.buffer ?? []).slice().sort((a, b) => a.version - b.version);
    for (const u of buffered) this.applyUpdate(u);
  }

  /** Result tells tests what happened; the client only cares that gaps call onGap. */
  applyUpdate(u: GroupUpdated): 'applied' | 'ignored' | 'buffered' | 'gap' {
    const s = this.groups.get(u.group);
    if (!s) {
      this.stats.ignored++;
      return 'ignored';
    }
    if (s.pending) {
      if (s.buffer.length < MAX_BUFFER) s.buffer.push(u);
      this.stats.buffered++;
      return 'buffered';
    }
    // A coalesced delta (fromVersion…version merged) applies to any state from fromVersion - 1 on.
    const from = u.fromVersion ?? u.version;
    if (u.version <= s.version) {
      this.stats.ignored++;
      return 'ignored';
    }
    if (from > s.version + 1) {
      s.pending = true;
      s.buffer = [u];
      this.stats.gaps++;
      this.touch(groupKey(u.group));
      this.onGap(u.group);
      return 'gap';
    }
    if (s.shared) {
      s.values = new Map(s.values);
      s.shared = false;
    }
    for (const c of u.changes) s.values.set(valueKey(c), c);
    s.version = u.version;
    s.at = u.at;
    this.stats.applied++;
    this.connectionData();
    this.touch(groupKey(u.group));
    return 'applied';
  }

  /** The subscription failed: a group without data shows the error; a group with data keeps it. */
  failSubscribe(groups: readonly string[], message: string): void {
    for (const g of groups) {
      const s = this.groups.get(g);
      if (!s) continue;
      s.pending = false;
      s.buffer = [];
      s.error = message;
      if (s.version < 0) s.status = 'error';
      this.touch(groupKey(g));
    }
  }

  /** Forget a group nobody shows any more. */
  drop(group: string): void {
    if (this.groups.delete(group)) this.touch(groupKey(group));
  }

  setConnection(state: ConnectionState): void {
    const c = this.connection;
    if (c.state === state) return;
    const wasOnline = c.state === 'online';
    const offlineSince =
      state === 'online' ? null : wasOnline ? this.now() : (c.offlineSince ?? (c.lastDataAt ? c.lastDataAt : null));
    this.connection = { ...c, state, offlineSince };
    this.touch(CONNECTION_KEY);
  }

  noteResync(): void {
    this.connection = { ...this.connection, resyncs: this.connection.resyncs + 1 };
    this.touch(CONNECTION_KEY);
  }

  /** Publishes changed groups and notifies their listeners. Called by the scheduler; tests call it directly. */
  flush(): void {
    this.scheduled = false;
    if (this.dirty.size === 0) return;
    this.stats.flushes++;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) {
      if (!key.startsWith('group:')) continue;
      const g = key.slice('group:'.length);
      const s = this.groups.get(g);
      if (!s) {
        this.views.delete(g);
        continue;
      }
      s.shared = true;
      this.views.set(g, {
        group: g,
        status: s.status,
        version: s.version,
        at: s.at,
        values: s.values.size === 0 && s.version < 0 ? EMPTY : s.values,
        error: s.error,
        resyncing: s.pending,
      });
    }
    for (const key of keys) {
      const set = this.listeners.get(key);
      if (!set) continue;
      for (const l of [...set]) l();
    }
  }

  private connectionData(): void {
    // Data time moves silently: only the connection listeners of a state change re-render.
    this.connection.lastDataAt = this.now();
  }

  private touch(key: string): void {
    this.dirty.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }
}
