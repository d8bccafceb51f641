import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupInfo, IndicatorInfo } from '../../../../contract/http.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import { rollupRows } from '../../../../contract/rollup-rows.ts';
import { periodOverview, periodTile, rankRollups, rollupValues } from './model.ts';

const info = (over: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  id: 'budget.revenue_total',
  group: 'budget',
  name: 'Tổng thu NSNN',
  nameEn: 'Revenue',
  unit: 'tỷ đồng',
  unitEn: 'bn VND',
  period: 'month',
  aggregation: 'sum',
  higherIsBetter: true,
  neutral: false,
  hasPlan: true,
  communeLevel: true,
  ...over,
});
const REV = info();
const RATE = info({ id: 'budget.rate', name: 'Tỷ lệ', unit: '%', aggregation: 'avg' });
const CRASHES = info({ id: 'traffic.crashes', name: 'Số vụ tai nạn', unit: 'vụ', higherIsBetter: false, hasPlan: false });

const v = (period: string, value: number | null, area = '56', over: Partial<IndicatorValue> = {}): IndicatorValue => ({
  indicator: REV.id,
  area,
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: '2026-10-12T03:00:00.000Z',
  ...over,
});
/** Months 1..n of a year, each `each`. */
const months = (year: number, n: number, each: number, area = '56', indicator = REV.id) =>
  Array.from({ length: n }, (_, i) => v(`${year}-${String(i + 1).padStart(2, '0')}`, each, area, { indicator }));

test("a period tile shows the window's roll-up, never part of a window as the whole", () => {
  const full = [...months(2026, 9, 100), ...months(2025, 9, 80), v('2026', null, '56', { plan: 1200 })];
  const noSeptember = full.filter((x) => x.period !== '2026-09');
  type Row = [
    string,
    IndicatorValue[],
    string,
    string | null,
    Partial<Record<'valueText' | 'periodLabel' | 'incomplete' | 'planText' | 'yoyText' | 'againstText', string | null>>,
  ];
  const cases: Row[] = [
    [
      'a quarter of a flow: the sum of its months',
      full,
      '2026-Q3',
      null,
      { valueText: '300', periodLabel: 'Quý III/2026', incomplete: null, yoyText: '+25% so với cùng kỳ', planText: null },
    ],
    [
      'nine months against the year plan',
      full,
      '2026-9M',
      null,
      { valueText: '900', periodLabel: '9 tháng năm 2026', planText: '75% dự toán' },
    ],
    ['year to date', full, '2026-08-YTD', null, { valueText: '800', periodLabel: 'Lũy kế 8 tháng năm 2026' }],
    [
      'a quarter missing a month: no figure, and why',
      noSeptember,
      '2026-Q3',
      null,
      { valueText: '—', incomplete: 'Chưa đủ số liệu: có 2/3 tháng (thiếu tháng 9/2026)', yoyText: null },
    ],
    ['the later column against the earlier', full, '2026-Q3', '2026-Q2', { againstText: '0% so với Quý II/2026' }],
    [
      'against a window that is not complete: said, not guessed',
      noSeptember,
      '2026-Q2',
      '2025-Q4',
      { valueText: '300', againstText: 'Chưa so sánh được với Quý IV/2025' },
    ],
    ['this year against last year, side by side', full, '2026-Q1', '2025-Q1', { againstText: '+25% so với Quý I/2025' }],
  ];
  for (const [name, values, period, against, want] of cases) {
    const m = periodTile(REV, '56', values, period, against);
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, m[k as keyof typeof m]]));
    assert.deepEqual(got, want, name);
  }
  // A yearly figure is read at its cadence: the columns are years, whatever window was picked.
  const YEARLY = info({ id: 'budget.plan', period: 'year', aggregation: 'last' });
  const years = [v('2025', 1000, '56', { indicator: YEARLY.id }), v('2026', 1100, '56', { indicator: YEARLY.id })];
  const y = periodTile(YEARLY, '56', years, '2026-Q3', '2025-Q3');
  assert.deepEqual([y.periodLabel, y.valueText, y.againstText], ['Năm 2026', '1.100', '+10% so với Năm 2025']);
  // A rate compares in points.
  const rates = [v('2026-06', 40, '56', { indicator: RATE.id }), v('2026-09', 52.5, '56', { indicator: RATE.id })];
  assert.equal(periodTile(RATE, '56', rates, '2026-09', '2026-06').againstText, '+12,5 điểm % so với Tháng 6/2026');
});

const COMMUNES = [
  { code: '22333', name: 'Bắc Nha Trang', type: 'Phường' },
  { code: '22366', name: 'Nam Nha Trang', type: 'Phường' },
  { code: '22780', name: 'Cam Lâm', type: 'Xã' },
  { code: '22800', name: 'Diên Khánh', type: 'Xã' },
];
const AREAS = ['56', ...COMMUNES.map((c) => c.code)];

test("communes rank on the window's roll-up; a commune missing a month of a flow is counted, not ranked", () => {
  const values = [
    ...months(2026, 9, 10, '22333'),
    ...months(2026, 9, 20, '22366'),
    ...months(2026, 9, 20, '22780'),
    ...months(2026, 8, 50, '22800'), // no September
    ...months(2026, 9, 1000, '56'),
  ];
  const rows = rollupRows(values, REV, '2026-Q3', AREAS);
  const r = rankRollups(REV, rows, COMMUNES, '2026-Q3', 10);
  assert.deepEqual(
    r.rows.map((x) => `${x.rank}. ${x.name} ${x.valueText}`),
    ['1. Cam Lâm 60 tỷ đồng', '1. Nam Nha Trang 60 tỷ đồng', '3. Bắc Nha Trang 30 tỷ đồng'],
  );
  assert.equal(r.periodLabel, 'Quý III/2026');
  assert.equal(r.reportedText, '3/4 xã, phường đã báo cáo');
  assert.equal(r.incomplete, 1);
  assert.deepEqual(
    r.rows.map((x) => x.implausible),
    [false, false, false],
  );
  // A commune whose quarter uses an implausible month is marked, not hidden.
  const flagged = values.map((x) =>
    x.area === '22333' && x.period === '2026-08' ? { ...x, flags: ['implausible' as const] } : x,
  );
  const marked = rankRollups(REV, rollupRows(flagged, REV, '2026-Q3', AREAS), COMMUNES, '2026-Q3', 10);
  assert.deepEqual(
    marked.rows.map((x) => `${x.name}:${x.implausible}`),
    ['Cam Lâm:false', 'Nam Nha Trang:false', 'Bắc Nha Trang:true'],
  );
  // Fewer is better for crashes; the limit cuts the list, not the ranks.
  const crashes = rollupRows(
    values.map((x) => ({ ...x, indicator: CRASHES.id })),
    CRASHES,
    '2026-Q3',
    AREAS,
  );
  assert.deepEqual(
    rankRollups(CRASHES, crashes, COMMUNES, '2026-Q3', 1).rows.map((x) => `${x.rank}. ${x.name} ${x.rankText}`),
    ['1. Bắc Nha Trang xếp thứ 1/3 xã, phường'],
  );
  // The map paints the communes' figures of the window, not the province's.
  assert.deepEqual(
    rollupValues(REV.id, rows, '2026-Q3', '56').map((x) => `${x.area}:${x.period}:${x.value}`),
    ['22333:2026-Q3:30', '22366:2026-Q3:60', '22780:2026-Q3:60'],
  );
});

test("a group's figures in a window: one line per indicator", () => {
  const group = { id: 'budget', name: 'Ngân sách', indicators: [REV, CRASHES] } as unknown as GroupInfo;
  const values = [...months(2026, 6, 100), ...months(2026, 5, 3, '56', CRASHES.id)];
  assert.deepEqual(
    periodOverview(group, '56', values, '2026-H1').map((l) => `${l.name}: ${l.valueText}${l.note ? ` (${l.note})` : ''}`),
    ['Tổng thu NSNN: 600 tỷ đồng', 'Số vụ tai nạn: — (Chưa đủ số liệu: có 5/6 tháng (thiếu tháng 6/2026))'],
  );
});
