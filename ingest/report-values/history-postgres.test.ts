/**
 * The revision history on real PostgreSQL (a reporting database and the center's own database), through the
 * real ingest and center/value-history.ts:
 * - history beyond `sources.reporting.historyYears` is pruned by the ingest's maintenance, newer rows kept,
 *   and the window moves on with the year while the ingest keeps running;
 * - where the province's `ioc_report_values` view has the optional `submitted_at`, that is the submission
 *   time value_submissions records (and compliance judges by); without it, the time the center first saw
 *   the figure is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { loadConfig } from '../../contract/load-config.ts';
import type { Config } from '../../contract/config.ts';
import { parsePeriod } from '../../contract/period.ts';
import { fullScope } from '../../contract/scope.ts';
import { vnInstant } from '../../contract/vn-time.ts';
import { openCenterDb, type CenterDb } from '../../center/db.ts';
import { createValueHistory } from '../../center/value-history.ts';
import { createComplianceRepo } from '../../center/compliance.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { createTestDatabase } from '../../testing/databases.ts';
import { openTestReportingDb, type TestReportingDb } from '../../testing/reporting-db.ts';
import { eventually } from '../../testing/eventually.ts';
import { createReportingIngest } from './reporting-source.ts';
import type { ValueHistoryEntry } from './history.ts';

const log = pino({ level: 'silent' });
const base = loadConfig('config');
const config: Config = {
  ...base,
  groups: base.groups.filter((g) => g.id === 'budget'),
  sources: { reporting: { ...base.sources.reporting, historyYears: 2, pollIntervalMs: 60_000, listen: true } },
};
const PROVINCE = config.province.code;
const REVENUE = 'budget.revenue_total';
const DOMESTIC = 'budget.revenue_domestic';
const IMPORT = 'budget.revenue_import_export';
/** Compliance over the two province-level figures the submission tests send: nothing else is owed. */
const complianceConfig: Config = {
  ...config,
  groups: config.groups.map((g) => ({ ...g, indicators: g.indicators.filter((i) => i.id === DOMESTIC || i.id === IMPORT) })),
};

/** A reporting database, the center's database and an ingest between them; `use` runs with all three. */
async function withIngest(
  label: string,
  opts: { now: () => Date; maintenanceIntervalMs?: number; prepare?: (r: TestReportingDb, center: CenterDb) => Promise<void> },
  use: (r: TestReportingDb, center: CenterDb, flushed: () => Promise<boolean>) => Promise<void>,
): Promise<void> {
  const reporting = await openTestReportingDb(label, `('${REVENUE}','${PROVINCE}','2026-10',2000,NULL,'official','STC')`);
  const centerDatabase = await createTestDatabase(`center_${label}`);
  const center = await openCenterDb({ databaseUrl: centerDatabase.url });
  const store = createMemoryStore();
  let ingest: ReturnType<typeof createReportingIngest> | undefined;
  try {
    await opts.prepare?.(reporting, center);
    ingest = createReportingIngest({
      db: reporting.db,
      store,
      config,
      log,
      history: createValueHistory(center),
      now: opts.now,
      ...(opts.maintenanceIntervalMs ? { maintenanceIntervalMs: opts.maintenanceIntervalMs } : {}),
    });
    await ingest.start();
    const running = ingest;
    await eventually(() => running.status().active, 'the ingest is the active poller');
    await use(reporting, center, () => running.historyFlushed());
  } finally {
    await ingest?.stop();
    await store.close();
    await center.close();
    await centerDatabase.drop();
    await reporting.close();
  }
}

const entry = (period: string, status: ValueHistoryEntry['status'] = 'official'): ValueHistoryEntry => ({
  indicator: REVENUE,
  area: PROVINCE,
  period,
  value: 1000,
  plan: null,
  status,
  reporter: 'STC',
  updatedAt: `${period.slice(0, 4)}-12-31T00:00:00.000000Z`,
  seenAt: `${period.slice(0, 4)}-12-31T00:00:00.000Z`,
  submittedAt: null,
});

const periodsIn = async (center: CenterDb, table: 'value_history' | 'value_submissions'): Promise<string[]> =>
  (await center.query<{ period: string }>(`SELECT DISTINCT period COLLATE "C" AS period FROM ${table} ORDER BY 1`)).rows.map(
    (r) => r.period,
  );

test('history older than historyYears is pruned by the running ingest; the window and newer rows stay', async () => {
  // 2 December 2026 with historyYears 2: the window starts with 2024.
  await withIngest(
    'prune',
    {
      now: () => new Date('2026-12-02T03:00:00Z'),
      maintenanceIntervalMs: 50,
      // What a center that ran with a longer history kept: 2022 and 2023 are now outside the window.
      prepare: (_r, center) =>
        createValueHistory(center).append([
          entry('2022'),
          entry('2023-06', 'estimate'),
          entry('2023-06'),
          entry('2023-12'),
          entry('2024-01'),
          entry('2024'),
          entry('2025-07'),
        ]),
    },
    async (_r, center, flushed) => {
      assert.ok(await flushed(), 'the loaded window is written to the history');
      await eventually(
        async () => (await periodsIn(center, 'value_history'))[0] === '2024',
        'the maintenance prunes value_history before 2024',
      );
      await eventually(
        async () => (await periodsIn(center, 'value_submissions'))[0] === '2024',
        'the maintenance prunes value_submissions before 2024',
      );
      const kept = ['2024', '2024-01', '2025-07', '2026-10'];
      assert.deepEqual(await periodsIn(center, 'value_history'), kept, 'the window and what the ingest wrote are kept');
      assert.deepEqual(await periodsIn(center, 'value_submissions'), kept);
    },
  );
});

test('the history window moves on with the year while the ingest keeps running', async () => {
  let now = new Date('2026-12-31T10:00:00Z');
  await withIngest(
    'prune_year',
    {
      now: () => now,
      maintenanceIntervalMs: 50,
      prepare: (_r, center) => createValueHistory(center).append([entry('2023-12'), entry('2024-06'), entry('2025-01')]),
    },
    async (_r, center) => {
      await eventually(
        async () => (await periodsIn(center, 'value_history'))[0] === '2024-06',
        'in 2026 the maintenance prunes 2023',
      );
      now = new Date('2027-01-01T10:00:00Z');
      await eventually(
        async () => (await periodsIn(center, 'value_history'))[0] === '2025-01',
        'in 2027 the maintenance prunes 2024 too',
      );
      assert.deepEqual(await periodsIn(center, 'value_submissions'), ['2025-01', '2026-10']);
    },
  );
});

interface Submission {
  indicator: string;
  first_seen_ms: number;
  submitted_ms: number | null;
}

async function submissionsOf(center: CenterDb, period: string): Promise<Submission[]> {
  const { rows } = await center.query<Submission>(
    `SELECT indicator, extract(epoch from first_seen_at)::float8 * 1000 AS first_seen_ms,
            extract(epoch from submitted_at)::float8 * 1000 AS submitted_ms
       FROM value_submissions WHERE area = $1 AND period = $2 AND status = 'estimate' ORDER BY indicator`,
    [PROVINCE, period],
  );
  return rows;
}

/** Sở Tài chính's November 2026 on 2 December, as compliance counts it. */
async function stcNovember(center: CenterDb) {
  const repo = createComplianceRepo(center, complianceConfig, { now: () => new Date('2026-12-02T03:00:00Z') });
  const body = await repo.report({ period: parsePeriod('2026-11')!, by: 'agency', scope: fullScope() });
  const stc = body.rows.find((r) => r.key === 'STC');
  assert.ok(stc, 'a compliance row for Sở Tài chính');
  return stc;
}

test('a view with submitted_at: the reporting system’s submission time is recorded and decides on time or late', async () => {
  // November's estimates are due by the end of Friday 20 November 2026.
  let now = vnInstant(2026, 11, 19, 10);
  const lateSubmission = vnInstant(2026, 11, 24, 9);
  const onTimeSubmission = vnInstant(2026, 11, 19, 16);
  await withIngest(
    'submitted_view',
    {
      now: () => now,
      // The province's own table behind a view named as the contract says, with the optional column.
      prepare: async (r) => {
        await r.writer.query(`ALTER TABLE ioc_report_values RENAME TO province_report_rows`);
        await r.writer.query(`ALTER TABLE province_report_rows ADD COLUMN submitted_at timestamptz`);
        await r.writer.query(`CREATE VIEW ioc_report_values AS SELECT * FROM province_report_rows`);
        // Seen by the center on 19 November (the first load), but submitted on 24 November.
        await r.writer.query(
          `INSERT INTO province_report_rows (indicator_id, area_code, period, value, status, reporter, submitted_at)
           VALUES ($1, $2, '2026-11', 4120.5, 'estimate', 'STC', $3)`,
          [IMPORT, PROVINCE, lateSubmission.toISOString()],
        );
      },
    },
    async (r, center, flushed) => {
      // Seen by the center on 27 November (through LISTEN), but submitted on 19 November.
      now = vnInstant(2026, 11, 27, 9);
      await r.writer.query(
        `INSERT INTO province_report_rows (indicator_id, area_code, period, value, status, reporter, submitted_at)
         VALUES ($1, $2, '2026-11', 3500, 'estimate', 'STC', $3)`,
        [DOMESTIC, PROVINCE, onTimeSubmission.toISOString()],
      );
      await eventually(async () => (await flushed()) && (await submissionsOf(center, '2026-11')).length === 2, 'both recorded');
      assert.deepEqual(await submissionsOf(center, '2026-11'), [
        { indicator: DOMESTIC, first_seen_ms: vnInstant(2026, 11, 27, 9).getTime(), submitted_ms: onTimeSubmission.getTime() },
        { indicator: IMPORT, first_seen_ms: vnInstant(2026, 11, 19, 10).getTime(), submitted_ms: lateSubmission.getTime() },
      ]);
      const stc = await stcNovember(center);
      assert.equal(stc.late, 1, 'the import-export revenue estimate, submitted on 24 November though seen on the 19th');
      assert.equal(stc.onTime, 1, 'the domestic revenue estimate, submitted on 19 November though seen on the 27th');
      assert.equal(stc.missing, 0);
      assert.equal(stc.maxDaysLate, 4, 'submitted 24 November against 20 November (seen 27 November would be 7)');
    },
  );
});

test('a table without submitted_at: the time the center first saw the figure is the submission time', async () => {
  let now = vnInstant(2026, 11, 19, 10);
  await withIngest(
    'submitted_none',
    {
      now: () => now,
      prepare: (r) =>
        r.writer
          .query(
            `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
             VALUES ($1, $2, '2026-11', 4120.5, 'estimate', 'STC')`,
            [IMPORT, PROVINCE],
          )
          .then(() => undefined),
    },
    async (r, center, flushed) => {
      now = vnInstant(2026, 11, 24, 9);
      await r.writer.query(
        `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
         VALUES ($1, $2, '2026-11', 3500, 'estimate', 'STC')`,
        [DOMESTIC, PROVINCE],
      );
      await eventually(async () => (await flushed()) && (await submissionsOf(center, '2026-11')).length === 2, 'both recorded');
      assert.deepEqual(await submissionsOf(center, '2026-11'), [
        { indicator: DOMESTIC, first_seen_ms: vnInstant(2026, 11, 24, 9).getTime(), submitted_ms: null },
        { indicator: IMPORT, first_seen_ms: vnInstant(2026, 11, 19, 10).getTime(), submitted_ms: null },
      ]);
      const stc = await stcNovember(center);
      assert.equal(stc.late, 1, 'the domestic revenue estimate, first seen on 24 November');
      assert.equal(stc.onTime, 1, 'the import-export revenue estimate, first seen on 19 November');
      assert.equal(stc.missing, 0);
      assert.equal(stc.maxDaysLate, 4, '24 November against 20 November');
    },
  );
});
