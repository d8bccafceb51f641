import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { type RawRow, buildCatalog, validateRow } from './row.ts';
import { ReportingModel } from './model.ts';

const catalog = buildCatalog(loadConfig('config'));
const base: RawRow = {
  indicator_id: 'budget.revenue_total',
  area_code: '56',
  period: '2026-10',
  value: '1820.5',
  plan: null,
  status: 'estimate',
  reporter: 'STC',
  updated_at: '2026-11-20T01:02:03.123456Z',
};

test('bad rows are rejected with a reason that names the problem', () => {
  const cases: [Partial<RawRow>, string | null][] = [
    [{}, null],
    [{ area_code: '22333' }, null],
    [{ period: '2026', value: null, plan: '16680' }, null],
    [{ indicator_id: 'budget.nope' }, 'unknown-indicator'],
    [{ indicator_id: null }, 'unknown-indicator'],
    [{ area_code: '99' }, 'unknown-area'],
    [{ period: '2026-13' }, 'bad-period'],
    [{ period: 'Tháng 10' }, 'bad-period'],
    [{ period: '2026-Q3' }, 'period-kind-mismatch'],
    [{ value: 'NaN' }, 'non-numeric-value'],
    [{ value: 'Infinity' }, 'non-numeric-value'],
    [{ value: 'abc' }, 'non-numeric-value'],
    [{ plan: '' }, 'non-numeric-value'],
    [{ status: 'final' }, 'bad-status'],
    [{ status: null }, 'bad-status'],
  ];
  for (const [patch, reason] of cases) {
    const r = validateRow({ ...base, ...patch }, catalog);
    assert.equal(r.ok ? null : r.reason, reason, JSON.stringify(patch));
    if (!r.ok) assert.match(r.key, /\|/, 'the key is kept for the log');
  }
});

test('an accepted row keeps its exact figures and microsecond timestamp', () => {
  const r = validateRow(base, catalog);
  assert.ok(r.ok);
  assert.equal(r.value.value, 1820.5);
  assert.equal(r.value.updatedAt, '2026-11-20T01:02:03.123456Z');
  assert.equal(r.group, 'budget');
});

test('the model publishes derived figures once, and a revision republishes what depends on it', () => {
  const model = new ReportingModel();
  const accept = (patch: Partial<RawRow>) => {
    const r = validateRow({ ...base, ...patch }, catalog);
    assert.ok(r.ok);
    return r;
  };
  const first = model.apply([
    accept({ period: '2026-01', value: '100' }),
    accept({ period: '2026-02', value: '200' }),
    accept({ period: '2026', value: null, plan: '1000' }),
  ]);
  const feb = first.get('budget')!.find((v) => v.period === '2026-02')!;
  assert.equal(feb.derived?.ytd, 300);
  assert.equal(feb.derived?.pctOfPlan, 30);

  assert.equal(
    model.apply([accept({ period: '2026-02', value: '200' })]).size,
    0,
    're-reading an unchanged row publishes nothing',
  );

  const revised = model.apply([accept({ period: '2026-01', value: '150', status: 'official' })]).get('budget')!;
  const byPeriod = Object.fromEntries(revised.map((v) => [v.period, v.derived?.ytd]));
  assert.deepEqual(
    byPeriod,
    { '2026-01': 150, '2026-02': 350 },
    'January and the February cumulative change; the year row does not',
  );
});
