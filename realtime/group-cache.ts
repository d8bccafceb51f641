/**
 * Each realtime node keeps every subscribed group's state in memory, follows the store's change feed,
 * and answers subscriptions from memory. Updating the cache and emitting the delta happen in the same
 * synchronous step, so a client that joins a room and reads a snapshot in one step sees every later
 * version exactly once.
 *
 * When the feed of a cached group is not continuous (feed-continuity.ts: a gap, or the store started
 * again), the group is read again from the store and `onResync` tells its subscribers to subscribe again:
 * a delta cannot repair state that is older or newer than the store's.
 */
import type { GroupSnapshot, GroupUpdated, IndicatorValue, ResyncReason } from '../contract/messages.ts';
import { valueKey } from '../contract/value-key.ts';
import type { Store } from '../store/store.ts';
import { feedStep } from './feed-continuity.ts';

/** A group's state as cached: updated in place as the feed goes on. */
export interface CachedGroup {
  version: number;
  at: string;
  values: Map<string, IndicatorValue>;
}

/** A read of a group from the store in progress, and the updates the feed carried meanwhile. */
interface Loading {
  promise: Promise<CachedGroup>;
  arrived: GroupUpdated[];
  /** The feed broke while reading: what was read may be from either side of the break. */
  broken?: ResyncReason;
}

export interface GroupCacheEvents {
  /** Every update in feed order, after the cache has applied it (not the ones that broke the feed). */
  onUpdate(update: GroupUpdated): void;
  /** The feed of a cached group broke; the group is being read again and its subscribers must resubscribe. */
  onResync(group: string, reason: ResyncReason): void;
  onError(err: unknown, group: string): void;
}

export class GroupCache {
  private readonly groups = new Map<string, CachedGroup>();
  private readonly loading = new Map<string, Loading>();
  /** The version the feed carried last, per group: the feed's own continuity, whatever is cached. */
  private readonly feedVersions = new Map<string, number>();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly store: Store,
    private readonly events: GroupCacheEvents,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.store.subscribe((u) => this.apply(u));
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The group's state, loading it from the store the first time. */
  async ensure(group: string): Promise<CachedGroup> {
    return this.groups.get(group) ?? (this.loading.get(group) ?? this.load(group)).promise;
  }

  /**
   * The current state of every group at one moment, loading what is missing, so the caller can join
   * their rooms and read them in one synchronous step (a state dropped for a resync meanwhile is waited for).
   */
  async current(groups: readonly string[]): Promise<CachedGroup[]> {
    for (;;) {
      await Promise.all(groups.map((g) => this.ensure(g)));
      const states = groups.map((g) => this.groups.get(g));
      if (states.every((s): s is CachedGroup => s !== undefined)) return states;
    }
  }

  /**
   * The store's state was lost (its generation changed or vanished: state-watch.ts): what the feed carried
   * before means nothing now. Every cached group is read again and its subscribers resync, so no client
   * takes the new versions as a continuation of the old ones.
   */
  storeReset(): void {
    this.feedVersions.clear();
    for (const l of this.loading.values()) l.broken ??= 'store-reset';
    for (const group of [...this.groups.keys()])
      this.resync(group, 'store-reset').catch((err: unknown) => this.events.onError(err, group));
  }

  private load(group: string): Loading {
    const entry: Loading = {
      arrived: [],
      promise: this.store.getGroup(group).then(
        (snap) => this.loaded(group, entry, snap),
        (err: unknown) => {
          this.loading.delete(group);
          throw err;
        },
      ),
    };
    this.loading.set(group, entry);
    return entry;
  }

  private loaded(group: string, entry: Loading, snap: GroupSnapshot): CachedGroup | Promise<CachedGroup> {
    this.loading.delete(group);
    if (entry.broken) return this.resync(group, entry.broken);
    const g: CachedGroup = { version: snap.version, at: snap.at, values: new Map(snap.values.map((v) => [valueKey(v), v])) };
    // What the feed carried during the read, after what `snap` holds; a hole between them is a break too.
    for (const u of entry.arrived) {
      const step = feedStep(undefined, g, u);
      if (step === 'apply') applyTo(g, u);
      else if (step !== 'skip') return this.resync(group, step);
    }
    this.groups.set(group, g);
    return g;
  }

  /** Drops the group, reads it again and tells its subscribers; resolves with the fresh state. */
  private resync(group: string, reason: ResyncReason): Promise<CachedGroup> {
    this.groups.delete(group);
    const reload = this.ensure(group);
    this.events.onResync(group, reason);
    return reload;
  }

  private apply(u: GroupUpdated): void {
    const last = this.feedVersions.get(u.group);
    this.feedVersions.set(u.group, u.version);
    const loading = this.loading.get(u.group);
    const cached = this.groups.get(u.group);
    const step = feedStep(last, loading ? undefined : cached, u);
    if (step === 'skip') return; // already in the snapshot (read after the update was written)
    if (step !== 'apply' && (loading || cached)) {
      // Not relayed: the subscribers are told to subscribe again instead.
      if (loading) loading.broken ??= step;
      else this.resync(u.group, step).catch((err: unknown) => this.events.onError(err, u.group));
      return;
    }
    if (loading) loading.arrived.push(u);
    else if (cached) applyTo(cached, u);
    // Nothing cached: nobody on this node follows the group, or its reload failed (clients check versions).
    this.events.onUpdate(u);
  }
}

function applyTo(g: CachedGroup, u: GroupUpdated): void {
  for (const v of u.changes) g.values.set(valueKey(v), v);
  g.version = u.version;
  g.at = u.at;
}
