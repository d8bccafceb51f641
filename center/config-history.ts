/**
 * Versions of the configuration the workspace publishes (migration 0005): the latest per item, the list
 * of one item newest first, one version's YAML for a rollback, and `append`, which takes the version it
 * expects to follow so that two nodes (or two editors) can never both write version n + 1.
 */
import { createHash } from 'node:crypto';
import type { ConfigKind, ConfigVersion } from '../contract/workspace.ts';
import type { Queryable } from '../reporting-db/db.ts';

export interface HistoryEntry {
  kind: ConfigKind;
  id: string;
  version: number;
  yaml: string;
  sha256: string;
  actor: { id: string; name: string };
  action: ConfigVersion['action'];
  diff: string;
  at: string;
}

export interface AppendVersion {
  kind: ConfigKind;
  id: string;
  /** The version this one follows (0 for the first). */
  after: number;
  yaml: string;
  actor: { id: string; name: string };
  action: ConfigVersion['action'];
  diff: string;
}

export interface ConfigHistoryRepo {
  /** The newest version of every item of a kind. */
  latestAll(kind: ConfigKind): Promise<Map<string, HistoryEntry>>;
  latest(kind: ConfigKind, id: string): Promise<HistoryEntry | null>;
  get(kind: ConfigKind, id: string, version: number): Promise<HistoryEntry | null>;
  list(kind: ConfigKind, id: string, limit?: number): Promise<HistoryEntry[]>;
  /** The new version number, or null when `after` is no longer the latest (someone else appended). */
  append(v: AppendVersion): Promise<number | null>;
  /** Version 1 of items that have none yet, in one statement (the first start: ~180 items); returns how many were new. */
  appendFirst(vs: readonly Omit<AppendVersion, 'after'>[]): Promise<number>;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Row {
  kind: ConfigKind;
  id: string;
  version: number;
  yaml: string;
  sha256: string;
  actor_id: string;
  actor_name: string;
  action: ConfigVersion['action'];
  diff: string;
  at: Date | string;
}

const toEntry = (r: Row): HistoryEntry => ({
  kind: r.kind,
  id: r.id,
  version: Number(r.version),
  yaml: r.yaml,
  sha256: r.sha256,
  actor: { id: r.actor_id, name: r.actor_name },
  action: r.action,
  diff: r.diff,
  at: new Date(r.at).toISOString(),
});

const COLUMNS = 'kind, id, version, yaml, sha256, actor_id, actor_name, action, diff, at';

export function createConfigHistoryRepo(db: Queryable): ConfigHistoryRepo {
  return {
    async latestAll(kind) {
      const { rows } = await db.query<Row>(
        `select distinct on (id) ${COLUMNS} from config_history where kind = $1 order by id, version desc`,
        [kind],
      );
      return new Map(rows.map((r) => [r.id, toEntry(r)]));
    },
    async latest(kind, id) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from config_history where kind = $1 and id = $2 order by version desc limit 1`,
        [kind, id],
      );
      return rows[0] ? toEntry(rows[0]) : null;
    },
    async get(kind, id, version) {
      const { rows } = await db.query<Row>(`select ${COLUMNS} from config_history where kind = $1 and id = $2 and version = $3`, [
        kind,
        id,
        version,
      ]);
      return rows[0] ? toEntry(rows[0]) : null;
    },
    async list(kind, id, limit = 200) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from config_history where kind = $1 and id = $2 order by version desc limit $3`,
        [kind, id, limit],
      );
      return rows.map(toEntry);
    },
    async append(v) {
      // Insert version after + 1 only while `after` is the latest; the primary key settles a race.
      const { rows } = await db.query<{ version: number }>(
        `insert into config_history (kind, id, version, yaml, sha256, actor_id, actor_name, action, diff)
         select $1, $2, $3::integer + 1, $4, $5, $6, $7, $8, $9
          where coalesce((select max(version) from config_history where kind = $1 and id = $2), 0) = $3::integer
         on conflict (kind, id, version) do nothing
         returning version`,
        [v.kind, v.id, v.after, v.yaml, sha256(v.yaml), v.actor.id, v.actor.name, v.action, v.diff],
      );
      return rows[0] ? Number(rows[0].version) : null;
    },
    async appendFirst(vs) {
      if (vs.length === 0) return 0;
      const col = <K extends keyof Omit<AppendVersion, 'after'>>(k: K) => vs.map((v) => v[k]);
      const { rows } = await db.query<{ n: number }>(
        `with added as (
           insert into config_history (kind, id, version, yaml, sha256, actor_id, actor_name, action, diff)
           select kind, id, 1, yaml, sha, actor_id, actor_name, action, diff
             from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                  as t(kind, id, yaml, sha, actor_id, actor_name, action, diff)
           on conflict (kind, id, version) do nothing
           returning 1)
         select count(*)::int as n from added`,
        [
          col('kind'),
          col('id'),
          col('yaml'),
          vs.map((v) => sha256(v.yaml)),
          vs.map((v) => v.actor.id),
          vs.map((v) => v.actor.name),
          col('action'),
          col('diff'),
        ],
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}
