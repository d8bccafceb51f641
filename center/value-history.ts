/**
 * The revision history of indicator values (migration 0002-value-history): every change the ingest
 * published, and the first sighting of each figure at each status (value_submissions, which compliance
 * counts from: first_seen_at = when the center first saw it; submitted_at = the reporting system's own
 * time, where its view has one). The ingest writes through its ValueHistoryWriter interface
 * (ingest/report-values/history.ts), realtime reads a figure's history for GET /api/values/history.
 */
import type { ValueStatus } from '../contract/messages.ts';
import type { ValueHistoryItem } from '../contract/trust.ts';
import type { Queryable } from './db.ts';

export interface ValueHistoryRecord {
  indicator: string;
  area: string;
  period: string;
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string | null;
  updatedAt: string;
  seenAt: string;
  submittedAt: string | null;
}

export interface ValueHistoryRepo {
  append(entries: readonly ValueHistoryRecord[]): Promise<void>;
  replay(minPeriod: string): Promise<Omit<ValueHistoryRecord, 'seenAt' | 'submittedAt'>[]>;
  prune(minPeriod: string): Promise<number>;
  /**
   * Demo mode only: when the seeded figures were sent at each status, as first sightings (a center that
   * had been running all along), so compliance judges the seeded months fairly. Existing rows win.
   */
  seedSubmissions(list: readonly SeededSubmission[]): Promise<void>;
  /** One figure's history, oldest first (at most `limit` of the latest). */
  list(key: { indicator: string; area: string; period: string }, limit?: number): Promise<ValueHistoryItem[]>;
}

export interface SeededSubmission {
  indicator: string;
  area: string;
  period: string;
  status: ValueStatus;
  reporter: string | null;
  at: Date;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

interface Row {
  indicator: string;
  area: string;
  period: string;
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string | null;
  updated_at: string;
  seen_at: string;
}

export function createValueHistory(db: Queryable): ValueHistoryRepo {
  return {
    async seedSubmissions(list) {
      for (let i = 0; i < list.length; i += 5000) {
        const chunk = list.slice(i, i + 5000);
        const col = <K extends keyof SeededSubmission>(k: K) => chunk.map((e) => e[k]);
        await db.query(
          `INSERT INTO value_submissions (indicator, area, period, status, reporter, first_seen_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
           ON CONFLICT DO NOTHING`,
          [col('indicator'), col('area'), col('period'), col('status'), col('reporter'), chunk.map((e) => e.at.toISOString())],
        );
      }
    },
    async append(entries) {
      if (entries.length === 0) return;
      const col = <K extends keyof ValueHistoryRecord>(k: K) => entries.map((e) => e[k]);
      // One statement: the history rows in the order seen, and the first sighting per status (the first wins).
      await db.query(
        `WITH e AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[],
                                $8::text[], $9::timestamptz[], $10::timestamptz[])
             WITH ORDINALITY AS e(indicator, area, period, value, plan, status, reporter, updated_at, seen_at, submitted_at, n)
         ), h AS (
           INSERT INTO value_history (indicator, area, period, value, plan, status, reporter, updated_at, seen_at)
           SELECT indicator, area, period, value, plan, status, reporter, updated_at, seen_at FROM e ORDER BY n
         )
         INSERT INTO value_submissions (indicator, area, period, status, reporter, first_seen_at, submitted_at)
         SELECT DISTINCT ON (indicator, area, period, status) indicator, area, period, status, reporter, seen_at, submitted_at
           FROM e ORDER BY indicator, area, period, status, n
         ON CONFLICT DO NOTHING`,
        [
          col('indicator'),
          col('area'),
          col('period'),
          col('value'),
          col('plan'),
          col('status'),
          col('reporter'),
          col('updatedAt'),
          col('seenAt'),
          col('submittedAt'),
        ],
      );
    },

    async replay(minPeriod) {
      // As few columns as the model needs: at start-up this reads every figure of the window once.
      const { rows } = await db.query<Omit<Row, 'seen_at'>>(
        `SELECT indicator, area, period, value, plan, status, reporter, updated_at
           FROM value_history WHERE period >= $1 ORDER BY indicator, area, period, id`,
        [minPeriod],
      );
      return rows.map((r) => ({
        indicator: r.indicator,
        area: r.area,
        period: r.period,
        value: r.value,
        plan: r.plan,
        status: r.status,
        reporter: r.reporter,
        updatedAt: r.updated_at,
      }));
    },

    async prune(minPeriod) {
      const a = await db.query<{ n: number }>(
        `WITH d AS (DELETE FROM value_history WHERE period < $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
        [minPeriod],
      );
      const b = await db.query<{ n: number }>(
        `WITH d AS (DELETE FROM value_submissions WHERE period < $1 RETURNING 1) SELECT count(*)::int AS n FROM d`,
        [minPeriod],
      );
      return (a.rows[0]?.n ?? 0) + (b.rows[0]?.n ?? 0);
    },

    async list({ indicator, area, period }, limit = 500) {
      const { rows } = await db.query<Row>(
        `SELECT * FROM (
           SELECT id, value, plan, status, reporter, updated_at, to_char(seen_at AT TIME ZONE 'UTC', ${ISO}) AS seen_at
             FROM value_history WHERE indicator = $1 AND area = $2 AND period = $3 ORDER BY id DESC LIMIT $4
         ) latest ORDER BY id`,
        [indicator, area, period, limit],
      );
      return rows.map((r) => ({
        value: r.value,
        plan: r.plan,
        status: r.status,
        reporter: r.reporter,
        updatedAt: r.updated_at,
        seenAt: r.seen_at,
      }));
    },
  };
}
