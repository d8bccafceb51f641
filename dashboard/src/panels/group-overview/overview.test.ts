import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupOverview } from './overview.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { GroupInfo, IndicatorInfo } from '../../../../contract/http.ts';
import { valueKey } from '../../../../contract/value-key.ts';

const ind = (id: string, over: Partial<IndicatorInfo>): IndicatorInfo => ({
  id,
  group: 'budget',
  name: id,
  nameEn: '',
  unit: 'tỷ đồng',
  unitEn: '',
  period: 'month',
  aggregation: 'sum',
  higherIsBetter: true,
  neutral: false,
  hasPlan: true,
  communeLevel: false,
  ...over,
});
const group: GroupInfo = {
  id: 'budget',
  name: 'Thu ngân sách nhà nước',
  nameEn: '',
  period: 'month',
  owner: 'Sở Tài chính',
  indicators: [
    ind('budget.revenue_total', { name: 'Tổng thu NSNN' }),
    ind('budget.revenue_pct_estimate', { name: 'Tỷ lệ thu so với dự toán', unit: '%', aggregation: 'ratio' }),
    ind('budget.expenditure_local', { name: 'Chi cân đối' }),
  ],
};
const v = (
  indicator: string,
  area: string,
  period: string,
  value: number,
  derived?: IndicatorValue['derived'],
  updatedAt = '2026-11-12T07:05:00Z',
): IndicatorValue => ({
  indicator,
  area,
  period,
  value,
  plan: null,
  status: 'preliminary',
  updatedAt,
  reporter: 'STC',
  ...(derived ? { derived } : {}),
});
const d = (o: Partial<NonNullable<IndicatorValue['derived']>>) => ({
  ytd: null,
  lastYear: null,
  lastYearYtd: null,
  yoyPct: null,
  plan: null,
  pctOfPlan: null,
  ...o,
});

test('rows for every indicator, at province level, stale marked per row', () => {
  const values = [
    v(
      'budget.revenue_total',
      '56',
      '2026-10',
      2000,
      d({ ytd: 20443.2, lastYearYtd: 18000, yoyPct: 13.57, pctOfPlan: 85.2 }),
      '2026-11-15T01:00:00Z',
    ),
    v('budget.revenue_total', '22333', '2026-10', 999999, d({ ytd: 999999 })),
    v('budget.revenue_pct_estimate', '56', '2026-08', 70, d({ ytd: 70, lastYear: 72.1 })),
  ];
  const map = new Map(values.map((x) => [valueKey(x), x]));
  const o = groupOverview(group, map, '56', new Date('2026-11-22T07:05:00Z'));
  assert.equal(o.title, 'Thu ngân sách nhà nước');
  assert.deepEqual(
    o.rows.map((r) => [
      r.name,
      r.valueText,
      r.periodText,
      r.periodNote,
      r.comparisonText,
      r.comparisonTone,
      r.planText,
      r.staleText,
    ]),
    [
      ['Tổng thu NSNN', '20.443,2 tỷ đồng', '10 tháng năm 2026 (lũy kế)', 'lũy kế', '▲ tăng 13,6%', 'good', '85,2% DT', null],
      [
        'Tỷ lệ thu so với dự toán',
        '70%',
        'Tháng 8/2026',
        'Tháng 8/2026',
        '▼ giảm 2,1 điểm %',
        'bad',
        null,
        'Chưa cập nhật — quá hạn 32 ngày',
      ],
      ['Chi cân đối', '—', 'Chưa có số liệu', 'chưa có số liệu', null, null, null, null],
    ],
  );
  assert.equal(o.periodLabel, 'Tháng 10/2026');
  assert.equal(o.staleCount, 1);
  assert.equal(o.updatedText, 'Cập nhật 08:00, 15/11/2026');
  assert.equal(o.reporter, 'STC');
});
