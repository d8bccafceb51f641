/**
 * The alert points of the map as typed arrays, updated in place: an alert raised or updated writes its
 * slot (position, colour), so a live update costs O(changed alerts) on the main thread and one buffer
 * upload on the GPU, not a walk over 20,000 objects. Points older than the heat window are dropped
 * (compacted lazily). Pure: no DOM, no deck.gl.
 */
import type { Severity } from '../../../contract/alerts.ts';
import type { BinaryPoints } from './layers.ts';
import { SEVERITY_RGBA } from './layers.ts';

export interface AlertPointInput {
  id: string;
  lon: number;
  lat: number;
  severity: Severity;
  /** ms epoch (our receivedAt). */
  at: number;
}

export class AlertBuffer {
  private positions: Float32Array;
  private colors: Uint8Array;
  private times: Float64Array;
  private ids: string[] = [];
  private slot = new Map<string, number>();
  private n = 0;
  /** No point is older than this (a lower bound): most renders then skip the walk in dropBefore. */
  private oldestAt = Infinity;
  /** Grows on every change: the layer's data identity. */
  version = 0;
  private cached: { version: number; data: BinaryPoints } | null = null;

  constructor(capacity = 1024) {
    this.positions = new Float32Array(capacity * 2);
    this.colors = new Uint8Array(capacity * 4);
    this.times = new Float64Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const p = new Float32Array(cap * 2);
    p.set(this.positions);
    const c = new Uint8Array(cap * 4);
    c.set(this.colors);
    const t = new Float64Array(cap);
    t.set(this.times);
    this.positions = p;
    this.colors = c;
    this.times = t;
  }

  /** Adds or updates alerts; returns how many slots changed. */
  upsert(items: readonly AlertPointInput[]): number {
    let changed = 0;
    for (const a of items) {
      if (!Number.isFinite(a.lon) || !Number.isFinite(a.lat)) continue;
      let i = this.slot.get(a.id);
      if (i === undefined) {
        if (this.n === this.times.length) this.grow();
        i = this.n++;
        this.slot.set(a.id, i);
        this.ids[i] = a.id;
      }
      this.positions[2 * i] = a.lon;
      this.positions[2 * i + 1] = a.lat;
      const c = SEVERITY_RGBA[a.severity] ?? SEVERITY_RGBA.info;
      this.colors.set(c, 4 * i);
      this.times[i] = a.at;
      if (a.at < this.oldestAt) this.oldestAt = a.at;
      changed++;
    }
    if (changed) this.version++;
    return changed;
  }

  /** Drops points older than `since` (ms epoch) by moving the last slot into each hole. */
  dropBefore(since: number): number {
    if (since <= this.oldestAt) return 0;
    let dropped = 0;
    let oldest = Infinity;
    for (let i = 0; i < this.n;) {
      if (this.times[i]! >= since) {
        if (this.times[i]! < oldest) oldest = this.times[i]!;
        i++;
        continue;
      }
      const last = --this.n;
      this.slot.delete(this.ids[i]!);
      if (i !== last) {
        this.positions.copyWithin(2 * i, 2 * last, 2 * last + 2);
        this.colors.copyWithin(4 * i, 4 * last, 4 * last + 4);
        this.times[i] = this.times[last]!;
        this.ids[i] = this.ids[last]!;
        this.slot.set(this.ids[i]!, i);
      }
      this.ids.length = this.n;
      dropped++;
    }
    this.oldestAt = oldest;
    if (dropped) this.version++;
    return dropped;
  }

  /**
   * A copy of the points at this version, for a layer that should not follow every change (the heat
   * map): its arrays stay as they are while the buffer keeps changing in place.
   */
  snapshot(): { version: number; data: BinaryPoints } {
    return {
      version: this.version,
      data: {
        length: this.n,
        attributes: {
          getPosition: { value: this.positions.slice(0, this.n * 2), size: 2 },
          getFillColor: { value: this.colors.slice(0, this.n * 4), size: 4, normalized: true },
        },
      },
    };
  }

  /**
   * Binary data for deck.gl; a new object per version (deck compares data by reference). The arrays are
   * views of the whole capacity (`length` says how many points are drawn): deck.gl reallocates its GPU
   * buffer whenever a value is longer than the last, which a list growing by a few alerts at a time
   * would make happen on nearly every update; at capacity it happens once per doubling.
   */
  binary(): BinaryPoints {
    if (this.cached?.version === this.version) return this.cached.data;
    const data: BinaryPoints = {
      length: this.n,
      attributes: {
        getPosition: { value: this.positions.subarray(0), size: 2 },
        getFillColor: { value: this.colors.subarray(0), size: 4, normalized: true },
      },
    };
    this.cached = { version: this.version, data };
    return data;
  }
}

/**
 * The heat map shows alerts over a window of tens of minutes, and every new data set costs deck.gl a
 * full re-aggregation (bounds and a weights pass over every point, a few ms, more on a slow GPU): it
 * follows the buffer at most once per `refreshMs`, and in a task of its own (`ownTask`: the render its
 * timer caused), never inside a live update, which stays cheap. The exception is a heat map that shows
 * nothing yet: the first alerts appear at once. Says whether to take the points now, and when to run
 * the heat map's own task (ms from now; null: no task needed).
 */
export function heatRefreshDue(
  heat: { version: number; length: number; takenAtMs: number } | null,
  bufferVersion: number,
  nowMs: number,
  refreshMs: number,
  ownTask: boolean,
): { take: boolean; waitMs: number | null } {
  if (heat?.version === bufferVersion) return { take: false, waitMs: null };
  if (heat === null || heat.length === 0) return { take: true, waitMs: null };
  const waitMs = Math.max(0, heat.takenAtMs + refreshMs - nowMs);
  if (waitMs > 0) return { take: false, waitMs };
  return ownTask ? { take: true, waitMs: null } : { take: false, waitMs: 0 };
}

/**
 * Forgets the entries of `map` whose id is not in `keep` once the map has grown past twice `keep`'s size
 * (plus `slackEntries`): per-alert bookkeeping of a page that runs for weeks stays bounded by the alert
 * list it is given, at a cost paid once per doubling rather than on every render.
 */
export function forgetMissing<V>(map: Map<string, V>, keep: ReadonlySet<string>, slackEntries = 512): void {
  if (map.size <= 2 * keep.size + slackEntries) return;
  for (const id of map.keys()) if (!keep.has(id)) map.delete(id);
}
