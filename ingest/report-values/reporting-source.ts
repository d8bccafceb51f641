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
 * Only one replica polls at a time (poller-lease.ts: a store lock with a fencing token); the others stand
 * by and take over when it lapses. Every store write carries the lease's token, so a replica that lost
 * the lease without noticing (paused past it) has its writes refused, and goes back to standby. Each time
 * a replica becomes the poller it starts from what the store holds (a fresh model, a full load).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../../contract/config.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { type Fence, StaleFenceError } from '../../store/lease.ts';
import type { Store } from '../../store/store.ts';
import { type Catalog, type RawRow, buildCatalog, validateRow } from './row.ts';
import { type AcceptedRow, ReportingModel } from './model.ts';
import { type LeaseTimings, createPollerLease } from './poller-lease.ts';
import { DEFAULT_TRUST } from '../../contract/config/trust.ts';
import { type HistoryQueue, type ValueHistoryWriter, createHistoryQueue } from './history.ts';

export interface ReportingDbLike {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  listen(channel: string, onNotify: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
}

export interface IngestCounters {
  accepted(n: number): void;
  rejected(reason: string): void;
  published(group: string, n: number): void;
  pollSeconds(s: number): void;
  /** A value published as implausible (it was not before), once per rule it breaks. */
  implausible?(rule: string): void;
}

export interface ReportingIngestOptions {
  db: ReportingDbLike;
  store: Store;
  config: Config;
  log: Logger;
  counters?: IngestCounters;
  /** Lease metrics (active poller, refused writes). */
  registry?: Registry;
  /**
   * Owner name of the poller lock: stable across restarts of one process (ingest/instance-id.ts), so a
   * restarted process takes its own lock over at once. Default: random (each instance its own).
   */
  owner?: string;
  /** Lease timings (tests shorten them); default LEASE_TIMINGS. */
  leaseTimings?: LeaseTimings;
  now?: () => Date;
  /**
   * The revision history in the center's database (center/value-history.ts). Written after publishing,
   * in batches, off the live path; absent: no history is kept (revisions are still flagged, from the store).
   */
  history?: ValueHistoryWriter;
  /** How often expired revision flags are dropped and old history pruned (default hourly). */
  maintenanceIntervalMs?: number;
}

export interface ReportingIngest {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one poll now (tests, and the NOTIFY "*" path). Resolves when its changes are in the store. */
  pollNow(): Promise<void>;
  /** Resolves once the work queued so far is in the store. */
  idle(): Promise<void>;
  /** Whether this replica is the active poller, its fencing token, and how many of its writes were refused. */
  status(): { active: boolean; token: number | null; refusedWrites: number };
  /** Resolves once the history entries queued so far are written (false after timeoutMs). */
  historyFlushed(timeoutMs?: number): Promise<boolean>;
}

const BASE_COLUMNS = `indicator_id, area_code, period, value::text AS value, plan::text AS plan, status, reporter,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at`;
/** A province's view may add its own submission time; the ingest reads it where the column exists. */
const SUBMITTED_COLUMN = `, to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS submitted_at`;
const HOUR_MS = 3_600_000;

/** The poller lock's name (realtime's /readyz asks whether anyone holds it). */
export const REPORTING_POLLER_LOCK = 'reporting-poller';
const LOCK_NAME = REPORTING_POLLER_LOCK;
const NOTIFY_CHANNEL = 'ioc_report_values';

const noCounters: IngestCounters = { accepted() {}, rejected() {}, published() {}, pollSeconds() {} };

type Columns = string;

export function createReportingIngest(opts: ReportingIngestOptions): ReportingIngest {
  const { db, store, config, log } = opts;
  const counters = opts.counters ?? noCounters;
  const owner = opts.owner ?? `ingest-${randomUUID().slice(0, 8)}`;
  const now = opts.now ?? (() => new Date());
  const settings = config.sources.reporting;
  const catalog: Catalog = buildCatalog(config);
  const history = opts.history;
  const historyQueue: HistoryQueue | null = history
    ? createHistoryQueue({ writer: history, log, ...(opts.registry ? { registry: opts.registry } : {}) })
    : null;
  const newModel = () =>
    new ReportingModel({
      trust: config.trust ?? DEFAULT_TRUST,
      provinceCode: config.province.code,
      now,
      recordHistory: !!historyQueue,
      onImplausible: (v, checks) => {
        for (const c of checks) counters.implausible?.(c.rule);
        log.info(
          { key: `${v.indicator}|${v.area}|${v.period}`, checks: checks.map((c) => c.rule) },
          'implausible value published',
        );
      },
    });
  let model = newModel();
  // Detected once, at the first load: whether the relation has the optional submitted_at column.
  let COLUMNS: Columns | null = null;
  let maintenanceTimer: NodeJS.Timeout | undefined;
  // The first period of the live window (and of the history kept), asked each time it is used: an ingest
  // running into a new year moves its window on, and prunes the year that left it, without a restart.
  const minPeriod = () => String(now().getUTCFullYear() - settings.historyYears);

  let cursor: string | null = null; // max updated_at seen, ISO with microseconds
  let active = false; // holds the poller lease and has loaded the window
  let stopped = false;
  // Bumped by every activation and stand-down: work started in an earlier one stops where it is.
  let epoch = 0;
  let pollTimer: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  // Every database read and store write runs through this chain, one at a time, in order.
  let chain: Promise<void> = Promise.resolve();
  const pendingKeys = new Map<string, [string, string, string]>();
  let pendingFull = false;

  const lease = createPollerLease({
    store,
    name: LOCK_NAME,
    owner,
    log,
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.leaseTimings ? { timings: opts.leaseTimings } : {}),
    onAcquired: () => becomeActive(),
    onLost: () => standDown(),
  });

  const enqueue = (job: () => Promise<void>): Promise<void> => {
    const run = chain.then(job).catch((err: unknown) => {
      if (err instanceof StaleFenceError) lease.refused(err);
      else log.error({ err }, 'reporting ingest step failed');
    });
    chain = run;
    return run;
  };

  async function ingestRows(rows: RawRow[]): Promise<void> {
    // Standby (or the lease just lost): nothing of ours may reach the store; the poller reads these rows too.
    const fence = lease.fence();
    if (!fence) return;
    const accepted: AcceptedRow[] = [];
    const windowStart = minPeriod();
    for (const row of rows) {
      if (row.updated_at && (cursor === null || row.updated_at > cursor)) cursor = row.updated_at;
      if (row.period !== null && row.period < windowStart && /^\d{4}/.test(row.period)) continue; // outside the live window
      const r = validateRow(row, catalog);
      if (r.ok) {
        accepted.push(row.submitted_at ? { ...r, submittedAt: row.submitted_at } : r);
        continue;
      }
      counters.rejected(r.reason);
      log.warn({ key: r.key, reason: r.reason }, `reporting row rejected: ${r.detail}`);
      await store.recordRejected(
        { source: 'reporting-db', reason: r.reason, key: r.key, detail: r.detail, at: now().toISOString() },
        fence,
      );
    }
    counters.accepted(accepted.length);
    const changes = model.apply(accepted);
    const at = now().toISOString();
    await publish(changes, at, fence);
    // The history goes after the store: a slow or absent center database never delays a screen.
    const recorded = model.takeRecorded();
    if (historyQueue && recorded.length)
      historyQueue.push(
        recorded.map(({ value: v, submittedAt }) => ({
          indicator: v.indicator,
          area: v.area,
          period: v.period,
          value: v.value,
          plan: v.plan,
          status: v.status,
          reporter: v.reporter ?? null,
          updatedAt: v.updatedAt,
          seenAt: at,
          submittedAt,
        })),
      );
  }

  async function publish(changes: Map<string, IndicatorValue[]>, at: string, fence: Fence): Promise<void> {
    for (const [group, values] of changes) {
      await store.applyChanges(group, values, at, fence);
      counters.published(group, values.length);
    }
  }

  async function columns(): Promise<Columns> {
    if (COLUMNS !== null) return COLUMNS;
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name = 'ioc_report_values' AND column_name = 'submitted_at' AND table_schema = ANY (current_schemas(false))`,
    );
    const has = (rows[0]?.n ?? 0) > 0;
    if (has) log.info('ioc_report_values has submitted_at: submission times come from the reporting system');
    COLUMNS = BASE_COLUMNS + (has ? SUBMITTED_COLUMN : '');
    return COLUMNS;
  }

  /** Hourly: revision flags whose time is up are published without them; history beyond the window goes. */
  async function maintain(): Promise<void> {
    const fence = lease.fence();
    if (!fence || !active) return;
    await publish(model.expireFlags(), now().toISOString(), fence);
    const before = minPeriod();
    if (history)
      void history
        .prune(before)
        .then((n) => n > 0 && log.info({ rows: n, before }, 'value history pruned'))
        .catch((err: unknown) => log.warn({ err }, 'value history: pruning failed'));
  }

  async function fullLoad(): Promise<void> {
    const started = performance.now();
    const cols = await columns();
    const from = minPeriod();
    const published = [];
    for (const g of config.groups) published.push((await store.getGroup(g.id)).values);
    // The store's values carry their flags and previous figures: enough to go on where it kept them
    // (Redis). An emptied store (the in-process one after a restart, a flushed Redis) learns each figure's
    // first publication and revisions from the history instead, so no revision is forgotten or re-recorded.
    if (history && published.every((values) => values.length === 0)) {
      try {
        const entries = await history.replay(from);
        const read = performance.now();
        model.seedHistory(entries);
        log.info(
          { entries: entries.length, readMs: Math.round(read - started), seedMs: Math.round(performance.now() - read) },
          'value history replayed into an empty store',
        );
      } catch (err) {
        log.warn({ err }, 'value history: replay failed; revisions made while stopped are not flagged');
      }
    }
    for (const values of published) model.seedPublished(values);
    const { rows } = await db.query<RawRow>(`SELECT ${cols} FROM ioc_report_values WHERE period >= $1 ORDER BY updated_at`, [
      from,
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

  // ---- State that knows it was lost (store.ts StateInfo) -----------------------------------------------
  /** The store generation this activation published its window into; null until it has. */
  let generation: string | null = null;

  /**
   * The store still holds what this activation published (same generation); otherwise — emptied, or Redis
   * restarted empty — republish the whole window with a fresh model, then mark the generation loaded.
   */
  async function ensureState(): Promise<void> {
    const info = await store.stateInfo();
    if (generation !== null && info.generation === generation) return;
    if (generation !== null)
      log.warn({ was: generation, now: info.generation }, 'the store lost its state: republishing the whole window');
    const mine = epoch;
    const g = await store.ensureGeneration();
    // The configured model (trust.yaml's rules, the implausible counter), never the bare defaults.
    model = newModel();
    cursor = null;
    await fullLoad();
    // Nothing was written on standby, or a newer activation took over meanwhile: not loaded by us.
    if (mine !== epoch || !lease.fence()) return;
    generation = g;
    await store.markLoaded(g);
  }

  async function poll(): Promise<void> {
    if (!active) return;
    await ensureState();
    const started = performance.now();
    const { rows } = await db.query<RawRow>(
      `SELECT ${await columns()} FROM ioc_report_values
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
      `SELECT ${await columns()} FROM ioc_report_values v
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

  function schedulePoll(of: number): void {
    if (stopped || of !== epoch) return;
    pollTimer = setTimeout(() => {
      void enqueue(poll).finally(() => schedulePoll(of));
    }, settings.pollIntervalMs);
  }

  /** This replica holds the lease: start from what the store holds, listen, load the window, poll. */
  async function becomeActive(): Promise<void> {
    if (stopped) return;
    const mine = ++epoch;
    model = newModel();
    cursor = null;
    pendingKeys.clear();
    pendingFull = false;
    if (settings.listen) {
      try {
        // Listen before the full load, so nothing committed during the load is missed.
        const off = await db.listen(NOTIFY_CHANNEL, onNotify, () => void enqueue(poll));
        if (mine !== epoch) return void (await off());
        unlisten = off;
      } catch (err) {
        log.warn({ err }, 'LISTEN unavailable; polling only');
      }
    }
    generation = null;
    await enqueue(ensureState);
    if (mine !== epoch) return;
    active = true;
    await enqueue(poll);
    schedulePoll(mine);
    clearInterval(maintenanceTimer);
    maintenanceTimer = setInterval(() => void enqueue(maintain), opts.maintenanceIntervalMs ?? HOUR_MS);
    maintenanceTimer.unref();
  }

  /** The lease is gone (or we stop): no more reads, listens or writes of this activation. */
  async function standDown(): Promise<void> {
    epoch++;
    active = false;
    clearTimeout(pollTimer);
    clearInterval(maintenanceTimer);
    const off = unlisten;
    unlisten = undefined;
    await off?.().catch(() => {});
  }

  return {
    async start() {
      stopped = false;
      await lease.start();
    },
    async stop() {
      stopped = true;
      await standDown();
      await chain;
      await lease.stop();
      if (historyQueue) {
        if (!(await historyQueue.flush(3000)))
          log.warn({ queued: historyQueue.stats().queued }, 'value history: stopped with entries not yet written');
        historyQueue.close();
      }
    },
    pollNow: () => enqueue(poll),
    idle: () => chain,
    status: () => ({ active, ...lease.status() }),
    historyFlushed: (timeoutMs) => historyQueue?.flush(timeoutMs) ?? Promise.resolve(true),
  };
}
