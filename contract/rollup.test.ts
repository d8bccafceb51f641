import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareLastYear,
  incompleteTextVi,
  parseSelection,
  rollup,
  seriesFromValues,
  selectionLabelVi,
  selectionLastYear,
  selectionOf,
  type RollupAggregation,
  type RollupPoint,
  type RollupSeries,
} from './rollup.ts';

/** Months 1..n of 2026 with value = month number × 10 (10, 20, …), minus the ones listed as missing. */
function months(n: number, missing: number[] = [], extra: Record<string, RollupPoint> = {}): RollupSeries {
  const m = new Map<string, RollupPoint>();
  for (let i = 1; i <= n; i++)
    if (!missing.includes(i))
      m.set(`2026-${String(i).padStart(2, '0')}`, {
        value: i * 10,
        status: 'official',
        updatedAt: `2026-${String(i + 1).padStart(2, '0')}-05T00:00:00Z`,
      });
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
}

test('selection codes: parse, label, last year, picker', () => {
  const rows: [string, string, number, number, string | null][] = [
    ['2026-10', 'Tháng 10/2026', 10, 10, '2025-10'],
    ['2026-Q3', 'Quý III/2026', 7, 9, '2025-Q3'],
    ['2026-H1', '6 tháng đầu năm 2026', 1, 6, '2025-H1'],
    ['2026-H2', '6 tháng cuối năm 2026', 7, 12, '2025-H2'],
    ['2026-9M', '9 tháng năm 2026', 1, 9, '2025-9M'],
    ['2026-10-YTD', 'Lũy kế 10 tháng năm 2026', 1, 10, '2025-10-YTD'],
    ['2026', 'Năm 2026', 1, 12, '2025'],
  ];
  for (const [code, label, from, to, ly] of rows) {
    const s = parseSelection(code);
    assert.ok(s, code);
    assert.equal(selectionLabelVi(code), label);
    assert.deepEqual([s.fromMonth, s.toMonth], [from, to], code);
    assert.equal(selectionLastYear(code), ly);
  }
  for (const bad of ['2026-13', '2026-Q5', '2026-H3', '2026-8M', '26-10', '2026-10-ytd', '', '2026-00'])
    assert.equal(parseSelection(bad), null, bad);
  assert.equal(selectionOf('quarter', 2026, 8), '2026-Q3');
  assert.equal(selectionOf('half_year', 2026, 8), '2026-H2');
  assert.equal(selectionOf('ytd', 2026, 8), '2026-08-YTD');
  assert.equal(selectionOf('month', 2026, 8), '2026-08');
});

test('roll-ups: aggregation × window × missing months', () => {
  // [aggregation, selection, series, value, complete, source, missing]
  type Row = [RollupAggregation, string, RollupSeries, number | null, boolean, string, string[]];
  const full = months(12);
  const rows: Row[] = [
    // Flows: sums; a missing month leaves the window without a figure, never a two-month "quarter".
    ['sum', '2026-Q3', full, 70 + 80 + 90, true, 'months', []],
    ['sum', '2026-Q3', months(12, [8]), null, false, 'months', ['2026-08']],
    ['sum', '2026-H1', full, 210, true, 'months', []],
    ['sum', '2026-9M', full, 450, true, 'months', []],
    ['sum', '2026-10-YTD', full, 550, true, 'months', []],
    ['sum', '2026-10-YTD', months(12, [2, 10]), null, false, 'months', ['2026-02', '2026-10']],
    ['sum', '2026', full, 780, true, 'months', []],
    ['sum', '2026', months(9), null, false, 'months', ['2026-10', '2026-11', '2026-12']],
    // A reported quarter fills a quarter whose months are incomplete.
    ['sum', '2026-9M', months(12, [8], { '2026-Q3': { value: 235 } }), 60 + 150 + 235, true, 'mixed', []],
    // The agency's own quarter row wins over the months.
    ['sum', '2026-Q3', months(12, [], { '2026-Q3': { value: 241 } }), 241, true, 'reported', []],
    // Averages: the mean of the months there are, marked incomplete.
    ['avg', '2026-Q3', full, 80, true, 'months', []],
    ['avg', '2026-Q3', months(12, [9]), 75, false, 'months', ['2026-09']],
    ['avg', '2026-H1', full, 35, true, 'months', []],
    ['avg', '2026-9M', full, 50, true, 'months', []],
    ['avg', '2026-10-YTD', full, 55, true, 'months', []],
    ['avg', '2026-9M', months(12, [8], { '2026-Q3': { value: 81 } }), (60 + 150 + 243) / 9, true, 'mixed', []],
    // Stocks: the end of the window; a missing last month is missing, not the month before.
    ['last', '2026-Q3', full, 90, true, 'months', []],
    ['last', '2026-Q3', months(12, [7, 8]), 90, true, 'months', []],
    ['last', '2026-Q3', months(12, [9]), null, false, 'none', ['2026-09']],
    ['last', '2026-H1', full, 60, true, 'months', []],
    ['last', '2026-9M', months(12, [9], { '2026-Q3': { value: 88 } }), 88, true, 'mixed', []],
    ['last', '2026-10-YTD', full, 100, true, 'months', []],
    // Rates known only as a (cumulative) rate: the rate at the window's end, never a mean of rates.
    ['ratio', '2026-Q3', full, 90, true, 'months', []],
    ['ratio', '2026-H1', months(12, [6]), null, false, 'none', ['2026-06']],
    ['ratio', '2026-9M', full, 90, true, 'months', []],
    ['ratio', '2026-10-YTD', full, 100, true, 'months', []],
  ];
  for (const [agg, sel, series, value, complete, source, missing] of rows) {
    const r = rollup(series, sel, agg);
    const at = `${agg} ${sel} ${[...series.keys()].length} rows`;
    assert.ok(r, at);
    if (value === null) assert.equal(r.value, null, at);
    else assert.ok(r.value !== null && Math.abs(r.value - value) < 1e-6, `${at}: ${r.value} ≠ ${value}`);
    assert.equal(r.complete, complete, at);
    assert.equal(r.source, source, at);
    assert.deepEqual(r.missing, missing, at);
  }
});

test('a rate with numerators and denominators is recomputed, not averaged; without them it is taken at the end', () => {
  const s = new Map<string, RollupPoint>([
    ['2026-07', { value: 10, num: 1, den: 10 }],
    ['2026-08', { value: 50, num: 50, den: 100 }],
    ['2026-09', { value: 20, num: 2, den: 10 }],
  ]);
  const r = rollup(s, '2026-Q3', 'ratio')!;
  assert.equal(r.value, round2((53 / 120) * 100));
  assert.equal(r.rateAtEnd, false);
  const plain = rollup(months(12), '2026-Q3', 'ratio')!;
  assert.equal(plain.rateAtEnd, true);
  // A month missing its parts: no honest figure.
  const gap = new Map(s);
  gap.set('2026-08', { value: 50 });
  assert.equal(rollup(gap, '2026-Q3', 'ratio')!.value, null);
});

function round2(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

test('plan, status, as-of and the comparison with the same window last year', () => {
  const s = new Map<string, RollupPoint>([
    ['2025-07', { value: 50 }],
    ['2025-08', { value: 50 }],
    ['2025-09', { value: 50 }],
    ['2026-07', { value: 60, status: 'official', updatedAt: '2026-08-05T00:00:00Z' }],
    ['2026-08', { value: 60, status: 'estimate', updatedAt: '2026-09-05T00:00:00Z' }],
    ['2026-09', { value: 60, status: 'preliminary', updatedAt: '2026-09-20T00:00:00Z' }],
    ['2026', { value: null, plan: 900 }],
  ]);
  const c = compareLastYear(s, '2026-Q3', 'sum', 'tỷ đồng');
  assert.equal(c.current?.value, 180);
  assert.equal(c.lastYear?.value, 150);
  assert.equal(c.change, 20);
  assert.equal(c.current?.status, 'estimate');
  assert.equal(c.current?.updatedAt, '2026-09-20T00:00:00Z');
  // A quarter's flow is not a share of the year's plan; the year so far is.
  assert.equal(c.current?.pctOfPlan, null);
  const ytd = new Map(s);
  for (let m = 1; m <= 6; m++) ytd.set(`2026-0${m}`, { value: 60 });
  assert.equal(rollup(ytd, '2026-9M', 'sum')?.pctOfPlan, 60);
  const pct = compareLastYear(
    new Map([
      ['2025-09', { value: 40 }],
      ['2026-09', { value: 41.5 }],
    ]),
    '2026-09',
    'ratio',
    '%',
  );
  assert.deepEqual([pct.change, pct.points], [1.5, true]);
});

test('incomplete windows say what is missing', () => {
  const r = rollup(months(12, [9]), '2026-Q3', 'sum')!;
  assert.equal(incompleteTextVi(r), 'Chưa đủ số liệu: có 2/3 tháng (thiếu tháng 9/2026)');
  assert.equal(incompleteTextVi(rollup(months(12), '2026-Q3', 'sum')!), null);
  assert.equal(rollup(months(12), 'bad', 'sum'), null);
});

test('a roll-up using an implausible figure says so; one without it does not', () => {
  const values = [
    { period: '2026-07', value: 1, plan: null },
    { period: '2026-08', value: 900, plan: null, flags: ['implausible'] },
    { period: '2026-09', value: 3, plan: null },
    { period: '2026-10', value: 4, plan: null },
  ];
  const table: [selection: string, implausible: boolean][] = [
    ['2026-Q3', true],
    ['2026-08', true],
    ['2026-09', false],
    ['2026-10', false],
  ];
  for (const [selection, implausible] of table)
    assert.equal(rollup(seriesFromValues(values), selection, 'sum')?.implausible, implausible, selection);
});
