import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { parsePeriod, formatPeriod, periodContaining } from '../../contract/period.ts';
import type { IndicatorConfig } from '../../contract/config.ts';
import { IMPLAUSIBLE, generateDemoRows, type DemoRow } from './rows.ts';
import { firstSendTime } from './schedule.ts';
import { isAdditive } from './kinds.ts';

const config = loadConfig('config');
const NOW = new Date('2026-11-23T09:00:00Z');
const SEED = 42;
const rows = generateDemoRows(config, NOW, SEED);
const indicators = new Map<string, IndicatorConfig>();
for (const g of config.groups) for (const i of g.indicators) indicators.set(i.id, i);
const PROVINCE = config.province.code;
const communeCodes = config.province.communes.map((c) => c.code);

const byKey = new Map<string, DemoRow>();
for (const r of rows) byKey.set(`${r.indicator_id}|${r.area_code}|${r.period}`, r);
const get = (id: string, area: string, period: string) => byKey.get(`${id}|${area}|${period}`);

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let p = parsePeriod(from)!;
  while (formatPeriod(p) <= to) {
    out.push(formatPeriod(p));
    p = p.index === 12 ? { kind: 'month', year: p.year + 1, index: 1 } : { ...p, index: p.index + 1 };
  }
  return out;
}

test('the configuration has 154 indicators and 65 communes', () => {
  assert.equal(indicators.size, 154);
  assert.equal(communeCodes.length, 65);
});

test('every indicator is reported at province level, monthly ones for every ended month since 2022-01', () => {
  const seen = new Set(rows.filter((r) => r.area_code === PROVINCE).map((r) => r.indicator_id));
  assert.equal(seen.size, 154);
  const months = monthsBetween('2022-01', '2026-10');
  const monthly = [...indicators.values()].filter((i) => i.period === 'month');
  for (const ind of indicators.values()) {
    if (ind.period === 'month') for (const m of months) assert.ok(get(ind.id, PROVINCE, m), `${ind.id} ${m}`);
    if (ind.period === 'year')
      for (const y of ['2022', '2023', '2024', '2025']) assert.ok(get(ind.id, PROVINCE, y)?.value != null, `${ind.id} ${y}`);
    if (ind.period === 'quarter') {
      assert.ok(get(ind.id, PROVINCE, '2026-Q3'), `${ind.id} 2026-Q3 has ended`);
      assert.equal(get(ind.id, PROVINCE, '2026-Q4'), undefined, `${ind.id} 2026-Q4 has not ended`);
    }
    if (ind.period === 'half_year') {
      assert.ok(get(ind.id, PROVINCE, '2026-H1'));
      assert.equal(get(ind.id, PROVINCE, '2026-H2'), undefined);
    }
  }
  assert.equal(get('budget.revenue_total', PROVINCE, '2026-12'), undefined, 'no future months');
  // On the 23rd most agencies have sent November's estimate; a few are late.
  const nov = monthly.filter((i) => get(i.id, PROVINCE, '2026-11')).length;
  assert.ok(nov >= monthly.length * 0.8 && nov < monthly.length, `${nov}/${monthly.length} November estimates`);
});

test('commune-level indicators: all 65 communes from 2025-07 on, a few recent figures missing; none before', () => {
  const communeInds = [...indicators.values()].filter((i) => i.communeLevel);
  assert.ok(communeInds.length >= 10);
  // Older than the missing window (schedule.ts MISSING_WITHIN_MS): complete history.
  const months = monthsBetween('2025-07', '2026-07');
  for (const ind of communeInds)
    for (const c of communeCodes) {
      if (ind.period === 'month') for (const m of months) assert.ok(get(ind.id, c, m)?.value != null, `${ind.id} ${c} ${m}`);
      if (ind.period === 'year') assert.ok(get(ind.id, c, '2025')?.value != null, `${ind.id} ${c} 2025`);
    }
  const monthlyCommune = communeInds.filter((i) => i.period === 'month');
  const oct = monthlyCommune.flatMap((i) => communeCodes.map((c) => get(i.id, c, '2026-10'))).filter(Boolean).length;
  const expected = monthlyCommune.length * communeCodes.length;
  assert.ok(oct < expected && oct > expected * 0.9, `${oct}/${expected} October commune figures`);
  const early = rows.filter((r) => r.area_code !== PROVINCE && r.period.length === 7 && r.period < '2025-07');
  assert.deepEqual(early, []);
  for (const r of rows) if (r.area_code !== PROVINCE) assert.equal(r.reporter, `UBND-${r.area_code}`);
});

test('every period code parses and matches the indicator kind (year rows carrying plans excepted)', () => {
  for (const r of rows) {
    const p = parsePeriod(r.period);
    assert.ok(p, `${r.indicator_id} ${r.period}`);
    const ind = indicators.get(r.indicator_id)!;
    if (p.kind === ind.period) continue;
    assert.equal(p.kind, 'year', `${r.indicator_id} ${r.period}`);
    assert.ok(ind.hasPlan && r.plan !== null && r.value === null, `${r.indicator_id} ${r.period} is a plan-only year row`);
  }
});

test('flows stay within a sane multiple of their catalog ranges; rates within bounds', () => {
  for (const r of rows) {
    const ind = indicators.get(r.indicator_id)!;
    if (r.area_code !== PROVINCE || r.value === null || !ind.demo) continue;
    const p = parsePeriod(r.period)!;
    if (p.kind !== ind.period) continue;
    const [lo, hi] = ind.demo.range;
    const merged = r.period >= '2025-07' || (p.kind === 'year' && p.year >= 2025);
    const factor = merged ? ind.demo.mergerFactor : 1;
    if (ind.aggregation === 'sum') {
      assert.ok(r.value >= 0, `${r.indicator_id} ${r.period} = ${r.value}`);
      assert.ok(r.value <= hi * factor * 3, `${r.indicator_id} ${r.period} = ${r.value} > 3 × ${hi} × ${factor}`);
      if (!merged) assert.ok(r.value >= lo * 0.25, `${r.indicator_id} ${r.period} = ${r.value} < ${lo} / 4`);
    }
    if (ind.unit === '%' && lo >= 0)
      assert.ok(
        r.value >= 0 && r.value <= (r.indicator_id === 'budget.revenue_pct_estimate' ? 200 : 100),
        `${r.indicator_id} ${r.period} = ${r.value}`,
      );
    if (ind.demo.basis === 'rank') assert.ok(Number.isInteger(r.value) && r.value >= 1 && r.value <= (merged ? 34 : 63));
  }
});

test('budget revenue 2024 adds up to the cited 20,443.2 tỷ (±5 %) against a plan of 16,680', () => {
  let sum = 0;
  for (let m = 1; m <= 12; m++) sum += get('budget.revenue_total', PROVINCE, `2024-${String(m).padStart(2, '0')}`)!.value!;
  assert.ok(Math.abs(sum - 20443.2) / 20443.2 < 0.05, `2024 total ${sum}`);
  assert.equal(get('budget.revenue_total', PROVINCE, '2024')!.plan, 16680);
  // December carries more revenue than an ordinary month.
  assert.ok(get('budget.revenue_total', PROVINCE, '2024-12')!.value! > get('budget.revenue_total', PROVINCE, '2024-09')!.value!);
});

test('tourism peaks in summer and bottoms in autumn; public investment is back-loaded', () => {
  for (const y of [2022, 2023, 2024, 2025, 2026]) {
    const jul = get('tourism.guests_total', PROVINCE, `${y}-07`)!.value!;
    const nov = get('tourism.guests_total', PROVINCE, `${y}-11`)!.value!;
    assert.ok(jul > nov, `${y}: July ${jul} > November ${nov}`);
  }
  const q1 = get('public_investment.disbursement_rate_pm', PROVINCE, '2024-03')!.value!;
  const nov = get('public_investment.disbursement_rate_pm', PROVINCE, '2024-11')!.value!;
  assert.ok(q1 < 15 && nov > 50 && nov < 80, `Q1 ${q1} %, November ${nov} %`);
});

test('commune flows sum to the province value; commune rates stay near the province rate', () => {
  assert.ok(isAdditive(indicators.get('citizen_feedback.overdue')!) && !isAdditive(indicators.get('ntp_poverty.poverty_rate')!));
  for (const ind of indicators.values()) {
    if (!ind.communeLevel) continue;
    for (const r of rows) {
      if (r.indicator_id !== ind.id || r.area_code !== PROVINCE || r.value === null) continue;
      const parts = communeCodes.map((c) => get(ind.id, c, r.period)?.value);
      if (parts.some((v) => v === undefined || v === null)) continue; // before the reform
      const values = parts as number[];
      if (isAdditive(ind)) {
        const sum = values.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - r.value) < 1e-6, `${ind.id} ${r.period}: ${sum} vs ${r.value}`);
      } else {
        for (const v of values) {
          assert.ok(Math.abs(v - r.value) <= Math.abs(r.value) * 0.1 + 0.011, `${ind.id} ${r.period}: ${v} vs ${r.value}`);
          if (ind.unit === '%') assert.ok(v <= 100);
        }
      }
    }
  }
});

test('plans: a year row per year for every indicator with a plan; flows end the year at ~95–125 % of plan', () => {
  for (const ind of indicators.values()) {
    if (!ind.hasPlan) continue;
    for (const y of [2022, 2023, 2024, 2025, 2026]) {
      const row = get(ind.id, PROVINCE, String(y));
      assert.ok(row && row.plan !== null, `${ind.id} ${y} plan`);
      if (ind.period !== 'year') assert.equal(row.value, null);
    }
    if (ind.period === 'month' && ind.aggregation === 'sum' && ind.higherIsBetter && !ind.id.startsWith('public_investment.')) {
      for (const y of [2022, 2023, 2024, 2025]) {
        let sum = 0;
        for (let m = 1; m <= 12; m++) sum += get(ind.id, PROVINCE, `${y}-${String(m).padStart(2, '0')}`)!.value!;
        const pct = (sum / get(ind.id, PROVINCE, String(y))!.plan!) * 100;
        if (ind.id.startsWith('tourism.') && y === 2024) continue; // cited: 4.7 M international guests against a plan of 3 M
        assert.ok(pct > 88 && pct < 135, `${ind.id} ${y}: ${pct.toFixed(1)} % of plan`);
      }
    }
  }
  // Yearly indicators: no value yet for the current year.
  assert.equal(get('dti.score', PROVINCE, '2026')!.value, null);
});

test('statuses and times: current month estimate, older than 3 months official, nothing in the future or before its time', () => {
  const current = formatPeriod(periodContaining('month', NOW));
  for (const r of rows) {
    assert.ok(r.updated_at.getTime() <= NOW.getTime(), `${r.indicator_id} ${r.period} updated in the future`);
    const p = parsePeriod(r.period)!;
    if (r.value !== null && p.kind === indicators.get(r.indicator_id)!.period && !r.indicator_id.includes('plan'))
      assert.ok(r.updated_at.getTime() >= firstSendTime(p).getTime(), `${r.indicator_id} ${r.period} sent before its window`);
    if (r.period === current) assert.equal(r.status, 'estimate');
    if (r.period.length === 7 && r.period[4] === '-' && r.period[5] !== 'Q' && r.period[5] !== 'H' && r.period < '2026-07')
      assert.equal(r.status, 'official', `${r.indicator_id} ${r.period}`);
  }
  // Quarters pass through a preliminary figure: on 20 October Q3 has it, not yet the official one.
  const oct20 = generateDemoRows(config, new Date('2026-10-20T03:00:00Z'), SEED);
  assert.ok(
    oct20.some((r) => r.period === '2026-Q3' && r.status === 'preliminary'),
    'Q3 preliminary figures on 20 October',
  );
});

test('deterministic for a seed, different for another', () => {
  assert.deepEqual(generateDemoRows(config, NOW, SEED), rows);
  const other = generateDemoRows(config, NOW, SEED + 1);
  assert.notDeepEqual(other, rows);
});

test('on 2 December: no December figure yet, November estimates and its first officials, two implausible commune figures', () => {
  const dec2 = new Date('2026-12-02T03:00:00Z'); // 10:00 in Khánh Hòa
  const all = generateDemoRows(config, dec2, SEED);
  assert.deepEqual(
    all.filter((r) => r.period === '2026-12' || r.period === '2026-Q4' || r.period === '2026-H2'),
    [],
  );
  const nov = all.filter((r) => r.period === '2026-11');
  assert.ok(nov.some((r) => r.status === 'estimate') && nov.some((r) => r.status === 'official'));
  const budgetNov = nov.find((r) => r.indicator_id === 'budget.revenue_total' && r.area_code === PROVINCE);
  assert.equal(budgetNov?.status, 'estimate');
  for (const [id, factor] of Object.entries(IMPLAUSIBLE)) {
    const latest = all.filter(
      (r) => r.indicator_id === id && r.area_code !== PROVINCE && r.period === '2026-11' && r.value !== null,
    );
    const values = latest.map((r) => r.value!).sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)]!;
    assert.ok(values.at(-1)! > median * factor * 0.4, `${id}: the odd commune (${values.at(-1)}) stands out of ${median}`);
    assert.ok(values.at(-1)! > values.at(-2)! * 3, `${id}: only one (${values.slice(-3).join(', ')})`);
  }
});
