import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { type RawRow, buildCatalog, validateRow } from './row.ts';
import { ReportingModel } from './model.ts';

const config = loadConfig('config');
const catalog = buildCatalog(config);
const base: RawRow = {
  indicator_id: 'traffic_safety.crashes',
  area_code: '22327', // Phường Vĩnh Hòa, merged into Bắc Nha Trang (22333) on 1 July 2025
  period: '2025-03',
  value: '4',
  plan: null,
  status: 'official',
  reporter: 'UBND-22327',
  updated_at: '2025-04-02T01:00:00.000000Z',
};

test('former communes are areas for periods that end by 30 June 2025 only', () => {
  const cases: [Partial<RawRow>, string | null][] = [
    [{}, null],
    [{ period: '2024-01' }, null],
    [{ period: '2025-06' }, null],
    [{ period: '2025-07' }, 'former-area-after-reform'],
    [{ period: '2026-10' }, 'former-area-after-reform'],
    [{ indicator_id: 'ntp_poverty.poverty_rate', period: '2024' }, null],
    [{ indicator_id: 'ntp_poverty.poverty_rate', period: '2025' }, 'former-area-after-reform'],
    // A code both a former unit and today's commune: accepted either side; the period says which.
    [{ area_code: '22333', period: '2025-03' }, null],
    [{ area_code: '22333', period: '2026-03' }, null],
    [{ area_code: '00001' }, 'unknown-area'],
  ];
  for (const [patch, reason] of cases) {
    const r = validateRow({ ...base, ...patch }, catalog);
    assert.equal(r.ok ? null : r.reason, reason, JSON.stringify(patch));
  }
  const bad = validateRow({ ...base, period: '2025-08' }, catalog);
  assert.ok(!bad.ok && /abolished on 1 July 2025/.test(bad.detail));
});

test("a reused code: the former unit and today's commune are separate series (no cross-reform YoY)", () => {
  const model = new ReportingModel();
  const row = (period: string, value: string) => {
    const r = validateRow({ ...base, area_code: '22333', period, value }, catalog);
    assert.ok(r.ok);
    return r;
  };
  const out = model.apply([row('2025-03', '2'), row('2026-03', '9')]);
  const vals = out.get('traffic_safety')!;
  const now = vals.find((v) => v.period === '2026-03')!;
  assert.equal(now.derived?.lastYear, null, 'the former unit 22333 is not Bắc Nha Trang last year');
});
