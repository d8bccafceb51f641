/**
 * The agency simulator on the calendar, on a real PostgreSQL seeded as of 2 December: it keeps writing,
 * never a December figure (its estimates are not due), never turns an official figure back into an
 * estimate, and brings November's officials and late communes in.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { openReportingDb, type ReportingDb } from '../db.ts';
import { migrate } from '../migrations.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.ts';
import { seedDemo } from './seed.ts';
import { startAgencySimulator } from './simulator.ts';

const config = loadConfig('config');
const NOW = new Date('2026-12-02T03:00:00Z');
let database: TestDatabase;
let db: ReportingDb;

before(async () => {
  database = await createTestDatabase('demosim');
  db = await openReportingDb({ databaseUrl: database.url });
  await migrate(db);
  await seedDemo(db, config, { now: NOW });
});

after(async () => {
  await db?.close();
  await database?.drop();
});

const count = async (where: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from ioc_report_values where ${where}`)).rows[0]!.n;

test('on 2 December the simulator writes November (officials arriving, late communes), never December, never back to an estimate', async () => {
  assert.equal(await count(`period = '2026-12'`), 0, 'the seed wrote no December figure');
  const officialBefore = new Set(
    (
      await db.query<{ k: string }>(
        `select indicator_id || '|' || area_code || '|' || period as k from ioc_report_values where status = 'official' and period >= '2026'`,
      )
    ).rows.map((r) => r.k),
  );
  const novOfficial = await count(`period = '2026-11' and status = 'official'`);
  const novCommunes = await count(`period = '2026-11' and area_code <> '56'`);
  const sim = startAgencySimulator(db, config, { intervalMs: 60_000, seed: 5, now: () => NOW });
  const kinds = new Set<string>();
  const periods = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const action = await sim.step();
    assert.ok(action, 'each step writes something');
    kinds.add(action.kind);
    periods.add(action.period);
  }
  await sim.stop();
  assert.deepEqual([...kinds].sort(), ['communes', 'estimate', 'revision']);
  assert.equal(await count(`period = '2026-12'`), 0, 'no December figure on 2 December');
  assert.ok(!periods.has('2026-12'));
  assert.ok((await count(`period = '2026-11' and status = 'official'`)) > novOfficial, 'November officials arrive');
  assert.ok((await count(`period = '2026-11' and area_code <> '56'`)) > novCommunes, 'late communes arrive');
  const downgraded = (
    await db.query<{ k: string }>(
      `select indicator_id || '|' || area_code || '|' || period as k from ioc_report_values where status <> 'official' and period >= '2026'`,
    )
  ).rows.filter((r) => officialBefore.has(r.k));
  assert.deepEqual(downgraded, [], 'an official figure stays official');
});
