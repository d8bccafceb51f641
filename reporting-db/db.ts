/**
 * The reporting database: PostgreSQL (DATABASE_URL) or embedded PGlite (the default demo), behind one
 * small interface. Both speak node-postgres result semantics: `numeric` comes back as a string, and
 * `timestamptz` as a JS Date with millisecond precision — select
 * `to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` when microseconds matter.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { backoffMs } from '../contract/backoff.ts';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Several statements, no parameters. */
  exec(sql: string): Promise<void>;
}

export interface ReportingDb extends Queryable {
  kind: 'postgres' | 'pglite';
  /**
   * LISTEN on a channel; the callback gets the payload; returns unlisten. On PostgreSQL a dropped LISTEN
   * connection is re-established with backoff, and onReconnect is called so the caller can re-poll for
   * what it missed meanwhile. PGlite never drops, so onReconnect is never called there.
   */
  listen(channel: string, onNotify: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /** Runs fn on one connection inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OpenReportingDbOptions {
  /** postgres://… ; when unset, an embedded PGlite database under dataDir. */
  databaseUrl?: string;
  /** PGlite data folder (created when missing); default ./data/reporting. */
  dataDir?: string;
  /** Pool size for PostgreSQL (default 10). */
  maxConnections?: number;
  log?: DbLogger;
}

const silent: DbLogger = { info() {}, warn() {}, error() {} };

export async function openReportingDb(opts: OpenReportingDbOptions = {}): Promise<ReportingDb> {
  const log = opts.log ?? silent;
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.maxConnections ?? 10, log);
  return openPglite(opts.dataDir ?? './data/reporting');
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

interface ChannelSubs {
  handlers: Set<(payload: string) => void>;
  reconnects: Set<() => void>;
}

async function openPostgres(connectionString: string, max: number, log: DbLogger): Promise<ReportingDb> {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection emits 'error' on the pool; without a handler it would crash.
  pool.on('error', (err) => log.warn({ err: err.message }, 'reporting db: idle pool connection failed'));
  // Fail early with a clear error when the database is unreachable.
  await pool.query('select 1');

  const channels = new Map<string, ChannelSubs>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let attempt = 0;
  let closed = false;
  let everConnected = false;

  const dispatch = (msg: pg.Notification) => {
    const subs = channels.get(msg.channel);
    if (!subs) return;
    for (const h of subs.handlers) {
      try {
        h(msg.payload ?? '');
      } catch (err) {
        log.error({ err: (err as Error).message, channel: msg.channel }, 'reporting db: notification handler threw');
      }
    }
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer || connecting) return;
    attempt++;
    // 250 ms doubling to 10 s, ±25 % so several servers do not reconnect in step.
    const delay = backoffMs(attempt, { baseMs: 250, maxMs: 10_000, jitter: 0.25 });
    log.warn({ attempt, delayMs: delay }, 'reporting db: LISTEN connection lost, reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connectListener().catch(() => scheduleReconnect());
    }, delay);
    retryTimer.unref?.();
  };

  const connectListener = (): Promise<void> => {
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({ connectionString });
      let dropped = false;
      const onDrop = (err?: Error) => {
        if (dropped) return;
        dropped = true;
        if (err) log.warn({ err: err.message }, 'reporting db: LISTEN connection error');
        if (client === c) client = null;
        c.removeAllListeners('notification');
        c.end().catch(() => {});
        if (!closed) scheduleReconnect();
      };
      c.on('error', (err) => onDrop(err));
      c.on('end', () => onDrop());
      c.on('notification', dispatch);
      try {
        await c.connect();
        for (const ch of channels.keys()) await c.query(`LISTEN ${quoteIdent(ch)}`);
      } catch (err) {
        dropped = true;
        c.end().catch(() => {});
        throw err;
      }
      if (closed) {
        await c.end().catch(() => {});
        return;
      }
      client = c;
      const wasReconnect = everConnected;
      everConnected = true;
      attempt = 0;
      if (wasReconnect) {
        log.info({}, 'reporting db: LISTEN connection re-established');
        for (const subs of channels.values())
          for (const r of subs.reconnects) {
            try {
              r();
            } catch (err) {
              log.error({ err: (err as Error).message }, 'reporting db: onReconnect threw');
            }
          }
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  const db: ReportingDb = {
    kind: 'postgres',
    async query<R>(sql: string, params?: unknown[]) {
      const res = await pool.query(sql, params as unknown[] | undefined);
      return { rows: res.rows as R[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const c = await pool.connect();
      let broken = false;
      // A checked-out client has no 'error' listener (pg-pool removes it): a connection lost between two
      // statements would otherwise be an uncaught exception. The next statement fails and rolls back.
      const onLost = (err: Error) => {
        broken = true;
        log.warn({ err: err.message }, 'reporting db: connection lost inside a transaction');
      };
      c.on('error', onLost);
      try {
        await c.query('BEGIN');
        const tx: Queryable = {
          async query<R>(sql: string, params?: unknown[]) {
            const res = await c.query(sql, params as unknown[] | undefined);
            return { rows: res.rows as R[] };
          },
          async exec(sql: string) {
            await c.query(sql);
          },
        };
        const out = await fn(tx);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        try {
          await c.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        c.off('error', onLost);
        c.release(broken);
      }
    },
    async listen(channel, onNotify, onReconnect) {
      if (closed) throw new Error('reporting db is closed');
      let subs = channels.get(channel);
      const isNew = !subs;
      if (!subs) {
        subs = { handlers: new Set(), reconnects: new Set() };
        channels.set(channel, subs);
      }
      // Wrap so the same function can be registered twice and removed independently.
      const h = (p: string) => onNotify(p);
      const r = onReconnect ? () => onReconnect() : null;
      subs.handlers.add(h);
      if (r) subs.reconnects.add(r);
      if (!client) {
        try {
          await connectListener(); // LISTENs every registered channel
        } catch (err) {
          // Keep trying in the background; the caller polls meanwhile and hears onReconnect later.
          log.warn({ err: (err as Error).message }, 'reporting db: LISTEN unavailable for now');
          everConnected = true;
          scheduleReconnect();
        }
      }
      // Also when a connection attempt was already under way before this channel was registered
      // (LISTEN twice is harmless).
      if (client && isNew) await client.query(`LISTEN ${quoteIdent(channel)}`);
      return async () => {
        const s = channels.get(channel);
        if (!s) return;
        s.handlers.delete(h);
        if (r) s.reconnects.delete(r);
        if (s.handlers.size === 0) {
          channels.delete(channel);
          if (client) await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (connecting) await connecting.catch(() => {});
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
      await pool.end();
    },
  };
  return db;
}

// ---------------------------------------------------------------------------------------------------
// PGlite (embedded, single connection, persisted under dataDir)

async function openPglite(dataDir: string): Promise<ReportingDb> {
  mkdirSync(dataDir, { recursive: true });
  const pgl = new PGlite(dataDir);
  await pgl.waitReady;
  let closed = false;
  const db: ReportingDb = {
    kind: 'pglite',
    async query<R>(sql: string, params?: unknown[]) {
      const res = await pgl.query<R>(sql, params);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await pgl.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pgl.transaction(async (t) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            const res = await t.query<R>(sql, params);
            return { rows: res.rows };
          },
          async exec(sql: string) {
            await t.exec(sql);
          },
        }),
      );
    },
    async listen(channel, onNotify) {
      if (closed) throw new Error('reporting db is closed');
      const unsub = await pgl.listen(channel, (payload) => {
        try {
          onNotify(payload);
        } catch {
          // A subscriber's bug must not break PGlite's notification loop.
        }
      });
      return async () => {
        if (!closed) await unsub();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await pgl.close();
    },
  };
  return db;
}
