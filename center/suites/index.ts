/**
 * One integration suite for the center's database, run on real PostgreSQL (postgres.test.ts) and on
 * PGlite (pglite.test.ts): migrations, users, sessions, devices and pairing, the audit log.
 */
import { after, before } from 'node:test';
import type { CenterDb } from '../db.ts';
import type { SuiteContext } from './context.ts';
import { migrationSuite } from './migrations.suite.ts';
import { userSuite } from './users.suite.ts';
import { sessionSuite } from './sessions.suite.ts';
import { deviceSuite } from './devices.suite.ts';
import { auditSuite } from './audit.suite.ts';
import { configHistorySuite } from './config-history.suite.ts';

export function centerDbSuite(label: string, open: () => Promise<CenterDb>, cleanup: () => Promise<void>): SuiteContext {
  let db: CenterDb | undefined;
  const ctx: SuiteContext = {
    label,
    db() {
      if (!db) throw new Error('the database is not open');
      return db;
    },
    async reopen() {
      await db?.close();
      db = undefined;
      db = await open();
      return db;
    },
  };
  before(async () => {
    db = await open();
  });
  after(async () => {
    await db?.close();
    await cleanup();
  });
  migrationSuite(ctx);
  userSuite(ctx);
  sessionSuite(ctx);
  deviceSuite(ctx);
  auditSuite(ctx);
  configHistorySuite(ctx);
  return ctx;
}
