/**
 * Sign-in sessions, kept in the database so every node knows them and they survive a restart. The
 * cookie carries an opaque token; only its SHA-256 is stored, so a copy of the table opens nothing.
 * A session ends after `idleMs` without use (sliding) and after `lifetimeMs` whatever happens, when it
 * is ended (sign-out, password change, an admin), or as soon as its user is disabled.
 */
import type { Queryable } from '../reporting-db/db.ts';
import { hashCredential, newCredential, systemClock, type Clock } from './credentials.ts';
import { rowToUser, userColumns, type User, type UserRow } from './user-rows.ts';

export interface SessionOptions {
  /** Unused this long: ended. Default 12 h. */
  idleMs?: number;
  /** Ended this long after sign-in, used or not. Default 30 days. */
  lifetimeMs?: number;
  /** last_seen_at is written at most this often per session (a busy tablet is not a write per request). */
  touchEveryMs?: number;
  now?: Clock;
}

export interface Session {
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end (the cookie's Expires). */
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionRepo {
  create(userId: string, client?: { ip?: string | null; userAgent?: string | null }): Promise<{ token: string; expiresAt: Date }>;
  /** The live session and its (enabled) user, or null. */
  lookup(token: string): Promise<{ session: Session; user: User } | null>;
  end(token: string): Promise<boolean>;
  /** Every session of the user, but `exceptToken`'s (a password change keeps the changer signed in). */
  endAllForUser(userId: string, opts?: { exceptToken?: string }): Promise<number>;
  /** Deletes what can no longer be used; returns how many. Run it now and then. */
  purgeExpired(): Promise<number>;
}

const MINUTE_MS = 60_000;
const USER_AGENT_MAX = 400;

interface SessionRow extends UserRow {
  s_created_at: Date;
  s_last_seen_at: Date;
  s_expires_at: Date;
  s_ip: string | null;
  s_user_agent: string | null;
}

export function createSessionRepo(db: Queryable, opts: SessionOptions = {}): SessionRepo {
  const idleMs = opts.idleMs ?? 12 * 60 * MINUTE_MS;
  const lifetimeMs = opts.lifetimeMs ?? 30 * 24 * 60 * MINUTE_MS;
  const touchEveryMs = opts.touchEveryMs ?? MINUTE_MS;
  const now = opts.now ?? systemClock;

  return {
    async create(userId, client = {}) {
      const token = newCredential();
      const at = now();
      const expiresAt = new Date(at + lifetimeMs);
      await db.query(
        `insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
         values ($1, $2, $3, $3, $4, $5, $6)`,
        [
          hashCredential(token),
          userId,
          new Date(at),
          expiresAt,
          client.ip ?? null,
          client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
        ],
      );
      return { token, expiresAt };
    },

    async lookup(token) {
      if (!token) return null;
      const hash = hashCredential(token);
      const { rows } = await db.query<SessionRow>(
        `select ${userColumns('u')}, s.created_at as s_created_at, s.last_seen_at as s_last_seen_at,
                s.expires_at as s_expires_at, s.ip as s_ip, s.user_agent as s_user_agent
           from sessions s join users u on u.id = s.user_id
          where s.token_hash = $1`,
        [hash],
      );
      const row = rows[0];
      if (!row) return null;
      const at = now();
      const lastSeen = row.s_last_seen_at.getTime();
      if (row.s_expires_at.getTime() <= at || lastSeen + idleMs <= at) {
        await db.query('delete from sessions where token_hash = $1', [hash]);
        return null;
      }
      if (row.disabled) return null;
      let lastSeenAt = row.s_last_seen_at;
      if (at - lastSeen >= touchEveryMs) {
        lastSeenAt = new Date(at);
        await db.query('update sessions set last_seen_at = $2 where token_hash = $1', [hash, lastSeenAt]);
      }
      const session: Session = {
        userId: row.id,
        createdAt: row.s_created_at,
        lastSeenAt,
        expiresAt: row.s_expires_at,
        ip: row.s_ip,
        userAgent: row.s_user_agent,
      };
      return { session, user: rowToUser(row) };
    },

    async end(token) {
      if (!token) return false;
      const { rows } = await db.query('delete from sessions where token_hash = $1 returning user_id', [hashCredential(token)]);
      return rows.length > 0;
    },

    async endAllForUser(userId, o = {}) {
      const keep = o.exceptToken ? hashCredential(o.exceptToken) : '';
      const { rows } = await db.query('delete from sessions where user_id = $1 and token_hash <> $2 returning user_id', [
        userId,
        keep,
      ]);
      return rows.length;
    },

    async purgeExpired() {
      const at = now();
      const { rows } = await db.query('delete from sessions where expires_at <= $1 or last_seen_at <= $2 returning user_id', [
        new Date(at),
        new Date(at - idleMs),
      ]);
      return rows.length;
    },
  };
}
