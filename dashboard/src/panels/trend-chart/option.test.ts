import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trendData, toEchartsOption, categoriesFor, markWindows } from './option.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';

const info: IndicatorInfo = {
  id: 'tourism.guests_total',
  group: 'tourism',
  name: 'Tổng lượt khách',
  nameEn: '',
  unit: 'lượt khách',
  unitEn: '',
  period: 'month',
  aggregation: 'sum',
  higherIsBetter: true,
  neutral: false,
  hasPlan: true,
  communeLevel: false,
};
const val = (period: string, value: number | null, ytd?: number): IndicatorValue => ({
  indicator: info.id,
  area: '56',
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: '2026-11-12T07:05:00Z',
  ...(ytd !== undefined
    ? { derived: { ytd, lastYear: null, lastYearYtd: null, yoyPct: null, plan: null, pctOfPlan: null } }
    : {}),
});

const values = [
  val('2025-01', 100),
  val('2025-02', 200),
  val('2025-03', 300),
  val('2026-01', 110, 110),
  val('2026-02', 220),
  val('2026-03', null),
  val('2026', null),
];

test('categories by period kind', () => {
  assert.deepEqual(categoriesFor('month').slice(0, 3), ['T1', 'T2', 'T3']);
  assert.equal(categoriesFor('month').length, 12);
  assert.deepEqual(categoriesFor('quarter'), ['Quý I', 'Quý II', 'Quý III', 'Quý IV']);
});

test('series aligned on months; cumulative uses shipped ytd or derives it', () => {
  const cases: [boolean, (number | null)[], (number | null)[]][] = [
    [false, [110, 220, null], [100, 200, 300]],
    [true, [110, 330, null], [100, 300, 600]],
  ];
  for (const [cumulative, thisYear, lastYear] of cases) {
    const d = trendData(info, values, cumulative);
    assert.ok(d);
    assert.equal(d.year, 2026);
    assert.deepEqual(d.thisYear.slice(0, 3), thisYear);
    assert.deepEqual(d.lastYear.slice(0, 3), lastYear);
    assert.deepEqual(d.thisYear.slice(3), Array(9).fill(null));
  }
  assert.equal(trendData(info, [val('2026-01', null)], false), null);
});

test('the option: bars or lines, this year last, legible, still', () => {
  for (const cumulative of [false, true]) {
    const d = trendData(info, values, cumulative);
    assert.ok(d);
    const o = toEchartsOption(info, d);
    assert.equal(o.animation, false);
    const series = o.series as { type: string; name: string; data: unknown[] }[];
    assert.deepEqual(
      series.map((s) => [s.type, s.name]),
      [
        [cumulative ? 'line' : 'bar', 'Năm 2025'],
        [cumulative ? 'line' : 'bar', 'Năm 2026'],
      ],
    );
    assert.deepEqual((o.xAxis as { data: string[] }).data.slice(0, 2), ['T1', 'T2']);
    assert.equal((o.yAxis as { name: string }).name, 'lượt khách');
    // Nothing on the wall below 18 px.
    const sizes: number[] = [];
    JSON.stringify(o, (k, v) => {
      if (k === 'fontSize') sizes.push(v as number);
      return v;
    });
    assert.ok(sizes.length >= 5);
    assert.ok(
      sizes.every((s) => s >= 18),
      `font sizes ${sizes.join(',')}`,
    );
    const fmt = (o.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    assert.equal(fmt(4_500_000), '4,5 triệu');
  }
});

test("a meeting's windows are marked on the chart's categories, this year's or last year's", () => {
  const monthly = { kind: 'month' as const, year: 2026, categories: categoriesFor('month') };
  const quarterly = { kind: 'quarter' as const, year: 2026, categories: categoriesFor('quarter') };
  const cases: [string, typeof monthly | typeof quarterly, string[], string[]][] = [
    ['a quarter on months', monthly, ['2026-Q3'], ['T7–T9 Quý III/2026']],
    ['a month', monthly, ['2026-10'], ['T10–T10 Tháng 10/2026']],
    [
      'nine months, year to date',
      monthly,
      ['2026-9M', '2026-10-YTD'],
      ['T1–T9 9 tháng năm 2026', 'T1–T10 Lũy kế 10 tháng năm 2026'],
    ],
    ['the same quarter of two years: one mark', monthly, ['2025-Q3', '2026-Q3'], ['T7–T9 Quý III/2025, Quý III/2026']],
    ['a year the chart does not show', monthly, ['2023-Q3'], []],
    ['a half on quarters', quarterly, ['2026-H2'], ['Quý III–Quý IV 6 tháng cuối năm 2026']],
    ['a month on quarters: does not fit', quarterly, ['2026-08'], []],
  ];
  for (const [name, data, selections, want] of cases)
    assert.deepEqual(
      markWindows(data, selections).map((w) => `${w.from}–${w.to} ${w.label}`),
      want,
      name,
    );
});

test('a marked window is an area behind this year’s series; no marks, no area', () => {
  const data = {
    kind: 'month' as const,
    year: 2026,
    categories: categoriesFor('month'),
    thisYear: [],
    lastYear: [],
    cumulative: false,
  };
  const series = (o: ReturnType<typeof toEchartsOption>) => o.series as { markArea?: { data: unknown[] } }[];
  assert.equal(series(toEchartsOption(info, data)).at(-1)!.markArea, undefined);
  const marked = series(toEchartsOption(info, data, markWindows(data, ['2026-Q3']))).at(-1)!.markArea!;
  assert.deepEqual(marked.data, [[{ xAxis: 'T7', name: 'Quý III/2026' }, { xAxis: 'T9' }]]);
});
