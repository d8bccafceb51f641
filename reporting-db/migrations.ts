/**
 * Schema of the demo reporting database: the contract table `ioc_report_values` (ARCHITECTURE.md,
 * "Reporting integration table"), the reporting agencies, and a statement-level NOTIFY trigger.
 * Versioned in `ioc_schema_migrations`; running migrate() again applies only what is missing.
 * Works on PostgreSQL ≥ 15 and PGlite.
 */
import type { ReportingDb, Queryable } from './db.ts';
import type { ProvinceConfig } from '../contract/config.ts';

/** The channel the trigger notifies on. */
export const NOTIFY_CHANNEL = 'ioc_report_values';
/** A statement touching more rows than this notifies "*" (re-poll) instead of listing keys. */
export const NOTIFY_MAX_KEYS = 100;

/** Provincial agencies that report into the IOC (codes used in config/groups/*.yaml `reporter:`). */
export const AGENCIES: ReadonlyArray<{ code: string; name: string; nameEn: string }> = [
  { code: 'STC', name: 'Sở Tài chính', nameEn: 'Department of Finance' },
  { code: 'CAT', name: 'Công an tỉnh', nameEn: 'Provincial Police' },
  { code: 'TKT', name: 'Thống kê tỉnh', nameEn: 'Provincial Statistics Office' },
  { code: 'THUE', name: 'Thuế tỉnh', nameEn: 'Provincial Tax Office' },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism' },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training' },
  { code: 'SYT', name: 'Sở Y tế', nameEn: 'Department of Health' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', nameEn: 'Department of Agriculture and Environment' },
  { code: 'SNV', name: 'Sở Nội vụ', nameEn: 'Department of Home Affairs' },
  { code: 'BHXH', name: 'Bảo hiểm xã hội tỉnh', nameEn: 'Provincial Social Security' },
  { code: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', nameEn: 'Department of Ethnic and Religious Affairs' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology' },
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', nameEn: 'Public Administration Service Center' },
  { code: 'VPUBND', name: 'Văn phòng UBND tỉnh', nameEn: "Office of the Provincial People's Committee" },
];

/** Reporter code of a commune's People's Committee. */
export function communeReporter(communeCode: string): string {
  return `UBND-${communeCode}`;
}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'report values and agencies',
    sql: `
create table if not exists ioc_report_values (
  indicator_id text not null,
  area_code    text not null,
  period       text not null,
  value        numeric null,
  plan         numeric null,
  status       text not null check (status in ('estimate', 'preliminary', 'official')),
  reporter     text,
  updated_at   timestamptz not null default now(),
  primary key (indicator_id, area_code, period)
);
create index if not exists ioc_report_values_updated_at_idx on ioc_report_values (updated_at);

create table if not exists ioc_reporting_agencies (
  code    text primary key,
  name    text not null,
  name_en text
);
insert into ioc_reporting_agencies (code, name, name_en) values
${AGENCIES.map((a) => `  (${sqlString(a.code)}, ${sqlString(a.name)}, ${sqlString(a.nameEn)})`).join(',\n')}
on conflict (code) do update set name = excluded.name, name_en = excluded.name_en;
`,
  },
  {
    version: 2,
    name: 'statement-level notify trigger',
    // PostgreSQL forbids transition tables on a trigger with several events: one function, two triggers.
    // An upsert (insert … on conflict do update) fires both; the one that saw no rows stays silent.
    sql: `
create or replace function ioc_report_values_notify() returns trigger
language plpgsql as $fn$
declare
  n integer;
  payload text;
begin
  select count(*) into n from new_rows;
  if n = 0 then
    return null;
  end if;
  if n > ${NOTIFY_MAX_KEYS} then
    payload := '"*"';
  else
    select json_agg(json_build_array(indicator_id, area_code, period) order by indicator_id, area_code, period)::text
      into payload from new_rows;
    -- NOTIFY payloads must stay below 8000 bytes.
    if octet_length(payload) > 7900 then
      payload := '"*"';
    end if;
  end if;
  perform pg_notify('${NOTIFY_CHANNEL}', payload);
  return null;
end
$fn$;

drop trigger if exists ioc_report_values_notify_insert on ioc_report_values;
create trigger ioc_report_values_notify_insert
  after insert on ioc_report_values
  referencing new table as new_rows
  for each statement execute function ioc_report_values_notify();

drop trigger if exists ioc_report_values_notify_update on ioc_report_values;
create trigger ioc_report_values_notify_update
  after update on ioc_report_values
  referencing new table as new_rows
  for each statement execute function ioc_report_values_notify();
`,
  },
];

/**
 * Applies the migrations not yet recorded in ioc_schema_migrations, each in its own transaction.
 * With a province, also registers its communes' People's Committees as reporting agencies.
 */
export async function migrate(db: ReportingDb, opts: { province?: ProvinceConfig } = {}): Promise<{ applied: number[] }> {
  await db.exec(`
create table if not exists ioc_schema_migrations (
  version    integer primary key,
  name       text not null,
  applied_at timestamptz not null default now()
);`);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      // Serialises concurrent migrators (several ingest replicas starting at once).
      await tx.query('select pg_advisory_xact_lock(7420261)');
      const { rows } = await tx.query<{ version: number }>('select version from ioc_schema_migrations where version = $1', [
        m.version,
      ]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('insert into ioc_schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  if (opts.province) await upsertCommuneAgencies(db, opts.province);
  return { applied };
}

/** Registers UBND-<code> for every commune of the province (idempotent). */
export async function upsertCommuneAgencies(db: Queryable, province: ProvinceConfig): Promise<void> {
  if (province.communes.length === 0) return;
  const params: unknown[] = [];
  const tuples = province.communes.map((c, i) => {
    params.push(communeReporter(c.code), `UBND ${c.type.toLowerCase()} ${c.name}`, `People's Committee of ${c.name}`);
    return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
  });
  await db.query(
    `insert into ioc_reporting_agencies (code, name, name_en) values ${tuples.join(', ')}
     on conflict (code) do update set name = excluded.name, name_en = excluded.name_en`,
    params,
  );
}

export type NotifyPayload = { all: true } | { all: false; keys: Array<{ indicator: string; area: string; period: string }> };

/**
 * Reads a payload of the ioc_report_values channel: a JSON array of [indicator_id, area_code, period]
 * triples, or the JSON string "*" (also a bare *) meaning "many rows changed, poll". Anything
 * unreadable is treated as "*", so a listener never misses a change.
 */
export function parseNotifyPayload(payload: string): NotifyPayload {
  const t = payload.trim();
  if (t === '*' || t === '"*"') return { all: true };
  try {
    const v: unknown = JSON.parse(t);
    if (!Array.isArray(v)) return { all: true };
    const keys: Array<{ indicator: string; area: string; period: string }> = [];
    for (const k of v) {
      if (!Array.isArray(k) || k.length !== 3 || !k.every((x) => typeof x === 'string')) return { all: true };
      keys.push({ indicator: k[0] as string, area: k[1] as string, period: k[2] as string });
    }
    return { all: false, keys };
  } catch {
    return { all: true };
  }
}
