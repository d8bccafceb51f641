/**
 * Finding figures in a group's values: per indicator and area, the latest period, the series that
 * contract/derive.ts works on. Pure.
 */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { GroupInfo, IndicatorInfo } from '../../../../contract/http.ts';
import { comparePeriods, parsePeriod, type Period, type PeriodKind, PERIOD_KINDS } from '../../../../contract/period.ts';
import type { Series } from '../../../../contract/derive.ts';
import { hasStarted } from './reported.ts';

/** The group an indicator belongs to: the id's prefix before the dot. */
export function groupOfIndicator(indicatorId: string): string {
  const dot = indicatorId.indexOf('.');
  return dot < 0 ? indicatorId : indicatorId.slice(0, dot);
}

export function findIndicator(groups: readonly GroupInfo[], id: string): IndicatorInfo | undefined {
  for (const g of groups) {
    const found = g.indicators.find((i) => i.id === id);
    if (found) return found;
  }
  return undefined;
}

export function asPeriodKind(s: string): PeriodKind | undefined {
  return (PERIOD_KINDS as readonly string[]).includes(s) ? (s as PeriodKind) : undefined;
}

const indexCache = new WeakMap<ReadonlyMap<string, IndicatorValue>, Map<string, IndicatorValue[]>>();

/** All values of one indicator (any area), from a group's value map; indexed once per map. */
export function valuesOfIndicator(values: ReadonlyMap<string, IndicatorValue>, indicator: string): IndicatorValue[] {
  let index = indexCache.get(values);
  if (!index) {
    index = new Map();
    for (const v of values.values()) {
      const list = index.get(v.indicator);
      if (list) list.push(v);
      else index.set(v.indicator, [v]);
    }
    indexCache.set(values, index);
  }
  return index.get(indicator) ?? [];
}

export interface Located {
  value: IndicatorValue;
  period: Period;
}

/**
 * The latest reported figure: the greatest period among values with a number. Rows of the indicator's
 * own period kind win (a year row may carry only the year's plan); other kinds count when none exist.
 * With `now`, a period that has not begun is not a report (common/reported.ts hasStarted).
 */
export function latestOf(values: readonly IndicatorValue[], kind?: PeriodKind, now?: Date): Located | null {
  let best: Located | null = null;
  let bestOwnKind: Located | null = null;
  for (const v of values) {
    if (v.value === null || !Number.isFinite(v.value)) continue;
    const p = parsePeriod(v.period);
    if (!p || (now && !hasStarted(p, now))) continue;
    if (!best || comparePeriods(p, best.period) > 0) best = { value: v, period: p };
    if (kind && p.kind === kind && (!bestOwnKind || comparePeriods(p, bestOwnKind.period) > 0)) {
      bestOwnKind = { value: v, period: p };
    }
  }
  return bestOwnKind ?? best;
}

/** The series contract/derive.ts expects, for one area. */
export function seriesOf(values: readonly IndicatorValue[]): Series {
  const m = new Map<string, { value: number | null; plan: number | null }>();
  for (const v of values) m.set(v.period, { value: v.value, plan: v.plan });
  return m;
}

export function inArea(values: readonly IndicatorValue[], area: string): IndicatorValue[] {
  return values.filter((v) => v.area === area);
}
