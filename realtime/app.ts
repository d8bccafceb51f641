/**
 * The realtime server: express + Socket.IO on one HTTP server. A factory that takes its dependencies, so
 * tests start the real thing on port 0 and bin/system.ts only wires it. The parts live beside it:
 * socket/ (handshake, subscriptions, resync), http/ (routes, static files, error answers), metrics.ts.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../contract/config.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/messages.ts';
import type { Store } from '../store/store.ts';
import { type RealtimeCore, catalogOf } from './core.ts';
import { GroupCache } from './group-cache.ts';
import { createRealtimeMetrics } from './metrics.ts';
import type { IoServer, RealtimePlugin } from './plugin.ts';
import { groupRoom } from './rooms.ts';
import { installHandshake } from './socket/handshake.ts';
import { createResyncSender } from './socket/resync.ts';
import { installSubscribeHandlers } from './socket/subscribe.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { installGroupRoutes } from './http/groups.ts';
import { installHealthRoutes } from './http/health.ts';
import { installRejectedRoute } from './http/rejected.ts';
import { installScreenRoutes } from './http/screens.ts';
import { installDashboard } from './http/static.ts';
import { installHomeRoute } from './http/home.ts';
import { installIdentity, type IdentityInstallOptions } from './identity/install.ts';
import { principalOf } from './identity/http.ts';
import type { IdentityServices } from './identity/services.ts';
import { securityHeaders } from './security.ts';
import { accessLog } from './http/access-log.ts';
import { createScopedRooms } from './socket/scoped-rooms.ts';
import { createStateWatch } from './state-watch.ts';
import { sameOriginRequest } from './socket/origin.ts';
import { sharedJsonParser } from './socket/json-once.ts';
import { createCoalescer } from './socket/coalesce.ts';

export interface RealtimeDeps {
  /** Features added by other parts of the system (alerts, screen registry, …). */
  plugins?: RealtimePlugin[];
  store: Store;
  config: Config;
  log: Logger;
  registry: Registry;
  /** Built dashboard to serve (dist/dashboard); omitted in API-only tests. */
  staticDir?: string;
  /** Who is asking: sessions, devices, users, audit, throttling (bin/system.ts builds them on the center's db). */
  identity: IdentityServices;
  /** Single sign-on routes and the like, installed with identity. */
  identityRoutes?: IdentityInstallOptions['extraRoutes'];
  /** `Authorization: Bearer <this>` reads /metrics; unset: /metrics is not served on this port. */
  metricsToken?: string;
  /** express `trust proxy` (behind nginx: the proxy's address or hop count), for client addresses and Secure cookies. */
  trustProxy?: boolean | number | string;
  /** Extra readiness checks (e.g. the reporting database), by name. */
  readinessChecks?: Record<string, () => Promise<void>>;
  /** Socket.IO adapter constructor (the Redis streams adapter when several nodes share Redis). */
  adapter?: Parameters<Server['adapter']>[0];
  now?: () => Date;
  /**
   * Burst window for clients that take coalesced deltas (socket/coalesce.ts; `IOC_COALESCE_MS`): updates of
   * a group within it after the first go out as one merged delta. 0: none. Default DEFAULT_COALESCE_MS.
   */
  coalesceMs?: number;
  /** How often the store's generation is checked (state-watch.ts; default 1000 ms). */
  stateCheckMs?: number;
  /**
   * A system with an ingest (bin/system.ts): /readyz is 503 until the ingest has published its window into
   * the store's current state, and while no replica holds this poller lock (all on standby, or none running).
   */
  ingest?: { pollerLock: string };
}

export interface RealtimeServer {
  httpServer: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  /** Every route the server answers, `METHOD /path` (the scope test checks each one is covered). */
  routes(): string[];
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The burst window of coalesced deltas: 20, 30 and 50 ms merged bursts alike (README "Performance", bench/commit-to-delta.ts BURST=5), so the shortest. */
export const DEFAULT_COALESCE_MS = 20;

/** Socket.IO messages ours are tiny; hostile or broken clients cannot make us buffer large ones. */
const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

export async function createRealtimeServer(deps: RealtimeDeps): Promise<RealtimeServer> {
  const { store, config, log, registry } = deps;
  const plugins = deps.plugins ?? [];
  const pluginGroups = new Map<string, RealtimePlugin>();
  for (const p of plugins) for (const g of p.groups ?? []) pluginGroups.set(g, p);

  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());
  app.use(accessLog(log));
  const httpServer = createServer(app);
  const io: IoServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Deflate off, measured (bench/deflate.ts, README "Performance"): a compressed frame cannot be shared,
    // so each socket compresses each message itself — 33–56 µs for a 1–1.6 KB delta (to 23–33 % of its
    // bytes) against ≈ 20 µs for the whole delivery uncompressed, and 4–12 ms for a 157 KB snapshot
    // acknowledgement (to 15 %), which a 200-socket reconnect storm would pay 200 times; and each socket
    // that ever compressed keeps a 206 KiB zlib context (an idle connection costs ≈ 11 KiB). A threshold
    // that spares the small deltas still leaves every socket a context for its snapshots. On the center's
    // LAN the bytes are cheap and the CPU and memory are not.
    perMessageDeflate: false,
    serveClient: false,
    // Snapshots shared by many sockets are serialised once (socket/json-once.ts).
    parser: sharedJsonParser,
    allowRequest: (req, callback) => callback(null, sameOriginRequest(req)),
  });
  if (deps.adapter) io.adapter(deps.adapter);

  const metrics = createRealtimeMetrics(registry, store);
  const scopedRooms = createScopedRooms(io);
  // Every refused request is counted by status (bad credentials, out of scope, bad bodies, throttling).
  app.use((_req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode >= 400 && res.statusCode < 500) metrics.httpRefused.inc({ status: String(res.statusCode) });
    });
    next();
  });
  const sendResync = createResyncSender({ io, metrics, log, scopedRooms });
  const coalescer = createCoalescer(deps.coalesceMs ?? DEFAULT_COALESCE_MS, (merged) => scopedRooms.emit(merged, 'coalesced'));
  const cache = new GroupCache(store, {
    onUpdate(update) {
      // Every node follows the store feed itself, so emit to local sockets only (no adapter echo).
      scopedRooms.emit(update);
      coalescer.push(update);
      metrics.updates.inc({ group: update.group });
    },
    onResync(group, reason) {
      // What is held belongs before the resync, as it would have gone out before it uncoalesced.
      coalescer.flush(group);
      sendResync(group, reason);
    },
    onError: (err, group) => log.error({ err, group }, 'group reload failed'),
  });
  await cache.start();
  const stateWatch = createStateWatch({
    store,
    cache,
    log,
    registry,
    waitForLoad: !!deps.ingest,
    ...(deps.stateCheckMs ? { intervalMs: deps.stateCheckMs } : {}),
  });
  await stateWatch.start();
  const stateChecks: Record<string, () => Promise<void>> = {
    state: async () => {
      const why = await stateWatch.readiness();
      if (why) throw new Error(why);
    },
  };
  const pollerLock = deps.ingest?.pollerLock;
  if (pollerLock)
    stateChecks.poller = async () => {
      if (!(await store.lockHolder(pollerLock)))
        throw new Error('no active reporting poller: every ingest replica is on standby or down');
    };

  const core: RealtimeCore = {
    config,
    catalog: catalogOf(config),
    store,
    cache,
    io,
    identity: deps.identity,
    scopedRooms,
    log,
    registry,
    metrics,
    now: deps.now ?? (() => new Date()),
    principalOf,
  };

  installIdentity(app, io, config, registry, deps.identity, { extraRoutes: deps.identityRoutes });
  installHandshake(core);
  installSubscribeHandlers({ ...core, pluginGroups, meetings: plugins.find((p) => p.meetingFigures) });

  installHealthRoutes(app, core, {
    readinessChecks: { ...stateChecks, ...deps.readinessChecks },
    metricsToken: deps.metricsToken,
  });
  installGroupRoutes(app, core);
  installScreenRoutes(app, core);
  installRejectedRoute(app, core);
  installHomeRoute(app, core);
  for (const plugin of plugins) {
    await plugin.install({
      app,
      io,
      store,
      config,
      log: log.child({ plugin: plugin.name }),
      registry,
      principalOf: core.principalOf,
      groupRoom,
      identity: deps.identity,
    });
  }
  app.use('/api', notFound('no such endpoint'));
  installDashboard(app, deps.staticDir);
  app.use(notFound('no such page'));
  app.use(errorHandler(log));

  return {
    httpServer,
    io,
    routes: () => listRoutes(app),
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      });
    },
    async close() {
      for (const p of plugins)
        await p.close?.().catch((err: unknown) => log.warn({ err, plugin: p.name }, 'plugin close failed'));
      stateWatch.stop();
      await cache.stop();
      coalescer.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

function listRoutes(app: express.Express): string[] {
  const stack = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack;
  return stack.flatMap((l) =>
    l.route ? Object.keys(l.route.methods).flatMap((m) => [l.route!.path].flat().map((p) => `${m.toUpperCase()} ${p}`)) : [],
  );
}
