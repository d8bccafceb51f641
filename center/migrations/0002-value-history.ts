/**
 * Revisions and compliance (ARCHITECTURE.md): every change of a value the ingest published, and when the
 * center first saw each (indicator, area, period, status) — the submission time compliance counts from.
 */
import type { MigrationParams } from 'umzug';
import type { Queryable } from '../../reporting-db/db.ts';

export async function up({ context: db }: MigrationParams<Queryable>): Promise<void> {
  await db.exec(`
    create table value_history (
      id           bigint generated always as identity primary key,
      indicator    text not null,
      area         text not null,
      period       text not null,
      value        double precision null,
      plan         double precision null,
      status       text not null check (status in ('estimate', 'preliminary', 'official')),
      reporter     text null,
      -- As the reporting database wrote it (ISO-8601 with microseconds), so it compares with IndicatorValue.updatedAt.
      updated_at   text not null,
      seen_at      timestamptz not null default now()
    );
    create index value_history_key on value_history (indicator, area, period, seen_at);

    -- One row per figure and status: when it first reached the center (or the reporting system's own
    -- submission time, where its view has the optional column submitted_at).
    create table value_submissions (
      indicator     text not null,
      area          text not null,
      period        text not null,
      status        text not null check (status in ('estimate', 'preliminary', 'official')),
      reporter      text null,
      first_seen_at timestamptz not null,
      submitted_at  timestamptz null,
      primary key (indicator, area, period, status)
    );
    create index value_submissions_period on value_submissions (period);
  `);
}
