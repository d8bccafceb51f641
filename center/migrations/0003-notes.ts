/**
 * Notes and explanation requests on a figure (ARCHITECTURE.md "Meetings"): addressed to the indicator's
 * reporting agency, answered by its users, closed by leaders. Text is stored as typed and always shown
 * as text, never as markup.
 */
import type { MigrationParams } from 'umzug';
import type { Queryable } from '../../reporting-db/db.ts';

export async function up({ context: db }: MigrationParams<Queryable>): Promise<void> {
  await db.exec(`
    create table notes (
      id           uuid primary key,
      indicator    text not null,
      -- The indicator's group, so a caller's scope (groups × areas) filters in SQL.
      grp          text not null,
      area         text not null,
      period       text not null,
      kind         text not null check (kind in ('note', 'explanation')),
      status       text not null check (status in ('open', 'answered', 'closed')),
      reporter     text not null,
      text         text not null,
      author_id    text not null,
      author_name  text not null,
      meeting      text null,
      created_at   timestamptz not null,
      updated_at   timestamptz not null
    );
    create index notes_reporter_status on notes (reporter, status, updated_at desc);
    create index notes_updated on notes (updated_at desc);
    create index notes_figure on notes (indicator, area, period);

    create table note_replies (
      id           uuid primary key,
      note_id      uuid not null references notes (id) on delete cascade,
      author_id    text not null,
      author_name  text not null,
      text         text not null,
      at           timestamptz not null
    );
    create index note_replies_note on note_replies (note_id, at);
  `);
}
