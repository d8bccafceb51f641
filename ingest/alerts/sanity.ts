/**
 * Whether an alert's times make it a live event, pure. Device clocks are placed on ours first
 * (device-clock.ts); what is left to refuse is an alert that cannot be right on any clock:
 *  - an end before its start (on the device's own clock, or on ours against the stored start beyond
 *    the clock tolerance; within it, the end is moved to the start: skew-estimate noise, not a lie);
 *  - a start or an end further in the future than LIMITS.futureMs (a clock running fast beyond what
 *    the skew allowance covers);
 *  - a new alert whose start is older than `maxStartAgeMs` (24 h by default). Refused, not marked: the
 *    alert model has no "historical" state the wall understands, so accepting it would raise
 *    yesterday's event as a new alarm on the wall; refused, it stays visible to staff in the dead-letter
 *    list with its key and reason, and the evidence stays at the source. A copy of an alert we already
 *    hold passes whatever its start (a vehicle parked for 30 hours keeps updating its own alert).
 * Every refusal is a FeedReject: counted, dead-lettered and logged like the other feed checks.
 */
import type { Alert } from '../../contract/alerts.ts';
import type { AlertDraft } from './model.ts';
import { FeedReject, LIMITS } from './validate.ts';

export const DEFAULT_MAX_START_AGE_MS = 24 * 3600_000;

export interface LiveWindow {
  /** A new alert whose start is older than this (on our clock) is not a live event. */
  maxStartAgeMs: number;
  /** Disagreement tolerated between our placements of two copies of one alert (feeds' clock skew tolerance). */
  toleranceMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The draft's own times, on the device's clock: an end before the start is refused. */
export function checkDraftTimes(d: Pick<AlertDraft, 'startedAtMs' | 'endedAtMs' | 'dedupeKey'>): void {
  if (d.startedAtMs !== null && d.endedAtMs !== null && d.endedAtMs < d.startedAtMs)
    throw new FeedReject(
      'end-before-start',
      `end ${iso(d.endedAtMs)} is ${Math.round((d.startedAtMs - d.endedAtMs) / 1000)} s before the start ${iso(d.startedAtMs)}`,
      d.dedupeKey,
    );
}

/**
 * The copy about to be written (`next`, merged with the stored `prev`, null when it creates the alert),
 * on our clock. Returns it (its end moved to the start when within the tolerance) or throws FeedReject.
 */
export function checkLiveTimes(next: Alert, prev: Alert | null, receivedMs: number, w: LiveWindow): Alert {
  const started = Date.parse(next.startedAt);
  if (prev === null) {
    if (started < receivedMs - w.maxStartAgeMs)
      throw new FeedReject(
        'start-too-old',
        `start ${next.startedAt} is ${Math.round((receivedMs - started) / 3600_000)} h ago (a live event starts within ${Math.round(w.maxStartAgeMs / 3600_000)} h)`,
        next.dedupeKey,
      );
    if (started > receivedMs + LIMITS.futureMs)
      throw new FeedReject('future-timestamp', `start ${next.startedAt} is in the future`, next.dedupeKey);
  }
  if (next.endedAt === null || next.endedAt === prev?.endedAt) return next;
  const ended = Date.parse(next.endedAt);
  if (ended > receivedMs + LIMITS.futureMs)
    throw new FeedReject('future-timestamp', `end ${next.endedAt} is in the future`, next.dedupeKey);
  if (ended >= started) return next;
  if (started - ended > w.toleranceMs)
    throw new FeedReject('end-before-start', `end ${next.endedAt} is before the start ${next.startedAt}`, next.dedupeKey);
  return { ...next, endedAt: next.startedAt };
}
