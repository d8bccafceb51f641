/**
 * Identity: users, their sessions, enrolled devices and pending pairings, and the audit log.
 * Value history, notes, meetings and configuration history come in later migrations.
 */
import type { MigrationParams } from 'umzug';
import type { Queryable } from '../../reporting-db/db.ts';

// A scope list is a JSON array of codes or the string "*".
const scopeCheck = (column: string) => `check (jsonb_typeof(${column}) = 'array' or ${column} = '"*"'::jsonb)`;

export async function up({ context: db }: MigrationParams<Queryable>): Promise<void> {
  await db.exec(`
    create table users (
      id                   text primary key,
      username             text not null check (length(username) between 1 and 64),
      name                 text not null,
      role                 text not null check (role in ('viewer', 'leader', 'agency', 'staff', 'admin')),
      scope_groups         jsonb not null default '"*"'::jsonb ${scopeCheck('scope_groups')},
      scope_areas          jsonb not null default '"*"'::jsonb ${scopeCheck('scope_areas')},
      agency               text null,
      password_hash        text null,
      oidc_subject         text null unique,
      disabled             boolean not null default false,
      must_change_password boolean not null default false,
      created_at           timestamptz not null default now(),
      updated_at           timestamptz not null default now(),
      constraint users_agency_reporter check (role <> 'agency' or agency is not null)
    );
    create unique index users_username_ci on users (lower(username));

    create table sessions (
      token_hash   text primary key,
      user_id      text not null references users (id) on delete cascade,
      created_at   timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at   timestamptz not null,
      ip           text null,
      user_agent   text null
    );
    create index sessions_user on sessions (user_id);
    create index sessions_expires on sessions (expires_at);

    create table devices (
      id           text primary key,
      name         text not null,
      screen       text not null,
      secret_hash  text not null,
      origin       text not null check (origin in ('paired', 'config')),
      created_at   timestamptz not null default now(),
      created_by   text null,
      revoked_at   timestamptz null,
      revoked_by   text null,
      last_seen_at timestamptz null,
      -- deferrable: a config import that swaps two tokens checks uniqueness at commit
      constraint devices_secret_unique unique (secret_hash) deferrable initially immediate
    );

    create table pairings (
      id            text primary key,
      code          text not null unique,
      secret_hash   text not null,
      created_at    timestamptz not null,
      expires_at    timestamptz not null,
      device_id     text null references devices (id) on delete cascade,
      device_secret text null
    );
    create index pairings_expires on pairings (expires_at);

    create table audit (
      id         bigint generated always as identity primary key,
      at         timestamptz not null default now(),
      actor_kind text not null check (actor_kind in ('user', 'device', 'system', 'anonymous')),
      actor_id   text null,
      actor_name text null,
      action     text not null,
      target     text null,
      outcome    text not null check (outcome in ('ok', 'refused', 'failed')),
      ip         text null,
      detail     jsonb null
    );
    create index audit_actor on audit (actor_id, id desc);
    create index audit_action on audit (action, id desc);
    create index audit_target on audit (target, id desc);
    create index audit_at on audit (at desc);
  `);
}
