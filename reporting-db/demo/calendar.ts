/** The demo's calendar: where its history starts, the 2025 merger, and which periods are reported by now. */
import {
  type Period,
  type PeriodKind,
  MONTHS_PER_PERIOD,
  periodContaining,
  periodEnd,
  periodOrdinal,
} from '../../contract/period.ts';
import { REFORM_DATE } from '../../contract/derive.ts';

export const DEMO_START_YEAR = 2022;
export const DAY_MS = 86_400_000;

/** Periods ending after the 1 July 2025 reform belong to the merged province. */
export const isMerged = (p: Period) => periodEnd(p).getTime() > REFORM_DATE.getTime();
export const monthsFrom2022 = (p: Period) =>
  (p.year - DEMO_START_YEAR) * 12 + (p.index - 1) * MONTHS_PER_PERIOD[p.kind] + MONTHS_PER_PERIOD[p.kind] / 2;

export function lastPeriodOfYear(kind: PeriodKind, year: number): Period {
  return { kind, year, index: 12 / MONTHS_PER_PERIOD[kind] };
}

/**
 * Periods of a kind from January 2022 up to the one containing now. Whether anything of a period has been
 * sent by now is the reporting calendar's question (schedule.ts), not this list's.
 */
export function demoPeriods(kind: PeriodKind, now: Date): Period[] {
  const current = periodContaining(kind, now);
  const out: Period[] = [];
  const first = periodOrdinal({ kind, year: DEMO_START_YEAR, index: 1 });
  const last = periodOrdinal(current);
  const per = 12 / MONTHS_PER_PERIOD[kind];
  for (let o = first; o <= last; o++) out.push({ kind, year: Math.floor(o / per), index: (o % per) + 1 });
  return out;
}
