import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kpiModel } from './kpi.ts';
import { inArea } from '../common/values.ts';
import type { PeriodBasis } from '../../../../contract/config/screens.ts';
import type { Derived, IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';

function info(over: Partial<IndicatorInfo>): IndicatorInfo {
  return {
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
  };
}
function val(
  period: string,
  value: number | null,
  over: Partial<IndicatorValue> = {},
  derived?: Partial<Derived>,
): IndicatorValue {
  return {
    indicator: 'x',
    area: '56',
    period,
    value,
    plan: null,
    status: 'official',
    updatedAt: '2026-11-12T07:05:00Z',
    reporter: 'STC',
    ...over,
    ...(derived
      ? { derived: { ytd: null, lastYear: null, lastYearYtd: null, yoyPct: null, plan: null, pctOfPlan: null, ...derived } }
      : {}),
  };
}
const NOW = new Date('2026-11-22T07:05:00Z');

interface Case {
  name: string;
  info: Partial<IndicatorInfo>;
  values: IndicatorValue[];
  now?: Date;
  basis?: PeriodBasis;
  want: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'budget flow: year-to-date, in-period aside, % dự toán not yet assessable',
    info: {},
    values: [
      val('2026-09', 1800),
      val(
        '2026-10',
        2043.5,
        { status: 'estimate' },
        { ytd: 20443.2, lastYearYtd: 18000, yoyPct: 13.573, plan: 24000, pctOfPlan: 85.18 },
      ),
      val('2026-11', null),
    ],
    want: {
      figureText: '20.443,2',
      unit: 'tỷ đồng',
      figureLabel: '10 tháng năm 2026 (lũy kế)',
      inPeriodText: 'Riêng tháng 10: 2.043,5 tỷ đồng',
      comparisonText: '▲ tăng 13,6% so với cùng kỳ',
      tone: 'good',
      planText: 'Đạt 85,2% dự toán năm',
      planTone: 'pending',
      statusText: 'Ước tính',
      updatedText: 'Cập nhật 14:05, 12/11/2026',
      reformNote: 'so cùng kỳ theo địa giới cũ',
      state: 'ready',
      staleText: null,
    },
  },
  {
    name: 'budget flow, basis ytd said outright: the same as the default',
    info: {},
    basis: 'ytd',
    values: [val('2026-10', 2043.5, {}, { ytd: 20443.2, lastYearYtd: 18000, yoyPct: 13.573, plan: 24000, pctOfPlan: 85.18 })],
    want: { figureText: '20.443,2', figureLabel: '10 tháng năm 2026 (lũy kế)', comparisonText: '▲ tăng 13,6% so với cùng kỳ' },
  },
  {
    name: 'budget flow, basis period: the month itself, against the same month last year; the year plan line kept',
    info: {},
    basis: 'period',
    values: [
      val(
        '2026-10',
        2043.5,
        { status: 'estimate' },
        { ytd: 20443.2, lastYear: 1900, lastYearYtd: 18000, yoyPct: 13.573, plan: 24000, pctOfPlan: 85.18 },
      ),
    ],
    want: {
      figureText: '2.043,5',
      figureLabel: 'Tháng 10/2026',
      inPeriodText: null,
      comparisonText: '▲ tăng 7,6% so với cùng kỳ',
      tone: 'good',
      planText: 'Đạt 85,2% dự toán năm',
      planTone: 'pending',
    },
  },
  {
    name: 'basis period without derivations: the month from the series, last year from the series',
    info: {},
    basis: 'period',
    values: [val('2025-02', 100), val('2026-01', 110), val('2026-02', 120)],
    now: new Date('2026-03-10T00:00:00Z'),
    want: { figureText: '120', figureLabel: 'Tháng 2/2026', inPeriodText: null, comparisonText: '▲ tăng 20% so với cùng kỳ' },
  },
  {
    name: 'a rate is the same on either basis',
    info: { id: 'public_admin.online_rate', group: 'public_admin', unit: '%', aggregation: 'ratio' },
    basis: 'period',
    values: [val('2026-10', 85.2, {}, { ytd: 85.2, lastYear: 84, lastYearYtd: 84 })],
    want: { figureText: '85,2', figureLabel: 'Tháng 10/2026', comparisonText: '▲ tăng 1,2 điểm % so với cùng kỳ' },
  },
  {
    name: 'more deaths is bad: rise coloured bad, word and arrow kept',
    info: { id: 'traffic_safety.deaths', group: 'traffic_safety', unit: 'người', higherIsBetter: false, hasPlan: false },
    values: [val('2027-01', 12, {}, { ytd: 12, lastYearYtd: 10, yoyPct: 20 })],
    now: new Date('2027-02-10T00:00:00Z'),
    want: {
      figureText: '12',
      figureLabel: 'Tháng 1/2027',
      inPeriodText: null,
      comparisonText: '▲ tăng 20% so với cùng kỳ',
      tone: 'bad',
      planText: null,
      reformNote: null,
    },
  },
  {
    name: 'neutral volume: no colour',
    info: { id: 'citizen_feedback.received', group: 'citizen_feedback', unit: 'phản ánh', neutral: true },
    values: [val('2026-10', 500, {}, { ytd: 4800, lastYearYtd: 5000, yoyPct: -4 })],
    want: { comparisonText: '▼ giảm 4% so với cùng kỳ', tone: 'neutral' },
  },
  {
    name: 'rate: value of the month, change in points, plan met',
    info: { id: 'public_admin.online_rate', group: 'public_admin', unit: '%', aggregation: 'ratio' },
    values: [
      val('2026-10', 85.2, { plan: 80 }, { ytd: 85.2, lastYear: 84, lastYearYtd: 84, yoyPct: 1.43, plan: 80, pctOfPlan: 106.5 }),
    ],
    want: {
      figureText: '85,2',
      figureLabel: 'Tháng 10/2026',
      inPeriodText: null,
      comparisonText: '▲ tăng 1,2 điểm % so với cùng kỳ',
      tone: 'good',
      planText: 'Đạt 106,5% kế hoạch',
      planTone: 'good',
    },
  },
  {
    name: 'rate below its year target: chưa đạt',
    info: { id: 'public_admin.online_rate', group: 'public_admin', unit: '%', aggregation: 'ratio' },
    values: [val('2026-10', 72, {}, { ytd: 72, lastYear: 72, lastYearYtd: 72, plan: 80, pctOfPlan: 90 })],
    want: {
      planText: 'Chưa đạt kế hoạch năm — 90%',
      planTone: 'bad',
      comparisonText: '■ không đổi so với cùng kỳ',
      tone: 'neutral',
    },
  },
  {
    name: 'cap not exceeded for a lower-is-better figure of the whole year: đạt',
    info: { id: 'traffic_safety.crashes', group: 'traffic_safety', unit: 'vụ', higherIsBetter: false },
    values: [val('2026-12', 30, {}, { ytd: 400, lastYearYtd: 420, yoyPct: -4.76, plan: 450, pctOfPlan: 88.9 })],
    now: new Date('2027-01-05T00:00:00Z'),
    want: {
      figureLabel: 'Năm 2026',
      planText: 'Đạt kế hoạch năm — 88,9%',
      planTone: 'good',
      comparisonText: '▼ giảm 4,8% so với cùng kỳ',
      tone: 'good',
    },
  },
  {
    name: 'no derivations shipped: derived on the client from the series',
    info: {},
    values: [
      val('2025-01', 100),
      val('2025-02', 100),
      val('2026-01', 110),
      val('2026-02', 120),
      val('2026', null, { plan: 1000 }),
    ],
    now: new Date('2026-03-10T00:00:00Z'),
    want: {
      figureText: '230',
      figureLabel: '2 tháng năm 2026 (lũy kế)',
      inPeriodText: 'Riêng tháng 2: 120 tỷ đồng',
      comparisonText: '▲ tăng 15% so với cùng kỳ',
      planText: 'Đạt 23% dự toán năm',
    },
  },
  {
    name: 'a missing month: no honest cumulative figure, the month is shown as itself',
    info: {},
    values: [val('2026-01', 110), val('2026-03', 120), val('2025-03', 100)],
    now: new Date('2026-04-10T00:00:00Z'),
    want: { figureText: '120', figureLabel: 'Tháng 3/2026', inPeriodText: null, comparisonText: '▲ tăng 20% so với cùng kỳ' },
  },
  {
    name: 'monthly figure overdue: stale by its own cadence',
    info: {},
    values: [val('2026-08', 2000, {}, { ytd: 15000 })],
    want: { state: 'stale', staleText: 'Chưa cập nhật — quá hạn 32 ngày' },
  },
  {
    name: 'yearly figure early in the next year is not stale',
    info: { id: 'public_admin.par_index', group: 'public_admin', unit: '%', period: 'year', aggregation: 'last' },
    values: [val('2025', 88.1)],
    now: new Date('2026-11-22T00:00:00Z'),
    want: { state: 'ready', figureLabel: 'Năm 2025', comparisonText: null, staleText: null },
  },
];

test('kpi tile model', () => {
  for (const c of cases) {
    const i = info(c.info);
    const m = kpiModel(
      i,
      c.values.map((v) => ({ ...v, indicator: i.id })),
      c.now ?? NOW,
      undefined,
      undefined,
      c.basis,
    );
    const h = m.headline;
    assert.ok(h, c.name);
    const got: Record<string, unknown> = {
      figureText: h.figureText,
      unit: h.unit,
      figureLabel: h.figureLabel,
      inPeriodText: h.inPeriodText,
      comparisonText: m.comparisonText,
      tone: h.comparison?.tone,
      planText: h.plan?.text ?? null,
      planTone: h.plan?.tone,
      statusText: h.statusText,
      updatedText: h.updatedText,
      reformNote: m.reformNote,
      state: m.state,
      staleText: h.staleText,
    };
    for (const [k, want] of Object.entries(c.want)) assert.deepEqual(got[k], want, `${c.name}: ${k}`);
  }
});

test('nothing reported yet', () => {
  const m = kpiModel(info({}), [val('2026-10', null)], NOW);
  assert.equal(m.headline, null);
  assert.equal(m.title, 'Tổng thu NSNN trên địa bàn');
});

test("a commune's tile: that commune's figures only, on either basis", () => {
  const values = [
    val('2026-01', 1800),
    val('2026-02', 2000),
    val('2026-01', 40, { area: '22333' }),
    val('2026-02', 45.5, { area: '22333' }),
    val('2026-02', 7, { area: '22366' }),
  ];
  const cases: { area: string; basis: PeriodBasis; figure: string; label: string }[] = [
    { area: '56', basis: 'ytd', figure: '3.800', label: '2 tháng năm 2026 (lũy kế)' },
    { area: '22333', basis: 'ytd', figure: '85,5', label: '2 tháng năm 2026 (lũy kế)' },
    { area: '22333', basis: 'period', figure: '45,5', label: 'Tháng 2/2026' },
    // 22366 has no January: no honest cumulative figure, so the month is shown as itself.
    { area: '22366', basis: 'ytd', figure: '7', label: 'Tháng 2/2026' },
  ];
  const now = new Date('2026-03-10T00:00:00Z');
  for (const c of cases) {
    const h = kpiModel(info({}), inArea(values, c.area), now, undefined, undefined, c.basis).headline;
    assert.equal(h?.figureText, c.figure, `${c.area} ${c.basis}`);
    assert.equal(h?.figureLabel, c.label, `${c.area} ${c.basis}`);
  }
});
