/**
 * Every area's roll-up of one indicator for one period selection (contract/rollup.ts), as the tablet's
 * `GET /api/tablet/rollup`, the meeting's `GET /api/meetings/:id/rollup` and the printed meeting pack
 * answer it: the ranking, the map and the side-by-side comparisons. Pure: the caller reads the group's
 * values (live or frozen) and names the areas the reader may see, in the order wanted.
 */
import type { IndicatorValue } from './messages.ts';
import { compareLastYear, seriesFromValues, type RollupAggregation, type RollupRow } from './rollup.ts';

export interface RollupIndicator {
  id: string;
  aggregation: string;
  unit: string;
}

const AGGREGATIONS: readonly string[] = ['sum', 'avg', 'last', 'ratio'];

/** The catalog's aggregation as a roll-up rule; anything else is read as a stock (the value at the end). */
export function rollupAggregation(aggregation: string): RollupAggregation {
  return (AGGREGATIONS.includes(aggregation) ? aggregation : 'last') as RollupAggregation;
}

/** One row per area (in `areas` order) that has any figure in the window; areas without one are left out. */
export function rollupRows(
  values: readonly IndicatorValue[],
  ind: RollupIndicator,
  period: string,
  areas: readonly string[],
): RollupRow[] {
  const wanted = new Set(areas);
  const byArea = new Map<string, IndicatorValue[]>();
  for (const v of values) {
    if (v.indicator !== ind.id || !wanted.has(v.area)) continue;
    const list = byArea.get(v.area);
    if (list) list.push(v);
    else byArea.set(v.area, [v]);
  }
  const rows: RollupRow[] = [];
  for (const area of areas) {
    const own = byArea.get(area);
    if (!own) continue;
    const c = compareLastYear(seriesFromValues(own), period, rollupAggregation(ind.aggregation), ind.unit);
    if (!c.current || (c.current.value === null && c.current.monthsCovered === 0)) continue;
    rows.push({ area, rollup: c.current, lastYear: c.lastYear?.value ?? null, change: c.change, points: c.points });
  }
  return rows;
}
