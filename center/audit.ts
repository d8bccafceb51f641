/**
 * The audit log (ARCHITECTURE.md "Audit"): who did what to what, when, from where, and how it ended.
 * Details are redacted before they are stored (redact.ts), so a careless caller cannot put a password
 * or token in the log. Searches run newest first, one bounded page at a time with a `before` cursor.
 */
import {
  AUDIT_PAGE_MAX,
  type ActorKind,
  type AuditEntry,
  type AuditOutcome,
  type AuditPage,
  type AuditQuery,
} from '../contract/identity.ts';
import type { Queryable } from '../reporting-db/db.ts';
import { systemClock, type Clock } from './credentials.ts';
import { redactDetail } from './redact.ts';

export interface AuditActor {
  kind: ActorKind;
  id?: string | null;
  name?: string | null;
}

export interface AuditRecord {
  /** A failed sign-in of an unknown name: `{ kind: 'anonymous', name: <typed username> }`. */
  actor: AuditActor;
  /** Dotted verb, e.g. `session.sign-in`, `device.revoke`, `user.update`. */
  action: string;
  /** What it was done to, e.g. `user:<id>`, `device:wall-1`. */
  target?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditSearch {
  /** An actor's id. */
  actor?: string;
  action?: string;
  target?: string;
  /** From this instant (inclusive) … */
  from?: Date;
  /** … to this one (exclusive). */
  to?: Date;
  /** At most AUDIT_PAGE_MAX (500); default 100. */
  limit?: number;
  /** The `nextBefore` of the previous page. */
  before?: string;
}

/** GET /api/audit's validated query string as a search. */
export function auditSearchFromQuery(q: AuditQuery): AuditSearch {
  return {
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.target ? { target: q.target } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
    ...(q.before ? { before: q.before } : {}),
    limit: q.limit,
  };
}

export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  search(query?: AuditSearch): Promise<AuditPage>;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: String(r.id),
  at: r.at.toISOString(),
  actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  ip: r.ip,
  detail: r.detail,
});

export function createAuditLog(db: Queryable, opts: { now?: Clock } = {}): AuditLog {
  const now = opts.now ?? systemClock;
  return {
    async record(e) {
      const detail = redactDetail(e.detail);
      await db.query(
        `insert into audit (at, actor_kind, actor_id, actor_name, action, target, outcome, ip, detail)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [
          new Date(now()),
          e.actor.kind,
          e.actor.id ?? null,
          e.actor.name ?? null,
          e.action,
          e.target ?? null,
          e.outcome,
          e.ip ?? null,
          detail ? JSON.stringify(detail) : null,
        ],
      );
    },

    async search(q = {}) {
      const limit = Math.max(1, Math.min(AUDIT_PAGE_MAX, Math.trunc(q.limit ?? 100)));
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (q.actor) add('actor_id = ?', q.actor);
      if (q.action) add('action = ?', q.action);
      if (q.target) add('target = ?', q.target);
      if (q.from) add('at >= ?', q.from);
      if (q.to) add('at < ?', q.to);
      if (q.before) add('id < ?', q.before);
      params.push(limit + 1); // one more than asked: tells whether an older page exists
      const { rows } = await db.query<AuditRow>(
        `select id::text as id, at, actor_kind, actor_id, actor_name, action, target, outcome, ip, detail
           from audit ${where.length ? `where ${where.join(' and ')}` : ''}
          order by audit.id desc limit $${params.length}`,
        params,
      );
      const page = rows.slice(0, limit).map(toEntry);
      return { entries: page, nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
    },
  };
}
