/**
 * The realtime server: express + Socket.IO on one HTTP server. A factory that takes its dependencies, so
 * tests start the real thing on port 0 and main.ts only wires it.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Request, type Response } from 'express';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../contract/config.ts';
import { type Ack, type ClientToServerEvents, type ErrorCode, type ServerToClientEvents, type SubscribeResult, SubscribeRequestSchema, UnsubscribeRequestSchema } from '../contract/messages.ts';
import type { GroupInfo, ScreenPayload } from '../contract/http.ts';
import { describeZodError } from '../contract/zod-issues.ts';
import type { Store } from '../store/store.ts';
import { type Principal, bearerToken, createAuthenticator } from './auth.ts';
import { GroupCache } from './group-cache.ts';
import { groupInfos } from '../contract/group-info.ts';
import { snapshotFilter } from './snapshot-scope.ts';

/**
 * A feature that adds to the server without editing it: routes, subscribable groups beyond the indicator
 * groups (e.g. `alerts`), its own Socket.IO handlers. Installed before the 404 and static routes.
 */
export interface RealtimePlugin {
  name: string;
  /** Groups this plugin serves; subscribing joins room `group:<name>` and merges the plugin's snapshot. */
  groups?: string[];
  snapshot?(group: string, principal: Principal): Promise<Partial<SubscribeResult>>;
  install(ctx: RealtimePluginContext): void | Promise<void>;
  close?(): Promise<void>;
}

export interface RealtimePluginContext {
  app: express.Express;
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;
  store: Store;
  config: Config;
  log: Logger;
  registry: Registry;
  /** Who sent an HTTP request (Bearer token or ?token=), or null. */
  principalOf(req: Request): Principal | null;
  /** Room name of a subscribable group. */
  groupRoom(group: string): string;
}

export interface RealtimeDeps {
  /** Features added by other parts of the system (alerts, screen registry, …). */
  plugins?: RealtimePlugin[];
  store: Store;
  config: Config;
  log: Logger;
  registry: Registry;
  /** Built dashboard to serve (dist/dashboard); omitted in API-only tests. */
  staticDir?: string;
  /** Demo mode: this token opens every screen. */
  demoToken?: string;
  /** Extra readiness checks (e.g. the reporting database), by name. */
  readinessChecks?: Record<string, () => Promise<void>>;
  /** Socket.IO adapter constructor (the Redis streams adapter when several nodes share Redis). */
  adapter?: Parameters<Server['adapter']>[0];
  now?: () => Date;
}

export interface RealtimeServer {
  httpServer: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

const groupRoom = (group: string) => `group:${group}`;

export async function createRealtimeServer(deps: RealtimeDeps): Promise<RealtimeServer> {
  const { store, config, log, registry } = deps;
  const now = deps.now ?? (() => new Date());
  const auth = createAuthenticator(
    config,
    deps.demoToken ? { token: deps.demoToken, screens: config.screens.map((s) => s.id) } : undefined,
  );
  const groupIds = new Set(config.groups.map((g) => g.id));
  const plugins = deps.plugins ?? [];
  const pluginGroups = new Map<string, RealtimePlugin>();
  for (const p of plugins) for (const g of p.groups ?? []) pluginGroups.set(g, p);
  const areaCodes = new Set([config.province.code, ...config.province.communes.map((c) => c.code)]);

  const metrics = {
    connections: new Gauge({ name: 'ioc_socket_connections', help: 'Open Socket.IO connections', registers: [registry] }),
    updates: new Counter({ name: 'ioc_group_updates_emitted_total', help: 'group:updated broadcasts', labelNames: ['group'], registers: [registry] }),
    clientErrors: new Counter({ name: 'ioc_client_errors_total', help: 'Client requests refused', labelNames: ['code'], registers: [registry] }),
    refused: new Counter({ name: 'ioc_socket_refused_total', help: 'Connections refused at the handshake', labelNames: ['reason'], registers: [registry] }),
    rejected: new Gauge({
      name: 'ioc_rejected_inputs_total',
      help: 'Inputs rejected by ingest (rows, feed payloads), by source and reason; counted in the store so every node reports them',
      labelNames: ['source', 'reason'],
      registers: [registry],
      async collect() {
        try {
          const { counts } = await store.getRejected(0);
          this.reset();
          for (const [k, n] of Object.entries(counts)) {
            const [source, reason] = k.split('|');
            this.set({ source: source ?? 'unknown', reason: reason ?? 'unknown' }, n);
          }
        } catch {
          // The store is down: /readyz says so; /metrics still answers with what it has.
        }
      },
    }),
  };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>(httpServer, {
    // Hostile or broken clients cannot make us buffer large messages; ours are tiny.
    maxHttpBufferSize: 64 * 1024,
    perMessageDeflate: false,
    serveClient: false,
  });
  if (deps.adapter) io.adapter(deps.adapter);

  const cache = new GroupCache(
    store,
    (update) => {
      // Every node follows the store feed itself, so emit to local sockets only (no adapter echo).
      io.local.to(groupRoom(update.group)).emit('group:updated', update);
      metrics.updates.inc({ group: update.group });
    },
    (err, group) => log.error({ err, group }, 'group reload failed'),
  );
  await cache.start();

  // ---- Socket.IO -------------------------------------------------------------------------------
  io.use((socket, next) => {
    const principal = auth.authenticate(socket.handshake.auth?.token);
    if (!principal) {
      metrics.refused.inc({ reason: 'unauthorized' });
      return next(new Error('unauthorized'));
    }
    socket.data.principal = principal;
    // The handshake request is not needed after this; dropping it saves memory per connection.
    (socket.conn as unknown as { request: unknown }).request = null;
    next();
  });

  const fail = <T>(code: ErrorCode, message: string): Ack<T> => {
    metrics.clientErrors.inc({ code });
    return { ok: false, error: { code, message } };
  };

  io.on('connection', (socket: IoSocket) => {
    metrics.connections.inc();
    socket.on('disconnect', () => metrics.connections.dec());

    socket.on('group:subscribe', async (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      try {
        const parsed = SubscribeRequestSchema.safeParse(req);
        if (!parsed.success) return reply(fail('invalid-payload', describeZodError(parsed.error)));
        const unknown = parsed.data.groups.filter((g) => !groupIds.has(g) && !pluginGroups.has(g));
        if (unknown.length) return reply(fail('unknown-group', `unknown group: ${unknown.slice(0, 5).join(', ')}`));
        const area = parsed.data.area ?? config.province.code;
        if (!areaCodes.has(area)) return reply(fail('unknown-area', `unknown area: ${area}`));
        const indicatorGroups = parsed.data.groups.filter((g) => groupIds.has(g));
        let extra: Partial<SubscribeResult> = {};
        for (const g of parsed.data.groups) {
          const plugin = pluginGroups.get(g);
          if (!plugin) continue;
          void socket.join(groupRoom(g));
          extra = { ...extra, ...(await plugin.snapshot?.(g, socket.data.principal)) };
        }
        await Promise.all(indicatorGroups.map((g) => cache.ensure(g)));
        // From here on synchronous: join and snapshot in one step (see GroupCache).
        const snapshots = indicatorGroups.map((g) => {
          void socket.join(groupRoom(g));
          const all = cache.peek(g)!.values.values();
          return cache.snapshot(g, snapshotFilter(all, { area, provinceCode: config.province.code, now: now() }))!;
        });
        reply({ ok: true, data: { ...extra, snapshots } } satisfies Ack<SubscribeResult>);
      } catch (err) {
        log.error({ err }, 'group:subscribe failed');
        reply(fail('internal', 'internal error'));
      }
    });

    socket.on('group:unsubscribe', (req, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = UnsubscribeRequestSchema.safeParse(req);
      if (!parsed.success) return reply(fail('invalid-payload', describeZodError(parsed.error)));
      for (const g of parsed.data.groups) void socket.leave(groupRoom(g));
      reply({ ok: true, data: { groups: parsed.data.groups } });
    });
  });

  // ---- HTTP ------------------------------------------------------------------------------------
  const principalOf = (req: Request) => auth.authenticate(bearerToken(req.get('authorization'), req.query.token));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, () => Promise<void>> = { store: () => store.ping(), ...deps.readinessChecks };
    const failed: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
        } catch (err) {
          failed[name] = (err as Error).message || 'failed';
        }
      }),
    );
    if (Object.keys(failed).length) res.status(503).json({ ok: false, failed });
    else res.json({ ok: true });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });

  const groupsInfo: GroupInfo[] = groupInfos(config);

  app.get('/api/groups', (_req, res) => {
    res.json(groupsInfo);
  });

  app.get('/api/groups/:group/snapshot', async (req: Request<{ group: string }>, res: Response) => {
    if (!principalOf(req)) return res.status(401).json({ error: { code: 'unauthorized', message: 'a valid Bearer token is required' } });
    const group = req.params.group;
    if (!groupIds.has(group)) return res.status(404).json({ error: { code: 'unknown-group', message: `unknown group: ${group}` } });
    const area = typeof req.query.area === 'string' ? req.query.area : config.province.code;
    if (!areaCodes.has(area)) return res.status(400).json({ error: { code: 'unknown-area', message: `unknown area: ${area}` } });
    try {
      const g = await cache.ensure(group);
      res.json(cache.snapshot(group, snapshotFilter(g.values.values(), { area, provinceCode: config.province.code, now: now() })));
    } catch (err) {
      log.error({ err, group }, 'snapshot failed');
      res.status(503).json({ error: { code: 'internal', message: 'store unavailable' } });
    }
  });

  app.get('/api/screens/:screen', (req: Request<{ screen: string }>, res: Response, next: express.NextFunction) => {
    const principal = principalOf(req);
    if (!principal) return res.status(401).json({ error: { code: 'unauthorized', message: 'a valid Bearer token is required' } });
    const screen = config.screens.find((s) => s.id === req.params.screen);
    // Wall displays (config/walls) are answered by the screens plugin.
    if (!screen && config.walls.some((w) => w.displays.some((d) => d.id === req.params.screen))) return next();
    if (!screen) return res.status(404).json({ error: { code: 'unknown-screen', message: `unknown screen: ${req.params.screen}` } });
    if (!auth.canSeeScreen(principal, screen.id))
      return res.status(403).json({ error: { code: 'forbidden', message: 'this device shows another screen' } });
    // Alert and camera panels use no indicator group (they follow the `alerts` group).
    const used = new Set(screen.panels.flatMap((p) => ('group' in p ? [p.group] : 'indicator' in p ? [p.indicator.split('.')[0]!] : [])));
    const { code, name, fullName, centerTitle, communes } = config.province;
    const payload: ScreenPayload = {
      screen,
      province: { code, name, fullName, centerTitle, communes },
      groups: groupsInfo.filter((g) => used.has(g.id)),
    };
    res.json(payload);
  });

  app.get('/api/rejected', async (req, res) => {
    const p = principalOf(req);
    if (!p || p.kind !== 'user' || p.role === 'leader') return res.status(401).json({ error: { code: 'unauthorized', message: 'staff only' } });
    res.json(await store.getRejected(200));
  });

  for (const plugin of plugins) {
    await plugin.install({ app, io, store, config, log: log.child({ plugin: plugin.name }), registry, principalOf, groupRoom });
  }

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not-found', message: 'no such endpoint' } });
  });

  if (deps.staticDir && existsSync(deps.staticDir)) {
    const dir = resolve(deps.staticDir);
    // Hashed asset names never change content: cache them for good; index.html never.
    app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
    app.use(express.static(dir, { index: false, maxAge: 0 }));
    app.get(['/', '/wall/{*rest}', '/tablet', '/tablet/{*rest}', '/admin', '/admin/{*rest}'], (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(dir, 'index.html'));
    });
  }

  // Last resort: a short JSON error, never a stack trace or an HTML page with request text in it.
  app.use((err: Error, _req: Request, res: Response, _next: express.NextFunction) => {
    log.error({ err }, 'http request failed');
    if (!res.headersSent) res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  });

  return {
    httpServer,
    io,
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
      for (const p of plugins) await p.close?.().catch((err: unknown) => log.warn({ err, plugin: p.name }, 'plugin close failed'));
      await cache.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
