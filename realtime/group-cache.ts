/**
 * Each realtime node keeps every subscribed group's state in memory, follows the store's change feed,
 * and answers subscriptions from memory. Updating the cache and emitting the delta happen in the same
 * synchronous step, so a client that joins a room and reads a snapshot in one step sees every later
 * version exactly once.
 */
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import { valueKey } from '../contract/value-key.ts';
import type { Store } from '../store/store.ts';

interface CachedGroup {
  version: number;
  at: string;
  values: Map<string, IndicatorValue>;
}

export class GroupCache {
  private readonly groups = new Map<string, CachedGroup>();
  private readonly loading = new Map<string, Promise<CachedGroup>>();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly store: Store,
    /** Called for every update in feed order, after the cache has applied it. */
    private readonly onUpdate: (update: GroupUpdated) => void,
    private readonly onError: (err: unknown, group: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.store.subscribe((u) => this.apply(u));
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The group's state, loading it from the store the first time. */
  async ensure(group: string): Promise<CachedGroup> {
    const cached = this.groups.get(group);
    if (cached) return cached;
    let pending = this.loading.get(group);
    if (!pending) {
      pending = this.load(group).finally(() => this.loading.delete(group));
      this.loading.set(group, pending);
    }
    return pending;
  }

  /** Synchronous read of a loaded group (call ensure first). */
  peek(group: string): CachedGroup | undefined {
    return this.groups.get(group);
  }

  snapshot(group: string, filter: (v: IndicatorValue) => boolean = () => true): GroupSnapshot | undefined {
    const g = this.groups.get(group);
    if (!g) return undefined;
    const values: IndicatorValue[] = [];
    for (const v of g.values.values()) if (filter(v)) values.push(v);
    return { group, version: g.version, at: g.at, values };
  }

  private async load(group: string): Promise<CachedGroup> {
    const snap = await this.store.getGroup(group);
    // Updates that arrived while loading may already be in the cache: keep whichever is newer.
    const existing = this.groups.get(group);
    if (existing && existing.version >= snap.version) return existing;
    const g: CachedGroup = { version: snap.version, at: snap.at, values: new Map(snap.values.map((v) => [valueKey(v), v])) };
    this.groups.set(group, g);
    return g;
  }

  private apply(u: GroupUpdated): void {
    const g = this.groups.get(u.group);
    if (g) {
      if (u.version <= g.version) return; // already have it (loaded after the update was written)
      if (u.version === g.version + 1) {
        for (const v of u.changes) g.values.set(valueKey(v), v);
        g.version = u.version;
        g.at = u.at;
      } else {
        // We missed updates (the feed was trimmed past us): reload; clients see the gap and resync.
        this.groups.delete(u.group);
        this.ensure(u.group).catch((err) => this.onError(err, u.group));
      }
    }
    this.onUpdate(u);
  }
}
