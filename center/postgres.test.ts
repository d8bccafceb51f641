import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { openCenterDb } from './db.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { centerDbSuite } from './suites/index.ts';

let database: TestDatabase | undefined;

centerDbSuite(
  'postgres',
  async () => {
    database ??= await createTestDatabase('center');
    const db = await openCenterDb({ databaseUrl: database.url });
    if (db.kind !== 'postgres') throw new Error('expected PostgreSQL');
    return db;
  },
  async () => {
    await database?.drop();
  },
);

test('postgres: nodes starting at once migrate one after the other, each exactly once', async () => {
  const fresh = await createTestDatabase('center_race');
  after(() => fresh.drop());
  const applied: string[][] = [];
  const log = { info: (o: object) => applied.push((o as { applied: string[] }).applied), warn() {}, error() {} };
  const dbs = await Promise.all([1, 2, 3].map(() => openCenterDb({ databaseUrl: fresh.url, log })));
  try {
    assert.deepEqual(applied, [MIGRATIONS.map((m) => m.name)], 'one node applied them, the others found nothing to do');
    const { rows } = await dbs[0]!.query<{ n: number }>('select count(*)::int as n from ioc_migrations');
    assert.equal(rows[0]!.n, MIGRATIONS.length);
  } finally {
    await Promise.all(dbs.map((d) => d.close()));
  }
});
