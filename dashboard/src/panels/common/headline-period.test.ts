/** Which period a headline shows on 2 December, and how it says so (issue 13: a month barely begun). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import { headline } from './headline.ts';

const info = (over: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  id: 'budget.revenue_total',
  group: 'budget',
  name: 'Tổng thu NSNN trên địa bàn',
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
const val = (period: string, value: number | null, status: IndicatorValue['status'] = 'official'): IndicatorValue => ({
  indicator: 'budget.revenue_total',
  area: '56',
  period,
  value,
  plan: null,
  status,
  updatedAt: '2026-11-20T03:00:00Z',
});
const DEC2 = new Date('2026-12-02T03:00:00Z');

test('the latest period actually reported, with its status; a period not yet begun is ignored', () => {
  const cases: [string, Partial<IndicatorInfo>, IndicatorValue[], string][] = [
    [
      'a flow: November estimate, year to date',
      {},
      [
        ...Array.from({ length: 10 }, (_, i) => val(`2026-${String(i + 1).padStart(2, '0')}`, 2000)),
        val('2026-11', 1900, 'estimate'),
      ],
      '11 tháng năm 2026 (lũy kế, ước tính)',
    ],
    [
      'a rate: November estimate',
      { aggregation: 'ratio', unit: '%' },
      [val('2026-10', 97), val('2026-11', 98, 'estimate')],
      'Tháng 11/2026 (ước tính)',
    ],
    [
      'a row for a month not begun (clock skew, a typo) is not the latest',
      { aggregation: 'ratio', unit: '%' },
      [val('2026-11', 98, 'estimate'), val('2027-01', 50)],
      'Tháng 11/2026 (ước tính)',
    ],
    [
      'a late agency: October official is what there is',
      { aggregation: 'ratio', unit: '%' },
      [val('2026-09', 97), val('2026-10', 96)],
      'Tháng 10/2026 (chính thức)',
    ],
  ];
  for (const [name, over, values, label] of cases) assert.equal(headline(info(over), values, DEC2)?.reportedLabel, label, name);
});
