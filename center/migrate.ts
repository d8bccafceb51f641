/**
 * Schema migrations of the center's database, with umzug. The applied ones are listed in
 * `ioc_migrations`. Every node runs this at start-up: the whole run happens in one transaction that
 * first takes a PostgreSQL advisory lock, so a second node starting at the same moment waits, then finds
 * nothing left to do. The transaction-scoped lock (pg_advisory_xact_lock) is released by COMMIT or by a
 * dropped connection, so a node that dies mid-migration never leaves it held, and a failed migration
 * leaves no half-applied schema behind. (PGlite is one process; the lock is harmless there.)
 */
import { Umzug, type UmzugStorage } from 'umzug';
import type { DbLogger, Queryable, ReportingDb } from '../reporting-db/db.ts';
import { MIGRATIONS } from './migrations/index.ts';

/** An arbitrary constant naming "the center's schema" among advisory locks ("ioc" + 1). */
export const MIGRATION_LOCK_KEY = 0x10c0001;

function tableStorage(): UmzugStorage<Queryable> {
  return {
    async executed({ context }) {
      await context.exec(
        `create table if not exists ioc_migrations (name text primary key, executed_at timestamptz not null default now())`,
      );
      const { rows } = await context.query<{ name: string }>('select name from ioc_migrations order by name');
      return rows.map((r) => r.name);
    },
    async logMigration({ name, context }) {
      await context.query('insert into ioc_migrations (name) values ($1)', [name]);
    },
    async unlogMigration({ name, context }) {
      await context.query('delete from ioc_migrations where name = $1', [name]);
    },
  };
}

/** Applies the pending migrations; returns their names (empty when the schema was current). */
export async function migrateCenterDb(db: ReportingDb, log?: DbLogger): Promise<{ applied: string[] }> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const umzug = new Umzug<Queryable>({
      migrations: MIGRATIONS.map((m) => ({ name: m.name, up: m.up })),
      context: tx,
      storage: tableStorage(),
      logger: undefined,
    });
    const applied = (await umzug.up()).map((m) => m.name);
    if (applied.length) log?.info({ applied }, 'center db: migrations applied');
    return { applied };
  });
}
