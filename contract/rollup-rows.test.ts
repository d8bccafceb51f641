import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorValue } from './messages.ts';
import { rollupAggregation, rollupRows } from './rollup-rows.ts';

const v = (area: string, period: string, value: number | null, indicator = 'x.flow'): IndicatorValue => ({
  indicator,
  area,
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: '2026-10-01T00:00:00.000Z',
});
const FLOW = { id: 'x.flow', aggregation: 'sum', unit: 'tỷ đồng' };

test('rows follow the areas asked for, in their order; areas outside, or with nothing in the window, are left out', () => {
  const values = [
    ...['07', '08', '09'].flatMap((m) => [v('56', `2026-${m}`, 10), v('22333', `2026-${m}`, 1), v('99999', `2026-${m}`, 5)]),
    v('22366', '2026-08', 4), // one month of three: a row without a figure
    v('22780', '2026-01', 9), // nothing in the window
    v('22333', '2026-08', 100, 'x.other'), // another indicator
    v('56', '2025-07', 6),
    v('56', '2025-08', 6),
    v('56', '2025-09', 18),
  ];
  const rows = rollupRows(values, FLOW, '2026-Q3', ['22333', '56', '22366', '22780']);
  assert.deepEqual(
    rows.map((r) => `${r.area}:${r.rollup.value}:${r.rollup.monthsCovered}/${r.rollup.monthsExpected}:${r.change}`),
    ['22333:3:3/3:null', '56:30:3/3:0', '22366:null:1/3:null'],
  );
});

test("the catalog's aggregation as a roll-up rule", () => {
  const cases: [string, string][] = [
    ['sum', 'sum'],
    ['avg', 'avg'],
    ['last', 'last'],
    ['ratio', 'ratio'],
    ['something-else', 'last'],
  ];
  for (const [given, want] of cases) assert.equal(rollupAggregation(given), want, given);
});
