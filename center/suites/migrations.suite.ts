import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrateCenterDb } from '../migrate.ts';
import { MIGRATIONS } from '../migrations/index.ts';
import type { SuiteContext } from './context.ts';

export function migrationSuite(ctx: SuiteContext): void {
  test(`${ctx.label}: migrations ran once and running them again applies nothing`, async () => {
    const db = ctx.db();
    const names = MIGRATIONS.map((m) => m.name);
    const { rows } = await db.query<{ name: string }>('select name from ioc_migrations order by name');
    assert.deepEqual(
      rows.map((r) => r.name),
      names,
    );
    assert.deepEqual(await migrateCenterDb(db), { applied: [] });
    const reopened = await ctx.reopen();
    const again = await reopened.query<{ n: number }>('select count(*)::int as n from ioc_migrations');
    assert.equal(again.rows[0]!.n, names.length);
    const { rows: tables } = await reopened.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    for (const t of ['audit', 'devices', 'ioc_migrations', 'pairings', 'sessions', 'users'])
      assert.ok(
        tables.some((r) => r.table_name === t),
        t,
      );
  });

  test(`${ctx.label}: the schema refuses what the contract forbids`, async () => {
    const db = ctx.db();
    const insert = (role: string, groups: string, agency: string | null) =>
      db.query(
        `insert into users (id, username, name, role, scope_groups, scope_areas, agency) values ($1, $1, 'x', $2, $3::jsonb, '"*"', $4)`,
        [`schema-${Math.random()}`, role, groups, agency],
      );
    await assert.rejects(insert('root', '"*"', null), /check/i);
    await assert.rejects(insert('viewer', '"all"', null), /check/i);
    await assert.rejects(insert('viewer', '{"a":1}', null), /check/i);
    await assert.rejects(insert('agency', '"*"', null), /check/i);
    await insert('agency', '["budget"]', 'STC');
    await assert.rejects(db.query(`insert into audit (actor_kind, action, outcome) values ('user', 'x', 'maybe')`), /check/i);
    await db.query(`delete from users where id like 'schema-%'`);
  });
}
