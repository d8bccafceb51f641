/**
 * The alert layers' data, frame by frame, as a plain object: alerts go into an AlertBuffer (typed arrays
 * updated in place) for the points and the heat map; alerts received in the last PULSE_MS also pulse (at
 * most MAX_PULSES, the newest). Time comes in as `nowMs`: the model never reads a clock, so a frame is a
 * function of its inputs and tests drive it with a table.
 *
 * frame() updates the buffer incrementally (only alerts whose version changed) and is idempotent: the
 * same inputs give the same frame, so React may compute it twice for one render (strict mode) and the
 * hook can call it from a memo.
 */
import type { Alert } from '../../../contract/alerts.ts';
import { AlertBuffer, forgetMissing, heatRefreshDue, type AlertPointInput } from './alert-buffer.ts';
import { PULSE_MS, type BinaryPoints, type Pulse } from './layers.ts';

/** How often the heat map takes the latest alert points (it aggregates a window of many minutes). */
export const HEAT_REFRESH_MS = 10_000;
/** A burst of alerts pulses its newest ones; the rest are points like any other. */
export const MAX_PULSES = 40;
/** One empty list, so "no pulses" keeps its identity across frames (the map rebuilds layers on change). */
const NO_PULSES: Pulse[] = [];

export type Place = { lon: number; lat: number };

/** Where an alert is: its own location, else its camera's. */
export function alertPosition(a: Alert, cameraAt: ReadonlyMap<string, Place>): Place | null {
  if (a.location && Number.isFinite(a.location.lon) && Number.isFinite(a.location.lat)) return a.location;
  return cameraAt.get(a.cameraId) ?? null;
}

export interface AlertFrame {
  points: BinaryPoints;
  /** The points as of the last heat refresh (at most every HEAT_REFRESH_MS). */
  heat: BinaryPoints;
  pulses: Pulse[];
  /** When the heat map's own task should run, in ms from `nowMs`; null: none needed. */
  heatWaitMs: number | null;
  /** When the oldest pulse ends, in ms from `nowMs` (the CSS animation has faded it by then); null: no pulse. */
  nextExpiryMs: number | null;
}

export class AlertLayerModel {
  private readonly buffer = new AlertBuffer(1024);
  /** The version of each alert already in the buffer. */
  private readonly seen = new Map<string, number>();
  /** When each alert was first seen here (our clock): pulses start then, so a reload replays nothing. */
  private readonly bornAt = new Map<string, number>();
  private heat: { version: number; data: BinaryPoints; takenAtMs: number } | null = null;
  private heatTaskSeen = 0;

  get size(): number {
    return this.buffer.length;
  }

  /** Points straight into the buffer (bench/map-frame.ts); the next frame shows them. */
  push(items: readonly AlertPointInput[]): void {
    this.buffer.upsert(items);
  }

  /** The next frame takes the heat map's points as when it shows nothing (the bench times that). */
  forgetHeat(): void {
    this.heat = null;
  }

  /**
   * `heatTask` grows each time the heat map's own task ran (its timer): the first frame that sees a new
   * value is that task, the only frame allowed to re-aggregate a heat map that shows something.
   */
  frame(
    alerts: readonly Alert[],
    cameraAt: ReadonlyMap<string, Place>,
    nowMs: number,
    heatWindowMs: number,
    heatTask: number,
  ): AlertFrame {
    const items: AlertPointInput[] = [];
    for (const a of alerts) {
      if (this.seen.get(a.id) === a.version) continue;
      const at = alertPosition(a, cameraAt);
      if (!at) continue;
      this.seen.set(a.id, a.version);
      const received = Date.parse(a.receivedAt);
      items.push({ id: a.id, lon: at.lon, lat: at.lat, severity: a.severity, at: Number.isFinite(received) ? received : nowMs });
      // A server clock ahead of ours must not make a pulse last longer than PULSE_MS.
      if (!this.bornAt.has(a.id)) this.bornAt.set(a.id, Number.isFinite(received) ? Math.min(received, nowMs) : nowMs);
    }
    if (items.length) {
      this.buffer.upsert(items);
      // The alert list is bounded; what left it needs no version or birth time (a wall runs for weeks).
      const listed = new Set(alerts.map((a) => a.id));
      forgetMissing(this.seen, listed);
      forgetMissing(this.bornAt, listed);
    }
    this.buffer.dropBefore(nowMs - heatWindowMs);

    const ownTask = heatTask !== this.heatTaskSeen;
    this.heatTaskSeen = heatTask;
    const h = this.heat;
    const due = heatRefreshDue(
      h && { version: h.version, length: h.data.length, takenAtMs: h.takenAtMs },
      this.buffer.version,
      nowMs,
      HEAT_REFRESH_MS,
      ownTask,
    );
    const heat = due.take || !h ? { ...this.buffer.snapshot(), takenAtMs: nowMs } : h;
    this.heat = heat;

    // Pulses: active alerts received in the last PULSE_MS, newest first, at most MAX_PULSES.
    let pulses: Pulse[] = [];
    for (const a of alerts) {
      const born = this.bornAt.get(a.id);
      if (born === undefined || nowMs - born >= PULSE_MS || a.state !== 'active') continue;
      const at = alertPosition(a, cameraAt);
      if (at) pulses.push({ id: a.id, lon: at.lon, lat: at.lat, severity: a.severity, bornAt: born });
    }
    if (pulses.length > MAX_PULSES) pulses = pulses.sort((x, y) => y.bornAt - x.bornAt).slice(0, MAX_PULSES);
    const nextExpiryMs = pulses.length ? Math.max(0, Math.min(...pulses.map((x) => x.bornAt + PULSE_MS)) - nowMs) : null;
    return {
      points: this.buffer.binary(),
      heat: heat.data,
      pulses: pulses.length ? pulses : NO_PULSES,
      heatWaitMs: due.waitMs,
      nextExpiryMs,
    };
  }
}
