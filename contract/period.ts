/**
 * Reporting periods as the contract writes them in `ioc_report_values.period`:
 *   '2026-10' month · '2026-Q3' quarter · '2026-H1' half-year · '2026' year.
 * Pure arithmetic, shared by ingest (derivations, validation) and the dashboard (labels, staleness).
 * Labels are calendar periods (UTC midnights); the instants they begin and end are Vietnam time.
 */
import { vnInstant, vnParts } from './vn-time.ts';
import { DEFAULT_CALENDAR, deadline, type ReportingCalendar } from './deadlines.ts';

import type { Period, PeriodKind } from './period-kind.ts';

export { PERIOD_KINDS, type Period, type PeriodKind } from './period-kind.ts';

/** How many of each kind fit in a year. */
const PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, half_year: 2, year: 1 };
/** Length of one period of each kind, in months. */
export const MONTHS_PER_PERIOD: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

const PERIOD_RE = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/;

/** Parses a period code; returns null for anything that is not a valid code (so callers can count it). */
export function parsePeriod(code: string): Period | null {
  const m = PERIOD_RE.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, index: month } : null;
  }
  if (m[3] !== undefined) return { kind: 'quarter', year, index: Number(m[3]) };
  if (m[4] !== undefined) return { kind: 'half_year', year, index: Number(m[4]) };
  return { kind: 'year', year, index: 1 };
}

export function formatPeriod(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'half_year':
      return `${p.year}-H${p.index}`;
    case 'year':
      return String(p.year);
  }
}

/** Total order within one kind: usable as a sort key and for "is later than". */
export function periodOrdinal(p: Period): number {
  return p.year * PER_YEAR[p.kind] + (p.index - 1);
}

export function comparePeriods(a: Period, b: Period): number {
  if (a.kind !== b.kind) return MONTHS_PER_PERIOD[a.kind] - MONTHS_PER_PERIOD[b.kind];
  return periodOrdinal(a) - periodOrdinal(b);
}

export function addPeriods(p: Period, n: number): Period {
  const per = PER_YEAR[p.kind];
  const ord = periodOrdinal(p) + n;
  return { kind: p.kind, year: Math.floor(ord / per), index: (ord % per) + 1 };
}

export function samePeriodLastYear(p: Period): Period {
  return { ...p, year: p.year - 1 };
}

/** The periods of the same kind from the start of p's year up to and including p (for year-to-date). */
export function periodsYearToDate(p: Period): Period[] {
  const out: Period[] = [];
  for (let i = 1; i <= p.index; i++) out.push({ kind: p.kind, year: p.year, index: i });
  return out;
}

/** First day of the period, UTC midnight. Calendar periods; agencies' cut-off rules shift due dates, not labels. */
export function periodStart(p: Period): Date {
  const month0 = (p.index - 1) * MONTHS_PER_PERIOD[p.kind];
  return new Date(Date.UTC(p.year, month0, 1));
}

/** First day after the period (exclusive end), UTC midnight like periodStart. */
export function periodEnd(p: Period): Date {
  return periodStart(addPeriods(p, 1));
}

/** The instant the period is over in Vietnam: midnight (Vietnam time) of the first day after it. */
export function periodEndInstant(p: Period): Date {
  const next = addPeriods(p, 1);
  return vnInstant(next.year, (next.index - 1) * MONTHS_PER_PERIOD[next.kind] + 1);
}

/** The period of the given kind that contains the instant, in Vietnam time. */
export function periodContaining(kind: PeriodKind, at: Date): Period {
  const { year, month } = vnParts(at);
  return { kind, year, index: Math.floor((month - 1) / MONTHS_PER_PERIOD[kind]) + 1 };
}

const DAY_MS = 86_400_000;

/**
 * Nominal days after a period's end of the default official deadline (contract/deadlines.ts
 * DECREE_09_RULES), for showing it; `dueAt` is the date itself (moved off weekends).
 */
export const DEFAULT_DUE_AFTER_DAYS: Record<PeriodKind, number> = { month: 20, quarter: 30, half_year: 45, year: 90 };

/**
 * When a period's figure is due on the wall: its official deadline in the reporting calendar
 * (contract/deadlines.ts; the Nghị định 09 defaults unless a calendar is given), or, for an indicator
 * with its own `dueAfterDays`, that many days after the period ends.
 */
export function dueAt(p: Period, dueAfterDays?: number, calendar: ReportingCalendar = DEFAULT_CALENDAR): Date {
  if (dueAfterDays !== undefined) return new Date(periodEndInstant(p).getTime() + dueAfterDays * DAY_MS);
  return deadline(p, 'official', calendar) ?? periodEndInstant(p);
}

export interface Freshness {
  /** true when a later period was due and has not arrived. */
  stale: boolean;
  /** Whole days past the due date of the first missing period (0 when not stale). */
  overdueDays: number;
  /** The period that should be on the wall by now. */
  expected: Period;
}

/**
 * Judges a figure by its indicator's own cadence: a monthly figure is stale once next month's figure was
 * due and has not arrived; a yearly one only once next year's is due.
 */
export function freshness(latest: Period, now: Date, dueAfterDays?: number, calendar?: ReportingCalendar): Freshness {
  let expected = latest;
  // Walk forward while the next period is already due; bounded by the gap between latest and now.
  for (let i = 0; i < 1000; i++) {
    const next = addPeriods(expected, 1);
    if (dueAt(next, dueAfterDays, calendar).getTime() > now.getTime()) break;
    expected = next;
  }
  if (comparePeriods(expected, latest) <= 0) return { stale: false, overdueDays: 0, expected: latest };
  const firstMissing = addPeriods(latest, 1);
  const overdueDays = Math.floor((now.getTime() - dueAt(firstMissing, dueAfterDays, calendar).getTime()) / DAY_MS);
  return { stale: true, overdueDays, expected };
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Vietnamese label: `Tháng 10/2026`, `Quý III/2026`, `6 tháng đầu năm 2026`, `Năm 2026`. */
export function periodLabelVi(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `Tháng ${p.index}/${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.index - 1]}/${p.year}`;
    case 'half_year':
      return p.index === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case 'year':
      return `Năm ${p.year}`;
  }
}

/** Label of the cumulative figure up to p: `10 tháng năm 2026 (lũy kế)`; a full year is just `Năm 2026`. */
export function ytdLabelVi(p: Period): string {
  const months = p.index * MONTHS_PER_PERIOD[p.kind];
  if (months === 12) return `Năm ${p.year}`;
  if (p.kind === 'month' && p.index === 1) return `Tháng 1/${p.year}`;
  return `${months} tháng năm ${p.year} (lũy kế)`;
}

export function periodLabelEn(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `${String(p.index).padStart(2, '0')}/${p.year}`;
    case 'quarter':
      return `Q${p.index} ${p.year}`;
    case 'half_year':
      return `H${p.index} ${p.year}`;
    case 'year':
      return String(p.year);
  }
}
