import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TRUST, TrustSchema } from './config/trust.ts';
import { checkPlausibility, median, resolveRule, type IndicatorKind, type PlausibilityContext } from './plausibility.ts';

const trust = TrustSchema.parse({
  plausibility: {
    rules: {
      'budget.revenue_yoy': { min: -100, max: 500 },
      'budget.revenue_total': { maxTimesMedian: 40 },
      'health.dengue_cases': { maxYoyRatio: false },
      'budget.revenue_domestic': { maxPrevRatio: 5 },
    },
  },
});
const flow: IndicatorKind = { id: 'budget.revenue_total', unit: 'tỷ đồng', aggregation: 'sum' };
const rate: IndicatorKind = { id: 'public_admin.online_rate', unit: '%', aggregation: 'ratio' };
const growth: IndicatorKind = { id: 'budget.revenue_yoy', unit: '%', aggregation: 'ratio' };
const stock: IndicatorKind = { id: 'citizen_feedback.overdue', unit: 'phản ánh', aggregation: 'last' };
const dengue: IndicatorKind = { id: 'health.dengue_cases', unit: 'ca', aggregation: 'sum' };
const domestic: IndicatorKind = { id: 'budget.revenue_domestic', unit: 'tỷ đồng', aggregation: 'sum' };
const none: PlausibilityContext = { lastYear: null, previous: null, communeMedian: null };

const cases: [string, IndicatorKind, number | null, Partial<PlausibilityContext>, string[], RegExp?][] = [
  ['a rate inside 0–100', rate, 64.2, {}, []],
  ['a rate over 100', rate, 123.4, {}, ['range'], /^123,4%: ngoài khoảng hợp lý 0–100%$/],
  ['a rate below 0', rate, -3, {}, ['range']],
  ['a growth rate with its own range may be negative', growth, -12.5, {}, []],
  ['a growth rate past its own max', growth, 800, {}, ['range']],
  ['a negative count', stock, -5, {}, ['non-negative'], /^Số âm \(−5 phản ánh\)/],
  ['a flow ten times last year is still plausible', flow, 10_000, { lastYear: 1000 }, []],
  [
    'a flow over 10× last year',
    flow,
    12_345,
    { lastYear: 1000 },
    ['yoy-change'],
    /^Gấp 12,3 lần cùng kỳ năm trước \(1\.000 tỷ đồng\)$/,
  ],
  ['a flow under a tenth of last year', flow, 50, { lastYear: 1000 }, ['yoy-change'], /^Chỉ bằng 5% cùng kỳ/],
  ['no last year: no yoy check', flow, 50, {}, []],
  ['a zero figure is not a ratio', flow, 0, { lastYear: 1000 }, []],
  ['a stock has no default yoy check', stock, 500, { lastYear: 1 }, []],
  ['a default switched off by its rule', dengue, 5000, { lastYear: 10 }, []],
  ['previous-period rule', domestic, 9000, { previous: 1000 }, ['prev-change'], /kỳ trước/],
  ['previous-period rule inside its factor', domestic, 4000, { previous: 1000 }, []],
  [
    'over 40× the communes median',
    flow,
    500,
    { communeMedian: 10 },
    ['commune-median'],
    /^Gấp 50 lần trung vị các xã, phường \(10 tỷ đồng\)$/,
  ],
  ['under 40× the median', flow, 300, { communeMedian: 10 }, []],
  ['several rules at once', flow, -2, { lastYear: 5, communeMedian: 0 }, ['non-negative']],
  ['no value, no checks', rate, null, {}, []],
];

for (const [name, ind, value, ctx, rules, message] of cases) {
  test(`plausibility: ${name}`, () => {
    const got = checkPlausibility(resolveRule(ind, trust), value, { ...none, ...ctx }, ind.unit);
    assert.deepEqual(
      got.map((c) => c.rule),
      rules,
    );
    if (message) assert.match(got[0]!.message, message);
  });
}

test('defaults by kind cover an indicator without a rule', () => {
  assert.deepEqual(resolveRule(rate, DEFAULT_TRUST), {
    min: 0,
    max: 100,
    nonNegative: false,
    maxYoyRatio: null,
    maxPrevRatio: null,
    maxTimesMedian: null,
  });
  assert.deepEqual(resolveRule(flow, DEFAULT_TRUST), {
    min: null,
    max: null,
    nonNegative: true,
    maxYoyRatio: 10,
    maxPrevRatio: null,
    maxTimesMedian: null,
  });
});

test('median needs enough communes', () => {
  assert.equal(median([1, 2, 3, 4]), null);
  assert.equal(median([5, 1, 3, 2, 4]), 3);
  assert.equal(median([1, 2, 3, 4, 5, 6]), 3.5);
});
