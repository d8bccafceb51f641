/** The model's flags: revisions (and their expiry), implausible figures against the communes' median. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { type RawRow, buildCatalog, validateRow } from './row.ts';
import { type AcceptedRow, ReportingModel } from './model.ts';

const config = loadConfig('config');
const catalog = buildCatalog(config);
const communes = config.province.communes.map((c) => c.code);

function accept(area: string, value: number, status = 'official', updatedAt = '2026-11-20T01:00:00.000000Z'): AcceptedRow {
  const raw: RawRow = {
    indicator_id: 'budget.revenue_total',
    area_code: area,
    period: '2026-11',
    value: String(value),
    plan: null,
    status,
    reporter: 'STC',
    updated_at: updatedAt,
  };
  const r = validateRow(raw, catalog);
  assert.ok(r.ok);
  return r;
}
const all = (m: Map<string, IndicatorValue[]>) => [...m.values()].flat();

test('a commune far above the communes median is implausible; correcting it clears that and flags the revision', () => {
  let now = new Date('2026-11-21T00:00:00Z');
  const seen: string[] = [];
  const model = new ReportingModel({
    trust: config.trust,
    provinceCode: config.province.code,
    now: () => now,
    onImplausible: (v, checks) => seen.push(`${v.area}:${checks.map((c) => c.rule).join(',')}`),
  });
  const rows = communes.slice(0, 10).map((c) => accept(c, 10));
  rows.push(accept(communes[10]!, 1000));
  const first = all(model.apply(rows));
  const odd = first.find((v) => v.area === communes[10]);
  assert.deepEqual(odd?.flags, ['implausible']);
  assert.equal(odd?.checks?.[0]?.rule, 'commune-median');
  assert.equal(first.filter((v) => v.flags).length, 1, 'the others are plausible');
  assert.deepEqual(seen, [`${communes[10]}:commune-median`], 'counted once');

  const fixed = all(model.apply([accept(communes[10]!, 12, 'official', '2026-11-22T01:00:00.000000Z')]));
  const v = fixed.find((x) => x.area === communes[10]);
  assert.deepEqual(v?.flags, ['revised']);
  assert.deepEqual(v?.previous, { value: 1000, status: 'official', updatedAt: '2026-11-20T01:00:00.000000Z' });
  assert.equal(v?.checks, undefined);

  assert.equal(all(model.expireFlags()).length, 0, 'within 30 days nothing expires');
  now = new Date('2026-12-23T00:00:00Z');
  const expired = all(model.expireFlags());
  assert.equal(expired.length, 1);
  assert.equal(expired[0]!.flags, undefined, 'after 30 days the figure is published without the flag');
  assert.equal(all(model.expireFlags()).length, 0);
});

test('history is recorded per row-level change only, and a new model seeded from it keeps the revision', () => {
  const model = new ReportingModel({
    trust: config.trust,
    provinceCode: config.province.code,
    now: () => new Date('2026-11-25T00:00:00Z'),
  });
  model.apply([accept('56', 4120.5, 'estimate', '2026-11-20T01:00:00.000000Z')]);
  model.apply([accept('56', 4120.5, 'estimate', '2026-11-20T01:00:00.000000Z')]); // a re-read
  model.apply([accept('56', 4100, 'estimate', '2026-11-21T01:00:00.000000Z')]);
  const recorded = model.takeRecorded();
  assert.deepEqual(
    recorded.map((r) => r.value.value),
    [4120.5, 4100],
  );
  const fresh = new ReportingModel({
    trust: config.trust,
    provinceCode: config.province.code,
    now: () => new Date('2026-11-25T00:00:00Z'),
  });
  fresh.seedHistory(recorded.map((r) => r.value));
  const out = all(fresh.apply([accept('56', 4100, 'estimate', '2026-11-21T01:00:00.000000Z')]));
  assert.deepEqual(out[0]?.flags, ['revised']);
  assert.equal(out[0]?.previous?.value, 4120.5);
  assert.equal(fresh.takeRecorded().length, 0, 'what the history already has is not recorded again');
});
