/**
 * Lifecycle and dedupe rules of one alert (feeds.md §7.1), pure:
 *  - the first copy creates the alert (raised), whatever its state;
 *  - active → ended is the only state change; ended never goes back to active;
 *  - after the end, later copies may only enrich (plate, sub-label, snapshot, a better score);
 *  - a copy that changes nothing visible is a duplicate (null), so QoS-1 redeliveries change nothing;
 *  - a copy that only moves lastSeenAt is a silent "touch" (stored, not broadcast).
 */
import type { Alert } from '../../contract/alerts.ts';
import { SEVERITY_ORDER } from './validate.ts';

export type MergeResult = { next: Alert; publish: 'alert:updated' | null } | null;

/** The fields an operator sees: a change in any of them is broadcast. */
const VISIBLE: (keyof Alert)[] = [
  'state',
  'endedAt',
  'severity',
  'score',
  'subLabel',
  'plate',
  'zone',
  'bbox',
  'snapshotUrl',
  'kind',
  'label',
  'clockSuspect',
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeAlert(prev: Alert, incoming: Alert): MergeResult {
  const next: Alert = { ...prev };
  if (prev.state === 'ended') {
    // Enrich only.
    if (incoming.plate && !prev.plate) next.plate = incoming.plate;
    if (incoming.subLabel && !prev.subLabel) next.subLabel = incoming.subLabel;
    if (incoming.snapshotUrl && !prev.snapshotUrl) next.snapshotUrl = incoming.snapshotUrl;
    if (incoming.score !== null && (prev.score === null || incoming.score > prev.score)) next.score = incoming.score;
  } else {
    next.kind = incoming.kind;
    next.label = incoming.label;
    next.subLabel = incoming.subLabel ?? prev.subLabel;
    next.plate = incoming.plate ?? prev.plate;
    next.zone = incoming.zone ?? prev.zone;
    next.bbox = incoming.bbox ?? prev.bbox;
    next.snapshotUrl = incoming.snapshotUrl ?? prev.snapshotUrl;
    next.score =
      incoming.score === null ? prev.score : prev.score === null ? incoming.score : Math.max(prev.score, incoming.score);
    next.clockSuspect = incoming.clockSuspect;
    next.skewMs = incoming.skewMs ?? prev.skewMs ?? null;
    if (incoming.state === 'ended') {
      next.state = 'ended';
      next.endedAt = incoming.endedAt ?? incoming.lastSeenAt;
    }
  }
  // Severity only ever rises (a review `alert` or a watch-list hit); it never quietly drops.
  if (SEVERITY_ORDER.indexOf(incoming.severity) > SEVERITY_ORDER.indexOf(prev.severity)) next.severity = incoming.severity;
  if (incoming.lastSeenAt > prev.lastSeenAt) next.lastSeenAt = incoming.lastSeenAt;
  const visible = VISIBLE.some((k) => !same(prev[k], next[k]));
  if (visible) return { next: { ...next, version: prev.version + 1 }, publish: 'alert:updated' };
  if (next.lastSeenAt !== prev.lastSeenAt) return { next: { ...next, version: prev.version + 1 }, publish: null };
  return null;
}

/**
 * Ends an alert (idle timeout, stale). null when it already ended. Never before its start: a device a
 * little ahead of our clock starts an alert after the time we last heard of it.
 */
export function endAlert(prev: Alert, endedAt: string): Alert | null {
  if (prev.state === 'ended') return null;
  const end = Date.parse(endedAt) < Date.parse(prev.startedAt) ? prev.startedAt : endedAt;
  return { ...prev, state: 'ended', endedAt: end, version: prev.version + 1 };
}
