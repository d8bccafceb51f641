import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import { kpiModel } from '../kpi-tile/kpi.ts';
import { arcPath, gaugeMax, gaugeModel } from './gauge.ts';

const info = (o: Partial<IndicatorInfo> = {}): IndicatorInfo => ({
  id: 'public_investment.disbursed',
  group: 'public_investment',
  name: 'Giải ngân vốn đầu tư công',
  nameEn: '',
  unit: 'tỷ đồng',
  unitEn: '',
  period: 'year',
  aggregation: 'last',
  higherIsBetter: true,
  neutral: false,
  hasPlan: true,
  communeLevel: false,
  ...o,
});
const val = (value: number, plan: number | null, pctOfPlan: number | null): IndicatorValue => ({
  indicator: 'public_investment.disbursed',
  area: '56',
  period: '2025',
  value,
  plan,
  status: 'official',
  updatedAt: '2026-01-10T00:00:00Z',
  derived: { ytd: null, lastYear: null, lastYearYtd: null, yoyPct: null, plan, pctOfPlan },
});
const NOW = new Date('2026-01-20T00:00:00Z');

test('gaugeModel: % of plan, dial, band colour over the plan tone (table)', () => {
  const rows: [string, IndicatorValue[], Partial<IndicatorInfo>, Parameters<typeof gaugeModel>[3], string][] = [
    ['no figure', [], {}, undefined, 'no-data'],
    ['no plan', [val(10, null, null)], {}, undefined, 'no-plan'],
    ['plan met, no band: plan tone', [val(110, 100, 110)], {}, undefined, 'ready 110% good fill=0.79'],
    ['plan missed, no band', [val(80, 100, 80)], {}, undefined, 'ready 80% bad fill=0.67'],
    ['band watch', [val(90, 100, 90)], {}, { on: 'pctOfPlan', good: 95, bad: 70 }, 'ready 90% warn fill=0.75'],
    ['band bad', [val(60, 100, 60)], {}, { on: 'pctOfPlan', good: 95, bad: 70 }, 'ready 60% bad fill=0.50'],
    [
      'indicator band used when the panel has none',
      [val(96, 100, 96)],
      { thresholds: { on: 'pctOfPlan', good: 95, bad: 70 } },
      undefined,
      'ready 96% good fill=0.80',
    ],
    ['far over plan: the dial grows', [val(300, 100, 300)], {}, undefined, 'ready 300% good fill=0.88'],
  ];
  for (const [name, values, o, band, want] of rows) {
    const r = gaugeModel(info(o), values, NOW, band);
    const got = r.kind === 'ready' ? `ready ${r.model.pctText} ${r.model.tone} fill=${r.model.fill.toFixed(2)}` : r.kind;
    assert.equal(got, want, name);
  }
});

test('gaugeMax: a multiple of 20, at least 120, above the figure and the band', () => {
  assert.equal(gaugeMax(50), 120);
  assert.equal(gaugeMax(118), 140);
  assert.equal(gaugeMax(80, { on: 'pctOfPlan', good: 150, bad: 100 }), 180);
  assert.equal(gaugeMax(80, { on: 'value', good: 5000, bad: 100 }), 120);
});

test('arcPath: left end to right end over the top', () => {
  assert.equal(arcPath(200, 190, 160, 0, 1), 'M 40.00 190.00 A 160 160 0 0 1 360.00 190.00');
  assert.equal(arcPath(200, 190, 160, 0, 0.5), 'M 40.00 190.00 A 160 160 0 0 1 200.00 30.00');
});

test('kpi tile: a configured band gives a word beside the colour, by polarity', () => {
  const deaths = info({
    id: 'traffic_safety.deaths',
    unit: 'người',
    higherIsBetter: false,
    hasPlan: false,
    aggregation: 'sum',
    period: 'year',
  });
  const m = kpiModel(deaths, [val(30, null, null)], NOW, undefined, { on: 'value', good: 20, bad: 25 });
  assert.deepEqual(m.threshold, { band: 'bad', tone: 'bad', text: 'Vượt ngưỡng (> 25 người)' });
  const ok = kpiModel(deaths, [val(18, null, null)], NOW, undefined, { on: 'value', good: 20, bad: 25 });
  assert.deepEqual(ok.threshold, { band: 'good', tone: 'good', text: 'Đạt ngưỡng (≤ 20 người)' });
  assert.equal(kpiModel(deaths, [val(18, null, null)], NOW).threshold, null, 'no band, no threshold line');
});
