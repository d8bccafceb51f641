/**
 * The history of published configuration (ARCHITECTURE.md "Workspace"): every version of a page, wall or
 * indicator's display settings, with its YAML, who made it, when, how (publish, rollback, hand edit) and
 * the diff against the version before. The primary key makes two publishes of the same version collide.
 */
import type { MigrationParams } from 'umzug';
import type { Queryable } from '../../reporting-db/db.ts';

export async function up({ context: db }: MigrationParams<Queryable>): Promise<void> {
  await db.exec(`
    create table config_history (
      kind        text not null check (kind in ('pages', 'walls', 'indicators')),
      id          text not null,
      version     integer not null check (version >= 1),
      yaml        text not null,
      sha256      text not null,
      actor_id    text not null,
      actor_name  text not null,
      action      text not null check (action in ('publish', 'rollback', 'file', 'create', 'delete')),
      diff        text not null,
      at          timestamptz not null default now(),
      primary key (kind, id, version)
    );
  `);
}
