import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trendData, toEchartsOption, categoriesFor } from './option.ts';
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
