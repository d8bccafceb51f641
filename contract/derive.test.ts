import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Aggregation, type SeriesPoint, comparisonCrossesReform, derive } from './derive.ts';

function series(entries: [string, number | null, (number | null)?][]): Map<string, SeriesPoint> {
  return new Map(entries.map(([p, value, plan]) => [p, { value, plan: plan ?? null }]));
}

test('year-to-date, same period last year and % of plan for a monthly flow', () => {
  const s = series([
    ['2025-01', 100],
    ['2025-02', 110],
    ['2025-03', 120],
    ['2026', null, 1500],
    ['2026-01', 120],
    ['2026-02', 130],
    ['2026-03', 150],
  ]);
  const d = derive(s, '2026-03', 'sum');
  assert.equal(d.ytd, 400);
  assert.equal(d.lastYear, 120);
  assert.equal(d.lastYearYtd, 330);
  assert.equal(d.yoyPct, 21.212121); // (400 − 330) / 330
  assert.equal(d.plan, 1500);
  assert.equal(d.pctOfPlan, 26.666667, 'a flow against the year plan is judged on its cumulative figure');
});

test('a missing month leaves a flow without a cumulative figure rather than a wrong one', () => {
  const s = series([
    ['2026-01', 10],
    ['2026-03', 30],
  ]);
  assert.equal(derive(s, '2026-03', 'sum').ytd, null);
  assert.equal(derive(s, '2026-03', 'avg').ytd, 20, 'an average uses the months it has');
});

test('stocks, rates and averages', () => {
  const cases: [Aggregation, string, number | null, number | null, number | null][] = [
    // aggregation, period, ytd, yoyPct, pctOfPlan
    ['last', '2026-02', 95, 5.555556, 100],
    ['ratio', '2026-02', 95, 5.555556, 100],
    ['avg', '2026-02', 92.5, 5.714286, 100],
  ];
  const s = series([
    ['2025-01', 85],
    ['2025-02', 90],
    ['2026', null, 95],
    ['2026-01', 90],
    ['2026-02', 95],
  ]);
  for (const [agg, p, ytd, yoy, pct] of cases) {
    const d = derive(s, p, agg);
    assert.equal(d.ytd, ytd, `${agg} ytd`);
    assert.equal(d.yoyPct, yoy, `${agg} yoy`);
    assert.equal(d.pctOfPlan, pct, `${agg} % plan (value against its target)`);
  }
});

test('a period’s own plan wins over the year plan; no plan gives no percentage', () => {
  const s = series([
    ['2026', null, 1200],
    ['2026-05', 90, 100],
  ]);
  assert.equal(derive(s, '2026-05', 'sum').pctOfPlan, 90);
  assert.equal(derive(series([['2026-05', 90]]), '2026-05', 'sum').pctOfPlan, null);
  assert.equal(derive(series([['2026', 50, 0]]), '2026', 'sum').pctOfPlan, null, 'a zero plan is not divided by');
});

test('a yearly indicator compares year with year', () => {
  const s = series([
    ['2024', 0.61],
    ['2025', 0.7071, 0.8],
  ]);
  const d = derive(s, '2025', 'last');
  assert.equal(d.ytd, 0.7071);
  assert.equal(d.lastYear, 0.61);
  assert.equal(d.pctOfPlan, 88.3875);
});

test('comparisons that reach back before the 1 July 2025 reform are flagged', () => {
  const cases: [string, boolean][] = [
    ['2025-03', false],
    ['2025-08', true],
    ['2026-10', true],
    ['2026-Q2', true],
    ['2027-01', false],
    ['2026', true],
    ['2027', false],
  ];
  for (const [p, expected] of cases) assert.equal(comparisonCrossesReform(p), expected, p);
});
