/**
 * Follows ioc_report_values into the store.
 *
 * - Start: one full read of the live window (the current year and `historyYears` before it).
 * - Fast path: LISTEN ioc_report_values. The demo schema's trigger names the changed keys (or "*" for a
 *   bulk statement); named keys are read back by key, so even a row written with an old updated_at counts.
 * - Fallback that works on any database: poll `updated_at >= cursor − lateCommitWindowMs`. The cursor is
 *   the largest updated_at seen, carried as text with microseconds (node-postgres would round it to a
 *   millisecond Date and re-read or skip rows at the boundary). Re-reading the overlap window catches
 *   transactions that committed after a later timestamp; the model makes re-reads harmless.
 * Only one replica polls at a time (a store lock); the others wait and take over when it lapses.
 */
import type { Logger } from 'pino';
import type { Config } from '../../contract/config.ts';
import type { Store } from '../../store/store.ts';
import { type Catalog, type RawRow, buildCatalog, validateRow } from './row.ts';
import { type AcceptedRow, ReportingModel } from './model.ts';

export interface ReportingDbLike {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  listen(channel: string, onNotify: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
}

export interface IngestCounters {
  accepted(n: number): void;
  rejected(reason: string): void;
  published(group: string, n: number): void;
  pollSeconds(s: number): void;
}

export interface ReportingIngestOptions {
  db: ReportingDbLike;
  store: Store;
  config: Config;
  log: Logger;
  counters?: IngestCounters;
  /** Identity for the poller lock (host + pid by default). */
  owner?: string;
  now?: () => Date;
}

export interface ReportingIngest {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one poll now (tests, and the NOTIFY "*" path). Resolves when its changes are in the store. */
  pollNow(): Promise<void>;
  /** Resolves once the work queued so far is in the store. */
  idle(): Promise<void>;
}

const COLUMNS = `indicator_id, area_code, period, value::text AS value, plan::text AS plan, status, reporter,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at`;

const LOCK_NAME = 'reporting-poller';
const LOCK_TTL_MS = 15_000;
const NOTIFY_CHANNEL = 'ioc_report_values';

const noCounters: IngestCounters = { accepted() {}, rejected() {}, published() {}, pollSeconds() {} };

export function createReportingIngest(opts: ReportingIngestOptions): ReportingIngest {
  const { db, store, config, log } = opts;
  const counters = opts.counters ?? noCounters;
  const owner = opts.owner ?? `ingest-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const now = opts.now ?? (() => new Date());
  const settings = config.sources.reporting;
  const catalog: Catalog = buildCatalog(config);
  const model = new ReportingModel();
  const minPeriod = String(now().getUTCFullYear() - settings.historyYears);

  let cursor: string | null = null; // max updated_at seen, ISO with microseconds
  let active = false; // holds the poller lock and has loaded the window
  let stopped = false;
  let pollTimer: NodeJS.Timeout | undefined;
  let lockTimer: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  // Every database read and store write runs through this chain, one at a time, in order.
  let chain: Promise<void> = Promise.resolve();
  const pendingKeys = new Map<string, [string, string, string]>();
  let pendingFull = false;

  const enqueue = (job: () => Promise<void>): Promise<void> => {
    const run = chain.then(job).catch((err: unknown) => log.error({ err }, 'reporting ingest step failed'));
    chain = run;
    return run;
  };

  async function ingestRows(rows: RawRow[]): Promise<void> {
    const accepted: AcceptedRow[] = [];
    for (const row of rows) {
      if (row.updated_at && (cursor === null || row.updated_at > cursor)) cursor = row.updated_at;
      if (row.period !== null && row.period < minPeriod && /^\d{4}/.test(row.period)) continue; // outside the live window
      const r = validateRow(row, catalog);
      if (r.ok) {
        accepted.push(r);
        continue;
      }
      counters.rejected(r.reason);
      log.warn({ key: r.key, reason: r.reason }, `reporting row rejected: ${r.detail}`);
      await store.recordRejected({
        source: 'reporting-db',
        reason: r.reason,
        key: r.key,
        detail: r.detail,
        at: now().toISOString(),
      });
    }
    counters.accepted(accepted.length);
    const changes = model.apply(accepted);
    const at = now().toISOString();
    for (const [group, values] of changes) {
      await store.applyChanges(group, values, at);
      counters.published(group, values.length);
    }
  }

  async function fullLoad(): Promise<void> {
    const started = performance.now();
    for (const g of config.groups) model.seedPublished((await store.getGroup(g.id)).values);
    const { rows } = await db.query<RawRow>(`SELECT ${COLUMNS} FROM ioc_report_values WHERE period >= $1 ORDER BY updated_at`, [
      minPeriod,
    ]);
    if (rows.length === 0) {
      const r = await db.query<{ now: string }>(
        `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`,
      );
      cursor = r.rows[0]?.now ?? null;
    }
    await ingestRows(rows);
    log.info({ rows: rows.length, ms: Math.round(performance.now() - started), cursor }, 'reporting window loaded');
  }

  async function poll(): Promise<void> {
    if (!active) return;
    const started = performance.now();
    const { rows } = await db.query<RawRow>(
      `SELECT ${COLUMNS} FROM ioc_report_values
        WHERE updated_at >= $1::timestamptz - ($2::int * interval '1 millisecond') ORDER BY updated_at`,
      [cursor ?? '-infinity', settings.lateCommitWindowMs],
    );
    await ingestRows(rows);
    counters.pollSeconds((performance.now() - started) / 1000);
  }

  async function fetchKeys(): Promise<void> {
    // Not gated on `active`: keys that arrive during the full load are read right after it.
    if (pendingKeys.size === 0) return;
    const triples = [...pendingKeys.values()];
    pendingKeys.clear();
    const { rows } = await db.query<RawRow>(
      `SELECT ${COLUMNS} FROM ioc_report_values v
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(i, a, p)
           ON v.indicator_id = k.i AND v.area_code = k.a AND v.period = k.p`,
      [triples.map((t) => t[0]), triples.map((t) => t[1]), triples.map((t) => t[2])],
    );
    await ingestRows(rows);
  }

  function onNotify(payload: string): void {
    let keys: unknown;
    try {
      keys = JSON.parse(payload);
    } catch {
      keys = '*';
    }
    if (Array.isArray(keys) && keys.every((k) => Array.isArray(k) && k.length === 3 && k.every((x) => typeof x === 'string'))) {
      const wasEmpty = pendingKeys.size === 0;
      for (const k of keys as [string, string, string][]) pendingKeys.set(k.join('|'), k);
      if (wasEmpty) void enqueue(fetchKeys);
      return;
    }
    // "*" (a bulk statement) or a payload we do not understand: read what changed by time instead.
    if (!pendingFull) {
      pendingFull = true;
      void enqueue(async () => {
        pendingFull = false;
        await poll();
      });
    }
  }

  function schedulePoll(): void {
    if (stopped) return;
    pollTimer = setTimeout(() => {
      void enqueue(poll).finally(schedulePoll);
    }, settings.pollIntervalMs);
  }

  async function becomeActive(): Promise<void> {
    if (settings.listen) {
      try {
        // Listen before the full load, so nothing committed during the load is missed.
        unlisten = await db.listen(NOTIFY_CHANNEL, onNotify, () => void enqueue(poll));
      } catch (err) {
        log.warn({ err }, 'LISTEN unavailable; polling only');
      }
    }
    await enqueue(fullLoad);
    active = true;
    await enqueue(poll);
    schedulePoll();
  }

  async function holdLock(): Promise<void> {
    if (stopped) return;
    try {
      const mine = await store.tryLock(LOCK_NAME, owner, LOCK_TTL_MS);
      if (mine && !active && !unlisten) {
        log.info({ owner }, 'this replica is the active reporting poller');
        await becomeActive();
      } else if (!mine && active) {
        // Another replica took over (we were partitioned from the store): stand down.
        log.warn({ owner }, 'lost the reporting poller lock; standing by');
        active = false;
        clearTimeout(pollTimer);
        await unlisten?.();
        unlisten = undefined;
      }
    } catch (err) {
      log.warn({ err }, 'poller lock check failed');
    }
    lockTimer = setTimeout(() => void holdLock(), LOCK_TTL_MS / 3);
  }

  return {
    async start() {
      stopped = false;
      await holdLock();
    },
    async stop() {
      stopped = true;
      active = false;
      clearTimeout(pollTimer);
      clearTimeout(lockTimer);
      await unlisten?.().catch(() => {});
      unlisten = undefined;
      await chain;
      await store.releaseLock(LOCK_NAME, owner).catch(() => {});
    },
    pollNow: () => enqueue(poll),
    idle: () => chain,
  };
}
