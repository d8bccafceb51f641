/**
 * Which critical alert holds the wall's takeover region: the newest active critical alert that staff
 * have not acknowledged and that has not been on the region longer than the configured timeout. Pure:
 * `firstShown` (when each alert first held the region) goes in and its next value comes out — the same
 * object when nothing changed; pruned to the alerts that still exist, so it stays bounded.
 */
import type { Alert } from '../../../contract/alerts.ts';

export type FirstShown = ReadonlyMap<string, number>;

export interface TakeoverPick {
  alert: Alert | null;
  /** When the shown alert leaves by timeout (ms), or null. */
  until: number | null;
  firstShown: FirstShown;
}

export function pickTakeover(
  alerts: readonly Alert[],
  acked: ReadonlySet<string>,
  firstShown: FirstShown,
  timeoutMs: number,
  now: number,
): TakeoverPick {
  const candidates = alerts
    .filter((a) => a.state === 'active' && a.severity === 'critical' && !acked.has(a.id))
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const live = new Set(alerts.map((a) => a.id));
  let next: Map<string, number> | null = null;
  const edited = () => (next ??= new Map(firstShown));
  for (const id of firstShown.keys()) if (!live.has(id)) edited().delete(id);
  for (const a of candidates) {
    const since = firstShown.get(a.id);
    if (since !== undefined && now - since >= timeoutMs) continue;
    if (since === undefined) edited().set(a.id, now);
    return { alert: a, until: (since ?? now) + timeoutMs, firstShown: next ?? firstShown };
  }
  return { alert: null, until: null, firstShown: next ?? firstShown };
}
