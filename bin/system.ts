/**
 * Wires the whole system from its settings: store, reporting database, ingest, realtime, demo. The CLI
 * (bin/ioc.ts), the end-to-end tests and the benchmarks all start it through here, so they run the same
 * thing a province runs.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { Registry, collectDefaultMetrics, Counter, Histogram } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import type { Config } from '../contract/config.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createRedisStore } from '../store/redis-store.ts';
import type { Store } from '../store/store.ts';
import { openReportingDb, type ReportingDb } from '../reporting-db/db.ts';
import { migrate } from '../reporting-db/migrations.ts';
import { seedDemo } from '../reporting-db/demo/seed.ts';
import { startAgencySimulator } from '../reporting-db/demo/simulator.ts';
import {
  REPORTING_POLLER_LOCK,
  createReportingIngest,
  type IngestCounters,
  type ReportingIngest,
} from '../ingest/report-values/reporting-source.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';
import type { RealtimePlugin } from '../realtime/plugin.ts';
import { createTabletPlugin } from '../realtime/tablet/plugin.ts';
import { createScreensPlugin } from '../realtime/screens/plugin.ts';
import { createMemoryScreenRegistry, createRedisScreenRegistry } from '../store/screen-registry.ts';
import { createMemoryAlertStore } from '../store/memory-alert-store.ts';
import { createRedisAlertStore } from '../store/redis-alert-store.ts';
import { SnapshotCache } from '../store/snapshot-cache.ts';
import { startFeeds } from '../ingest/feeds.ts';
import { ingestInstanceId } from '../ingest/instance-id.ts';
import { startDemoFrigate } from '../ingest/demo/frigate-simulator.ts';
import { startDemoHikvision } from '../ingest/demo/hikvision-cameras.ts';
import { createAlertsPlugin } from '../realtime/alerts/plugin.ts';
import { createNotesPlugin } from '../realtime/notes/plugin.ts';
import { createNoteRepo } from '../center/notes.ts';
import { createWorkspacePlugin } from '../realtime/workspace/plugin.ts';
import { createExportsPlugin } from '../realtime/exports/plugin.ts';
import { createMeetingsPlugin } from '../realtime/meetings/plugin.ts';
import { createMemoryMeetingStore, createRedisMeetingStore } from '../store/meeting-store.ts';
import type { Env } from './env.ts';
import { createLogger } from './logger.ts';
import { startCenterIdentity, type CenterIdentity } from './identity.ts';
import { openCenterDb, type CenterDb } from '../center/db.ts';
import { createValueHistory } from '../center/value-history.ts';
import { createValuesPlugin } from '../realtime/values/plugin.ts';
import { createCompliancePlugin } from '../realtime/compliance/plugin.ts';
import { createComplianceRepo } from '../center/compliance.ts';

export interface System {
  config: Config;
  store: Store;
  db?: ReportingDb;
  ingest?: ReportingIngest;
  realtime?: RealtimeServer;
  /** The center's own database and identity services (realtime processes). */
  identity?: CenterIdentity;
  /** The center's own database, opened (and migrated) once for every role: identity, value history. */
  centerDb?: CenterDb;
  port?: number;
  /** Addresses of the wall screens, ready to open (with the demo token in demo mode). */
  wallUrls: string[];
  /** Each video wall display (what a meeting's presenter picks), with its address: `{ name, url }`. */
  displayUrls: { name: string; url: string }[];
  /** The sign-in page. */
  signInUrl?: string;
  log: Logger;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** The built dashboard (default dist/dashboard). */
  staticDir?: string;
  /** Run the demo agency simulator (default: in demo mode). */
  simulate?: boolean;
}

export async function startSystem(env: Env, opts: StartOptions = {}): Promise<System> {
  const log = opts.log ?? createLogger({ level: env.LOG_LEVEL });
  const config = loadConfig(env.CONFIG_DIR);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((err: unknown) => log.warn({ err }, 'shutdown step failed'));
  };

  try {
    const store = env.REDIS_URL
      ? createRedisStore({
          url: env.REDIS_URL,
          prefix: env.REDIS_PREFIX,
          onError: (err) => log.warn({ err: err.message }, 'redis'),
        })
      : createMemoryStore();
    closers.push(() => store.close());
    const system: System = { config, store, wallUrls: [], displayUrls: [], log, close };
    // Both roles use the center's database: realtime for identity and reading histories, ingest for writing them.
    const centerDb = await openCenterDb({ databaseUrl: env.IOC_DATABASE_URL, dataDir: join(env.DATA_DIR, 'ioc'), log });
    closers.push(() => centerDb.close());
    system.centerDb = centerDb;
    const valueHistory = createValueHistory(centerDb);
    /** Realtime features beyond indicator groups (alerts, screen registry, …) register here. */
    const plugins: RealtimePlugin[] = [];
    plugins.push(createTabletPlugin());
    plugins.push(createExportsPlugin());

    // Camera and AI alerts: their own store (own keys and change feed), the feed engine, the webhook.
    const alertStore = env.REDIS_URL
      ? createRedisAlertStore({
          url: env.REDIS_URL,
          prefix: env.REDIS_PREFIX,
          onError: (err) => log.warn({ err: err.message }, 'redis (alerts)'),
        })
      : createMemoryAlertStore();
    closers.push(() => alertStore.close());
    // Secrets come from the environment; in demo mode missing feed keys are made up for the simulators.
    const feedEnv: Record<string, string | undefined> = { ...process.env };
    const demoFeeds = config.sources.feeds && env.demo ? { ...config.sources.feeds } : null;
    if (demoFeeds) {
      for (const h of [...demoFeeds.hikvision, ...demoFeeds.webhook])
        feedEnv[h.keyEnv] ??= `demo-${h.id}-${randomBytes(12).toString('base64url')}`;
      const demoCams = (config.cameras ?? []).filter((c) => demoFeeds.frigate.some((f) => f.id === c.feed));
      const frigateSims = await Promise.all(
        demoFeeds.frigate.map(() => startDemoFrigate({ cameras: demoCams, log: log.child({ module: 'demo-frigate' }) })),
      );
      for (const sim of frigateSims) closers.push(() => sim.close());
      // The real Frigate source, pointed at the simulator (HTTP only: no broker is assumed in the demo).
      demoFeeds.frigate = demoFeeds.frigate.map((f, i) => ({
        ...f,
        mqttUrl: undefined,
        httpUrl: frigateSims[i]!.url,
        httpUserEnv: undefined,
        httpPasswordEnv: undefined,
        pollIntervalMs: 2000,
        statsIntervalMs: 5000,
      }));
      demoFeeds.onvif = [];
      demoFeeds.hikvision = demoFeeds.hikvision.map((h) => ({ ...h, alertStreamUrl: undefined }));
    }
    const snapshots = new SnapshotCache();
    // Stable across restarts (not the pid): a restarted ingest takes its own poller lock over at once.
    const instanceId = ingestInstanceId(env.IOC_INSTANCE_ID, env.DATA_DIR);
    const feeds = await startFeeds({
      config: demoFeeds ? { ...config, sources: { ...config.sources, feeds: demoFeeds } } : config,
      alertStore,
      store,
      snapshots,
      log: log.child({ module: 'feeds' }),
      registry,
      env: feedEnv,
      connect: env.IOC_ROLE !== 'realtime',
      instanceId,
    });
    closers.push(() => feeds.stop());
    plugins.push(
      createAlertsPlugin({ alertStore, receiver: feeds.receiver, snapshots, fetchSnapshot: (id) => feeds.fetchSnapshot(id) }),
    );

    if (env.IOC_ROLE !== 'realtime') {
      const db = await openReportingDb({ databaseUrl: env.DATABASE_URL, dataDir: join(env.DATA_DIR, 'reporting'), log });
      closers.push(() => db.close());
      system.db = db;
      if (env.migrate) await migrate(db);
      // The demo's clock: IOC_DEMO_NOW when set (a given day, for tests), running on from it.
      const demoOffsetMs = env.IOC_DEMO_NOW ? Date.parse(env.IOC_DEMO_NOW) - Date.now() : 0;
      const demoNow = () => new Date(Date.now() + demoOffsetMs);
      if (env.demo) {
        const started = performance.now();
        const { rows, submissions } = await seedDemo(db, config, { now: demoNow() });
        // As if the center had been running all year: when each seeded figure was sent (compliance).
        if (submissions.length) await valueHistory.seedSubmissions(submissions);
        if (rows > 0)
          log.info(
            { rows, submissions: submissions.length, ms: Math.round(performance.now() - started) },
            'demo reporting data seeded',
          );
      }
      const ingest = createReportingIngest({
        db,
        store,
        config,
        log: log.child({ module: 'ingest' }),
        counters: ingestCounters(registry),
        registry,
        owner: instanceId,
        history: valueHistory,
      });
      await ingest.start();
      closers.push(() => ingest.stop());
      system.ingest = ingest;
      if (opts.simulate ?? env.demo) {
        const sim = startAgencySimulator(db, config, {
          intervalMs: env.IOC_DEMO_INTERVAL_MS,
          now: demoNow,
          log: log.child({ module: 'demo-agencies' }),
        });
        closers.push(() => sim.stop());
      }
    }

    if (env.IOC_ROLE !== 'ingest') {
      let adapter: Parameters<typeof createRealtimeServer>[0]['adapter'];
      let redis: Redis | undefined;
      if (env.REDIS_URL) {
        // Several realtime nodes share Redis: events one node emits to all clients reach the others.
        const { createAdapter } = await import('@socket.io/redis-streams-adapter');
        const { Redis } = await import('ioredis');
        const client = new Redis(env.REDIS_URL);
        client.on('error', () => {});
        closers.push(async () => void client.disconnect());
        adapter = createAdapter(client, { streamName: redisKeys(env.REDIS_PREFIX).socketIoStream() });
        redis = client;
      }
      const identity = await startCenterIdentity(env, config, log.child({ module: 'identity' }), redis, centerDb);
      plugins.push(createValuesPlugin({ history: valueHistory }));
      closers.push(() => identity.close());
      system.identity = identity;
      // Notes and explanation requests to the reporting agencies, in the center's database.
      plugins.push(createNotesPlugin({ notes: createNoteRepo(identity.db) }));
      // Wall screens: registry (in Redis when nodes share it), display layouts, remote commands.
      plugins.push(
        createScreensPlugin({
          registry: env.REDIS_URL
            ? createRedisScreenRegistry({
                url: env.REDIS_URL,
                prefix: env.REDIS_PREFIX,
                onError: (err) => log.warn({ err: err.message }, 'redis (screens)'),
              })
            : createMemoryScreenRegistry(),
        }),
      );
      // The staff workspace: config published from the browser, hand edits picked up, data health.
      plugins.push(createWorkspacePlugin({ configDir: env.CONFIG_DIR, db: identity.db, health: { alertStore } }));
      // Reporting compliance, counted from the submissions the ingest records in the center's database.
      plugins.push(createCompliancePlugin({ repo: createComplianceRepo(identity.db, config) }));
      // Meetings: state and frozen figures in Redis when nodes share it; the PDF meeting pack in Chromium.
      plugins.push(
        createMeetingsPlugin({
          store: env.REDIS_URL
            ? createRedisMeetingStore({
                url: env.REDIS_URL,
                prefix: env.REDIS_PREFIX,
                onError: (err) => log.warn({ err: err.message }, 'redis (meetings)'),
              })
            : createMemoryMeetingStore(),
          pdf: {},
        }),
      );
      const realtime = await createRealtimeServer({
        store,
        config,
        log: log.child({ module: 'realtime' }),
        registry,
        staticDir: opts.staticDir ?? 'dist/dashboard',
        identity: identity.services,
        identityRoutes: identity.extraRoutes,
        metricsToken: env.IOC_METRICS_TOKEN,
        trustProxy: trustProxyOf(env.IOC_TRUST_PROXY),
        readinessChecks: {
          center: async () => void (await identity.db.query('select 1')),
          ...(system.db ? { reporting: async () => void (await system.db!.query('select 1')) } : {}),
        },
        adapter,
        plugins,
        ...(env.IOC_COALESCE_MS !== undefined ? { coalesceMs: env.IOC_COALESCE_MS } : {}),
        // /readyz: 503 while the state is rebuilt after a loss, and while no ingest replica polls.
        ingest: { pollerLock: REPORTING_POLLER_LOCK },
      });
      closers.push(() => realtime.close());
      system.realtime = realtime;
      system.port = await realtime.listen(env.PORT, env.HOST);
      const base = `http://localhost:${system.port}`;
      if (demoFeeds && (opts.simulate ?? env.demo)) {
        // Hikvision ITS cameras post to our own webhook, through the real route.
        for (const h of demoFeeds.hikvision) {
          const cams = (config.cameras ?? []).filter((c) => c.feed === h.id);
          const sim = startDemoHikvision({
            cameras: cams,
            webhookUrl: `http://127.0.0.1:${system.port}/api/feeds/${h.id}/events`,
            key: feedEnv[h.keyEnv]!,
            log: log.child({ module: 'demo-hikvision' }),
          });
          closers.push(async () => sim.stop());
        }
      }
      system.signInUrl = `${base}/`;
      const urlOf = (screen: string) => {
        const token = env.demo ? env.demoToken : config.devices.devices.find((d) => d.screen === screen)?.token;
        return `${base}/wall/${screen}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
      };
      system.wallUrls = config.screens.map((s) => urlOf(s.id));
      system.displayUrls = config.walls.flatMap((w) =>
        w.displays.map((d) => ({ name: `${w.name} · ${d.name}`, url: urlOf(d.id) })),
      );
    }
    return system;
  } catch (err) {
    await close();
    throw err;
  }
}

/** IOC_TRUST_PROXY as express takes it: `true`/`false`, a hop count, or addresses (`loopback`, `10.0.0.1`). */
function trustProxyOf(v: string | undefined): boolean | number | string | undefined {
  if (v === undefined) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  return /^\d+$/.test(v) ? Number(v) : v;
}

function ingestCounters(registry: Registry): IngestCounters {
  const rows = new Counter({
    name: 'ioc_ingest_rows_total',
    help: 'Reporting rows read, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'ioc_ingest_rows_rejected_total',
    help: 'Reporting rows rejected, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const published = new Counter({
    name: 'ioc_ingest_values_published_total',
    help: 'Values published to the store, by group',
    labelNames: ['group'],
    registers: [registry],
  });
  const implausible = new Counter({
    name: 'ioc_values_implausible_total',
    help: 'Values published breaking a plausibility rule (still published, flagged), by rule',
    labelNames: ['rule'],
    registers: [registry],
  });
  const poll = new Histogram({
    name: 'ioc_ingest_poll_seconds',
    help: 'Duration of one poll of the reporting table',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  return {
    accepted: (n) => rows.inc({ outcome: 'accepted' }, n),
    rejected: (reason) => {
      rows.inc({ outcome: 'rejected' });
      rejected.inc({ reason });
    },
    published: (group, n) => published.inc({ group }, n),
    pollSeconds: (s) => poll.observe(s),
    implausible: (rule) => implausible.inc({ rule }),
  };
}
