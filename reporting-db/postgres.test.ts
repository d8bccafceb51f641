import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openReportingDb } from './db.ts';
import { NOTIFY_CHANNEL } from './migrations.ts';
import { Inbox, reportingDbSuite } from './reporting-db.contract.ts';

const ADMIN_URL = process.env.IOC_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `ioc_test_reporting_${randomBytes(4).toString('hex')}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const DB_URL = url.toString();

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const suite = reportingDbSuite(
  'postgres',
  async () => {
    await admin((c) => c.query(`create database ${dbName}`));
    const db = await openReportingDb({ databaseUrl: DB_URL });
    if (db.kind !== 'postgres') throw new Error('expected PostgreSQL');
    return db;
  },
  async () => {
    await admin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  },
);

test('postgres: a dropped LISTEN connection comes back by itself and calls onReconnect', async () => {
  const db = suite.db();
  const inbox = new Inbox();
  let reconnected = 0;
  const unlisten = await db.listen(NOTIFY_CHANNEL, inbox.push, () => reconnected++);
  try {
    // Kill every LISTEN backend of this database from outside, as a network cut or a restart would.
    const killed = await admin(async (c) => {
      const res = await c.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'listen%'`,
        [dbName],
      );
      return res.rowCount ?? 0;
    });
    assert.ok(killed >= 1, 'found the LISTEN connection');
    const deadline = Date.now() + 10_000;
    while (reconnected === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(reconnected >= 1, 'onReconnect was called');
    await inbox.drain();
    await db.query(
      `update ioc_report_values set updated_at = now() where indicator_id = 'grdp.growth' and area_code = '56' and period = '2026-Q3'`,
    );
    assert.deepEqual(JSON.parse(await inbox.next()), [['grdp.growth', '56', '2026-Q3']]);
  } finally {
    await unlisten();
  }
});
