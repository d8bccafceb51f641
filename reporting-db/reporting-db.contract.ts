/**
 * One integration suite for both reporting databases (PostgreSQL and PGlite): migrations, demo seed,
 * NOTIFY payloads, the agency simulator. Used by postgres.test.ts and pglite.test.ts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../contract/load-config.ts';
import type { ReportingDb } from './db.ts';
import { AGENCIES, NOTIFY_CHANNEL, migrate, parseNotifyPayload } from './migrations.ts';
import { generateDemoRows } from './demo/rows.ts';
import { generateFormerCommuneRows } from './demo/former-units.ts';
import { seedDemo } from './demo/seed.ts';
import { startAgencySimulator } from './demo/simulator.ts';

export const config = loadConfig('config');
export const NOW = new Date('2026-11-23T09:00:00Z');

/** Collects notifications; next() waits for the following one. */
export class Inbox {
  private items: string[] = [];
  private waiters: Array<(p: string) => void> = [];
  push = (p: string) => {
    const w = this.waiters.shift();
    if (w) w(p);
    else this.items.push(p);
  };
  next(timeoutMs = 3000): Promise<string> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no notification within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (p: string) => {
        clearTimeout(t);
        resolve(p);
      };
      this.waiters.push(done);
    });
  }
  async drain(quietMs = 150): Promise<string[]> {
    await new Promise((r) => setTimeout(r, quietMs));
    return this.items.splice(0);
  }
}

export function reportingDbSuite(
  label: string,
  open: () => Promise<ReportingDb>,
  cleanup: () => Promise<void>,
): { db: () => ReportingDb } {
  let db: ReportingDb;
  let seeded = 0;
  const inbox = new Inbox();
  let unlisten: (() => Promise<void>) | undefined;

  before(async () => {
    db = await open();
  });
  after(async () => {
    await unlisten?.();
    await db?.close();
    await cleanup();
  });

  test(`${label}: migrate is versioned and idempotent`, async () => {
    const first = await migrate(db, { province: config.province });
    assert.deepEqual(first.applied, [1, 2]);
    const second = await migrate(db, { province: config.province });
    assert.deepEqual(second.applied, []);
    const { rows: versions } = await db.query<{ version: number }>('select version from ioc_schema_migrations order by version');
    assert.deepEqual(
      versions.map((v) => Number(v.version)),
      [1, 2],
    );
    const { rows: agencies } = await db.query<{ n: number }>('select count(*)::int as n from ioc_reporting_agencies');
    assert.equal(agencies[0]!.n, AGENCIES.length + config.province.communes.length);
    const { rows: stc } = await db.query<{ name: string }>(`select name from ioc_reporting_agencies where code = 'STC'`);
    assert.equal(stc[0]!.name, 'Sở Tài chính');
    await assert.rejects(
      db.query(`insert into ioc_report_values (indicator_id, area_code, period, status) values ('a.b', '56', '2026', 'final')`),
      /check/i,
    );
    unlisten = await db.listen(NOTIFY_CHANNEL, inbox.push);
  });

  test(`${label}: seedDemo fills an empty table once, fast`, async (t) => {
    const current = generateDemoRows(config, NOW, 42);
    const formerRows = generateFormerCommuneRows(config, current, 42);
    const expected = current.length + formerRows.length;
    const t0 = performance.now();
    const res = await seedDemo(db, config, { now: NOW, seed: 42 });
    const ms = performance.now() - t0;
    t.diagnostic(`${label}: seeded ${res.rows} rows in ${ms.toFixed(0)} ms`);
    assert.equal(res.rows, expected);
    // Every figure sent by now, at each status it was sent at (the center's submissions in demo mode).
    assert.ok(
      res.submissions.length >= current.filter((r) => r.value !== null).length / 2,
      `${res.submissions.length} submissions`,
    );
    seeded = res.rows;
    const { rows } = await db.query<{ n: number; inds: number; areas: number }>(
      'select count(*)::int as n, count(distinct indicator_id)::int as inds, count(distinct area_code)::int as areas from ioc_report_values',
    );
    const formerAreas = new Set(formerRows.map((r) => r.area_code));
    const areas = new Set(['56', ...config.province.communes.map((c) => c.code), ...formerAreas]);
    assert.deepEqual(rows[0], { n: expected, inds: 154, areas: areas.size });
    assert.deepEqual(await seedDemo(db, config, { now: NOW, seed: 42 }), { rows: 0, submissions: [] });
    // The seed's bulk statements notify "*", never key lists longer than 100.
    for (const p of await inbox.drain()) {
      const parsed = parseNotifyPayload(p);
      if (!parsed.all) assert.ok(parsed.keys.length <= 100);
      assert.ok(Buffer.byteLength(p) < 8000);
    }
    const { rows: one } = await db.query<{ value: string; plan: string | null; status: string; reporter: string; at: string }>(
      `select value, plan, status, reporter,
              to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
         from ioc_report_values where indicator_id = 'budget.revenue_total' and area_code = '56' and period = '2026-11'`,
    );
    assert.equal(one[0]!.status, 'estimate');
    assert.equal(one[0]!.reporter, 'STC');
    // Sent on the demo calendar: around the 20th, before now.
    assert.ok(one[0]!.at >= '2026-11-14' && one[0]!.at < '2026-11-23T09:00', one[0]!.at);
    assert.ok(Number(one[0]!.value) > 1000);
  });

  test(`${label}: an UPDATE of one row notifies its key triple`, async () => {
    await inbox.drain();
    await db.query(
      `update ioc_report_values set value = value + 1, updated_at = now()
        where indicator_id = 'tourism.revenue' and area_code = '56' and period = '2026-10'`,
    );
    const payload = await inbox.next();
    assert.deepEqual(JSON.parse(payload), [['tourism.revenue', '56', '2026-10']]);
    // An upsert of an existing row fires the UPDATE trigger only; the INSERT one saw no rows.
    await db.query(
      `insert into ioc_report_values (indicator_id, area_code, period, value, status, reporter)
       values ('tourism.revenue', '56', '2026-10', 4000, 'preliminary', 'SVHTTDL')
       on conflict (indicator_id, area_code, period) do update set value = excluded.value, status = excluded.status, updated_at = now()`,
    );
    assert.deepEqual(JSON.parse(await inbox.next()), [['tourism.revenue', '56', '2026-10']]);
    assert.deepEqual(await inbox.drain(), []);
  });

  test(`${label}: a bulk insert of 200 rows notifies "*"; 100 rows still list their keys`, async () => {
    await inbox.drain();
    const values = (n: number, prefix: string) =>
      Array.from(
        { length: n },
        (_, i) => `('test.bulk', '56', '${prefix}${String(i).padStart(3, '0')}', ${i}, 'official', 'TKT')`,
      ).join(', ');
    await db.query(
      `insert into ioc_report_values (indicator_id, area_code, period, value, status, reporter) values ${values(200, 'a')}`,
    );
    const star = await inbox.next();
    assert.equal(star, '"*"');
    assert.deepEqual(parseNotifyPayload(star), { all: true });
    await db.query(
      `insert into ioc_report_values (indicator_id, area_code, period, value, status, reporter) values ${values(100, 'b')}`,
    );
    const keys = parseNotifyPayload(await inbox.next());
    assert.equal(keys.all, false);
    if (!keys.all) assert.equal(keys.keys.length, 100);
    await db.query(`delete from ioc_report_values where indicator_id = 'test.bulk'`);
  });

  test(`${label}: the agency simulator upserts realistic reports that reach listeners`, async () => {
    await inbox.drain();
    const sim = startAgencySimulator(db, config, { intervalMs: 60_000, seed: 3, now: () => NOW });
    const kinds = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const action = await sim.step();
      assert.ok(action, 'each step writes something');
      kinds.add(action.kind);
    }
    await sim.stop();
    assert.deepEqual([...kinds].sort(), ['communes', 'estimate', 'revision']);
    const payloads = await inbox.drain(300);
    assert.ok(payloads.length >= 20, `${payloads.length} notifications`);
    for (const p of payloads) assert.equal(parseNotifyPayload(p).all, false);
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from ioc_report_values');
    assert.ok(rows[0]!.n >= seeded);
    // Values stay valid: shares within 0–100.
    const { rows: bad } = await db.query(
      `select * from ioc_report_values where indicator_id in ('public_admin.on_time_rate', 'public_admin.online_rate') and (value < 0 or value > 100)`,
    );
    assert.deepEqual(bad, []);
  });

  return { db: () => db };
}
