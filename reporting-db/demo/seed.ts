/** Writing the demo history into ioc_report_values: batched multi-row INSERTs, one transaction. */
import type { Config } from '../../contract/config.ts';
import type { ReportingDb } from '../db.ts';
import { upsertCommuneAgencies } from '../migrations.ts';
import { type DemoRow, type DemoSubmission, generateDemoRows } from './rows.ts';
import { generateFormerCommuneRows } from './former-units.ts';

const COLUMNS = ['indicator_id', 'area_code', 'period', 'value', 'plan', 'status', 'reporter', 'updated_at'] as const;
const BATCH = 800;

/** Inserts rows with multi-row INSERTs inside the caller's transaction or connection. */
export async function insertRows(
  db: Pick<ReportingDb, 'query'>,
  rows: readonly DemoRow[],
  opts: { upsert?: boolean; batchSize?: number } = {},
): Promise<void> {
  const size = opts.batchSize ?? BATCH;
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const params: unknown[] = [];
    const tuples = batch.map((r, i) => {
      params.push(r.indicator_id, r.area_code, r.period, r.value, r.plan, r.status, r.reporter, r.updated_at);
      const b = i * COLUMNS.length;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::numeric, $${b + 5}::numeric, $${b + 6}, $${b + 7}, $${b + 8}::timestamptz)`;
    });
    const conflict = opts.upsert
      ? ` on conflict (indicator_id, area_code, period) do update set value = excluded.value, plan = excluded.plan,
           status = excluded.status, reporter = excluded.reporter, updated_at = excluded.updated_at`
      : '';
    await db.query(`insert into ioc_report_values (${COLUMNS.join(', ')}) values ${tuples.join(', ')}${conflict}`, params);
  }
}

/**
 * Fills an empty ioc_report_values with the demo history (no-op with rows: 0 when it has rows).
 * One transaction: a listener sees one "*" per batch statement, and a crash leaves the table empty.
 */
export async function seedDemo(
  db: ReportingDb,
  config: Config,
  opts: { now: Date; seed?: number },
): Promise<{ rows: number; submissions: DemoSubmission[] }> {
  await upsertCommuneAgencies(db, config.province);
  const { rows: existing } = await db.query<{ any: boolean }>('select exists (select 1 from ioc_report_values) as any');
  if (existing[0]?.any) return { rows: 0, submissions: [] };
  const submissions: DemoSubmission[] = [];
  const rows = generateDemoRows(config, opts.now, opts.seed, submissions);
  rows.push(...generateFormerCommuneRows(config, rows, opts.seed));
  await db.transaction(async (tx) => {
    // Two seeders starting together: the second waits here, then finds the table filled.
    await tx.query('lock table ioc_report_values in share row exclusive mode');
    const { rows: again } = await tx.query<{ any: boolean }>('select exists (select 1 from ioc_report_values) as any');
    if (again[0]?.any) {
      rows.length = 0;
      submissions.length = 0;
      return;
    }
    await insertRows(tx, rows);
  });
  return { rows: rows.length, submissions };
}
