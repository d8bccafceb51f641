/**
 * Which critical alert holds the wall's takeover region: the newest active critical alert that staff
 * have not acknowledged and that has not been on the region longer than the configured timeout. Pure;
 * the caller keeps `firstShown` (pruned here to the alerts that still exist, so it stays bounded).
 */
import type { Alert } from '../../../contract/alerts.ts';

export interface TakeoverPick {
  alert: Alert | null;
  /** When the shown alert leaves by timeout (ms), or null. */
  until: number | null;
}

export function pickTakeover(alerts: readonly Alert[], acked: ReadonlySet<string>, firstShown: Map<string, number>, timeoutMs: number, now: number): TakeoverPick {
  const candidates = alerts
    .filter((a) => a.state === 'active' && a.severity === 'critical' && !acked.has(a.id))
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const live = new Set(alerts.map((a) => a.id));
  for (const id of firstShown.keys()) if (!live.has(id)) firstShown.delete(id);
  for (const a of candidates) {
    const since = firstShown.get(a.id);
    if (since !== undefined && now - since >= timeoutMs) continue;
    if (since === undefined) firstShown.set(a.id, now);
    return { alert: a, until: (since ?? now) + timeoutMs };
  }
  return { alert: null, until: null };
}
