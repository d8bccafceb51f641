/**
 * A throwaway reporting database on the test PostgreSQL with the demo schema (table, NOTIFY trigger),
 * the ingest's connection to it, and a writer pool for the rows an agency's system would write.
 * close() ends both and drops the database.
 */
import type pg from 'pg';
import { openReportingDb, type ReportingDb } from '../reporting-db/db.ts';
import { migrate } from '../reporting-db/migrations.ts';
import { createTestDatabase, openWriter } from './databases.ts';

export interface TestReportingDb {
  url: string;
  db: ReportingDb;
  writer: pg.Pool;
  close(): Promise<void>;
}

/** `rows`: `(indicator_id, area_code, period, value, plan, status, reporter)` tuples in SQL, inserted at once. */
export async function openTestReportingDb(label: string, rows: string): Promise<TestReportingDb> {
  const database = await createTestDatabase(label);
  const db = await openReportingDb({ databaseUrl: database.url });
  await migrate(db);
  const writer = openWriter(database.url);
  await writer.query(
    `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, plan, status, reporter) VALUES ${rows}`,
  );
  return {
    url: database.url,
    db,
    writer,
    async close() {
      await writer.end();
      await db.close();
      await database.drop();
    },
  };
}
