/**
 * The center's own database (ARCHITECTURE.md "The center's own database"): users, sessions, devices,
 * the audit log and, in later migrations, meetings, notes and histories. PostgreSQL at IOC_DATABASE_URL,
 * or embedded PGlite under `$DATA_DIR/ioc` — the same small wrapper as the reporting database, opened
 * and migrated here before anything reads it.
 */
import { openReportingDb, type DbLogger, type ReportingDb } from '../reporting-db/db.ts';
import { migrateCenterDb } from './migrate.ts';

export type { Queryable, DbLogger } from '../reporting-db/db.ts';
export type CenterDb = ReportingDb;
/** What a repository that needs transactions takes (a test may pass a narrower fake). */
export type TransactionalDb = Pick<ReportingDb, 'query' | 'exec' | 'transaction'>;

export interface OpenCenterDbOptions {
  /** postgres://… (IOC_DATABASE_URL); unset: PGlite under dataDir. */
  databaseUrl?: string;
  /** PGlite data folder, default ./data/ioc. */
  dataDir?: string;
  log?: DbLogger;
}

/** Opens the database and brings its schema up to date (every node may call it at once). */
export async function openCenterDb(opts: OpenCenterDbOptions = {}): Promise<CenterDb> {
  const db = await openReportingDb({
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    dataDir: opts.dataDir ?? './data/ioc',
    ...(opts.log ? { log: opts.log } : {}),
  });
  try {
    await migrateCenterDb(db, opts.log);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
