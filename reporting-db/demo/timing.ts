/**
 * Publication timing of the demo seed: the status a figure has by now (estimate → preliminary →
 * official as months pass) and when it was last updated (a few days after its period, in office hours,
 * never in the future). Plans are assigned in December of the year before.
 */
import type { ValueStatus } from '../../contract/messages.ts';
import { type Period, type PeriodKind, periodEndInstant } from '../../contract/period.ts';
import { vnInstant, vnParts } from '../../contract/vn-time.ts';
import type { Rand } from './random.ts';
import { DAY_MS } from './calendar.ts';

/** Months since year 0 of the Vietnam calendar month the instant falls in. */
function monthOrdinal(d: Date): number {
  const { year, month } = vnParts(d);
  return year * 12 + month - 1;
}

export function statusOf(p: Period, now: Date, rand: Rand, key: string): ValueStatus {
  if (periodEndInstant(p).getTime() > now.getTime()) return 'estimate';
  // Months between the end of the period and now: 0 = it ended at the start of this month.
  const age = monthOrdinal(now) - monthOrdinal(periodEndInstant(p));
  if (age <= 0) return rand('status', key) < 0.5 ? 'estimate' : 'preliminary';
  if (age <= 2) return 'preliminary';
  return 'official';
}

const DELAY_DAYS: Record<PeriodKind, Record<ValueStatus, [number, number]>> = {
  month: { estimate: [1, 5], preliminary: [5, 15], official: [15, 28] },
  quarter: { estimate: [3, 8], preliminary: [8, 20], official: [20, 40] },
  half_year: { estimate: [3, 10], preliminary: [10, 25], official: [25, 50] },
  year: { estimate: [5, 20], preliminary: [20, 45], official: [45, 100] },
};

/** A few days after the period's end, in office hours; never in the future. */
export function updatedAtOf(p: Period, status: ValueStatus, now: Date, rand: Rand, key: string): Date {
  const end = periodEndInstant(p);
  if (end.getTime() > now.getTime()) return now;
  const [a, b] = DELAY_DAYS[p.kind][status];
  const days = Math.floor(a + (b - a) * rand('delay', key));
  const officeSeconds = Math.floor((8 + 9 * rand('hour', key)) * 3600);
  const t = end.getTime() + days * DAY_MS + officeSeconds * 1000 + Math.floor(rand('ms', key) * 1000);
  const latest = now.getTime() - Math.floor(60_000 + rand('recent', key) * 6 * 3600_000);
  return new Date(Math.max(end.getTime(), Math.min(t, latest)));
}

/** Plans are assigned in the second half of December of the year before. */
export function planUpdatedAt(year: number, now: Date, rand: Rand, key: string): Date {
  const t =
    vnInstant(year - 1, 12, 10).getTime() +
    Math.floor(20 * rand('pday', key)) * DAY_MS +
    Math.floor((8 + 9 * rand('phour', key)) * 3600_000);
  return new Date(Math.min(t, now.getTime() - 60_000));
}
