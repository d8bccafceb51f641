import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { generateDemoRows } from './rows.ts';
import { generateFormerCommuneRows } from './former-units.ts';
import { buildCatalog, validateRow } from '../../ingest/report-values/row.ts';

const config = loadConfig('config');
const NOW = new Date('2026-11-23T09:00:00Z');

test('former communes: commune-level indicators from 2024-01 to 2025-06, all valid ingest rows', () => {
  const t0 = performance.now();
  const rows = generateDemoRows(config, NOW, 42);
  const former = generateFormerCommuneRows(config, rows, 42);
  const ms = performance.now() - t0;
  const communeLevel = config.groups.flatMap((g) => g.indicators).filter((i) => i.communeLevel);
  const monthly = communeLevel.filter((i) => i.period === 'month').length;
  const yearly = communeLevel.filter((i) => i.period === 'year').length;
  assert.equal(former.length, config.province.formerCommunes.length * (monthly * 18 + yearly * 1));
  const catalog = buildCatalog(config);
  for (const r of former) {
    assert.ok(r.period >= '2024' && (r.period <= '2025-06' || r.period === '2024'), r.period);
    const v = validateRow(
      { ...r, value: r.value === null ? null : String(r.value), plan: null, updated_at: r.updated_at.toISOString() },
      catalog,
    );
    assert.ok(v.ok, `${r.indicator_id} ${r.area_code} ${r.period}: ${v.ok ? '' : v.detail}`);
  }
  assert.ok(ms < 5000, `generation took ${ms.toFixed(0)} ms`);
});

test('former flows add up to the province figure × the merger factor', () => {
  const rows = generateDemoRows(config, NOW, 42);
  const former = generateFormerCommuneRows(config, rows, 42);
  const ind = config.groups.flatMap((g) => g.indicators).find((i) => i.id === 'traffic_safety.crashes')!;
  const prov = rows.find((r) => r.indicator_id === ind.id && r.area_code === '56' && r.period === '2025-03')!;
  const sum = former.filter((r) => r.indicator_id === ind.id && r.period === '2025-03').reduce((a, r) => a + r.value!, 0);
  assert.ok(Math.abs(sum - Math.round(prov.value! * (ind.demo?.mergerFactor ?? 1))) < 1e-6, `${sum} vs ${prov.value}`);
});
