import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndicatorInfo } from '../../../contract/http.ts';
import type { IndicatorValue } from '../../../contract/messages.ts';
import { kpiOf } from './kpi.ts';

const info = (id: string, period: string, aggregation: string, unit = 'tỷ đồng'): IndicatorInfo => ({
  id,
  group: id.split('.')[0]!,
  name: id,
  nameEn: id,
  unit,
  unitEn: unit,
  period,
  aggregation,
  higherIsBetter: true,
  neutral: false,
  hasPlan: false,
  communeLevel: false,
});
const row = (indicator: string, period: string, value: number): IndicatorValue => ({
  indicator,
  area: '56',
  period,
  value,
  plan: null,
  status: 'official',
  reporter: 'STC',
  updatedAt: '2026-11-20T03:00:00.000Z',
});

test('what a tile shows for a picked period, by the indicator cadence and aggregation', () => {
  const plan = info('public_investment.plan_ttg', 'year', 'last');
  const flow = info('budget.revenue', 'month', 'sum');
  const months = [
    row(flow.id, '2026-07', 100),
    row(flow.id, '2026-08', 200),
    row(flow.id, '2026-09', 300),
    row(flow.id, '2026-10', 50),
  ];
  const table: [what: string, ind: IndicatorInfo, values: IndicatorValue[], picked: string, label: string, value: string][] = [
    ['a yearly plan asked for a month shows its year', plan, [row(plan.id, '2026', 17622.6)], '2026-11', 'Năm 2026', '17.622,6'],
    [
      'a yearly plan asked for a quarter shows its year',
      plan,
      [row(plan.id, '2026', 17622.6)],
      '2026-Q3',
      'Năm 2026',
      '17.622,6',
    ],
    ['a year not reported yet: the last year that is, named', plan, [row(plan.id, '2025', 100)], '2026-11', 'Năm 2025', '100'],
    ['a year with nothing reported before it', plan, [], '2026-11', 'Năm 2026', '—'],
    ['a monthly flow: its month', flow, months, '2026-08', 'Tháng 8/2026', '200'],
    ['a monthly flow: the quarter is the sum', flow, months, '2026-Q3', 'Quý III/2026', '600'],
    ['a monthly flow: a quarter with a month missing has no figure', flow, months, '2026-Q4', 'Quý IV/2026', '—'],
  ];
  for (const [what, ind, values, picked, label, value] of table) {
    const m = kpiOf(ind, '56', values, picked);
    assert.equal(m.periodLabel, label, what);
    assert.equal(m.valueText, value, what);
  }
});
