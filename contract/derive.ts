/**
 * Year-to-date, same period last year and % of plan, derived from in-period values.
 * Reports store what happened in each period; leaders read "lũy kế", "so cùng kỳ" and "% kế hoạch",
 * so these are computed once at ingest and shipped with every value.
 */
import type { Derived } from './messages.ts';
import { type Period, formatPeriod, parsePeriod, periodsYearToDate, samePeriodLastYear, periodStart } from './period.ts';

export type Aggregation = 'sum' | 'avg' | 'last' | 'ratio';

export interface SeriesPoint {
  value: number | null;
  plan: number | null;
}

/** Values of one indicator in one area, keyed by period code. */
export type Series = ReadonlyMap<string, SeriesPoint>;

/** 1 July 2025: two-level local government; figures before it belong to the former units. */
export const REFORM_DATE = new Date(Date.UTC(2025, 6, 1));

function round(n: number): number {
  // Keeps derived figures free of float noise (0.1 + 0.2) without losing the precision reports carry.
  return Math.round(n * 1e6) / 1e6;
}

/** The year-to-date figure for period p, or null when an in-period value it needs is missing. */
export function yearToDate(series: Series, p: Period, aggregation: Aggregation): number | null {
  const own = series.get(formatPeriod(p))?.value ?? null;
  if (aggregation === 'last' || aggregation === 'ratio' || p.kind === 'year') return own;
  const values: number[] = [];
  for (const q of periodsYearToDate(p)) {
    const v = series.get(formatPeriod(q))?.value;
    if (v === null || v === undefined) {
      // A flow with a missing month has no honest cumulative figure; an average can use what it has.
      if (aggregation === 'sum') return null;
      continue;
    }
    values.push(v);
  }
  if (values.length === 0) return null;
  const total = values.reduce((a, b) => a + b, 0);
  return round(aggregation === 'sum' ? total : total / values.length);
}

/** The plan that applies to period p: its own, else the year's (stored on the year row, e.g. '2026'). */
export function applicablePlan(series: Series, p: Period): { plan: number | null; ofYear: boolean } {
  const own = series.get(formatPeriod(p))?.plan ?? null;
  if (own !== null) return { plan: own, ofYear: p.kind === 'year' };
  const year = series.get(String(p.year))?.plan ?? null;
  return { plan: year, ofYear: true };
}

export function derive(series: Series, periodCode: string, aggregation: Aggregation): Derived {
  const p = parsePeriod(periodCode);
  const empty: Derived = { ytd: null, lastYear: null, lastYearYtd: null, yoyPct: null, plan: null, pctOfPlan: null };
  if (!p) return empty;
  const own = series.get(periodCode)?.value ?? null;
  const ytd = yearToDate(series, p, aggregation);
  const ly = samePeriodLastYear(p);
  const lastYear = series.get(formatPeriod(ly))?.value ?? null;
  const lastYearYtd = yearToDate(series, ly, aggregation);
  const yoyPct =
    ytd !== null && lastYearYtd !== null && lastYearYtd !== 0 ? round(((ytd - lastYearYtd) / Math.abs(lastYearYtd)) * 100) : null;
  const { plan, ofYear } = applicablePlan(series, p);
  let pctOfPlan: number | null = null;
  if (plan !== null && plan !== 0) {
    // A flow measured against the year's plan is judged on its cumulative figure; a rate or a stock
    // against its target is judged on the value itself.
    const shown = ofYear && aggregation === 'sum' ? ytd : own;
    if (shown !== null) pctOfPlan = round((shown / plan) * 100);
  }
  return { ytd, lastYear, lastYearYtd, yoyPct, plan, pctOfPlan };
}

/**
 * Whether a comparison with the same period last year reaches back before the 2025 reform, when the
 * province and its communes had other boundaries: the dashboard marks such comparisons.
 */
export function comparisonCrossesReform(periodCode: string): boolean {
  const p = parsePeriod(periodCode);
  if (!p) return false;
  const lyStart = periodStart({ ...samePeriodLastYear(p), index: 1 });
  return lyStart.getTime() < REFORM_DATE.getTime() && periodStart(p).getTime() >= REFORM_DATE.getTime();
}
