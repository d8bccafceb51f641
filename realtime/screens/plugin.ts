/**
 * Wall screens on the server: the display layouts (GET /api/screens/:display), the registry of what every
 * screen shows and whether it is alive (heartbeats over the socket, thumbnails from the kiosk), and
 * staff's remote commands. Commands go to room `screen:<id>`, which the Socket.IO adapter carries to
 * whichever node the screen is connected to; the registry lives in Redis when several nodes share it.
 */
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { Counter, Gauge } from 'prom-client';
import type { Config, ScreenConfig, WallConfig, DisplayConfig } from '../../contract/config.ts';
import { groupInfos } from '../../contract/group-info.ts';
import type { DisplayPayload, ScreenPayload, ScreenState } from '../../contract/http.ts';
import {
  type Ack,
  type ErrorCode,
  type ScreenCommand,
  ScreenCommandRequestSchema,
  ScreenHeartbeatSchema,
} from '../../contract/messages.ts';
import { displaySize, minTypePx, playlistOf } from '../../contract/wall.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { ScreenRegistryStore } from '../../store/screen-registry.ts';
import { requireCaller, requireStaffUser } from '../access.ts';
import { canActAsScreen } from '../identity/principal.ts';
import { sendError } from '../http/errors.ts';
import { groupsUsedBy, provinceInfo } from '../payloads.ts';
import type { RealtimePlugin } from '../plugin.ts';
import { screenRoom } from '../rooms.ts';
import { derivedFrom } from '../config-derived.ts';

/** Heartbeats closer together than this (per socket) are acknowledged but not stored. */
const MIN_HEARTBEAT_GAP_MS = 1000;
const THUMBNAIL_MAX_BYTES = 256 * 1024;

interface KnownScreen {
  id: string;
  name: string;
  kind: 'display' | 'page';
  wall: WallConfig | null;
  display: DisplayConfig | null;
  pages: ScreenConfig[];
  heartbeatS: number;
}

/** Every screen staff may see: each wall display, and each page bound to a device. */
export function knownScreens(config: Config): Map<string, KnownScreen> {
  const out = new Map<string, KnownScreen>();
  const page = (id: string) => config.screens.find((s) => s.id === id);
  for (const wall of config.walls)
    for (const d of wall.displays) {
      const pages = playlistOf(d).flatMap((e) => page(e.page) ?? []);
      out.set(d.id, { id: d.id, name: d.name, kind: 'display', wall, display: d, pages, heartbeatS: wall.kiosk.heartbeatS });
    }
  for (const dev of config.devices.devices) {
    const p = page(dev.screen);
    if (p && !out.has(p.id))
      out.set(p.id, { id: p.id, name: dev.name, kind: 'page', wall: null, display: null, pages: [p], heartbeatS: 5 });
  }
  return out;
}

export function createScreensPlugin(opts: { registry: ScreenRegistryStore; now?: () => Date }): RealtimePlugin {
  const now = opts.now ?? (() => new Date());
  return {
    name: 'screens',
    async close() {
      await opts.registry.close();
    },
    install({ app, io, config, log, registry: metrics, identity }) {
      // Recomputed when the workspace publishes a page or a wall (config-derived.ts).
      const live = derivedFrom(
        () => [config.screens, config.walls, config.devices, config.groups],
        () => ({ screens: knownScreens(config), infos: groupInfos(config), pageIds: new Set(config.screens.map((s) => s.id)) }),
      );
      const commandsSent = new Counter({
        name: 'ioc_screen_commands_total',
        help: 'Remote commands sent to wall screens',
        labelNames: ['type'],
        registers: [metrics],
      });
      const heartbeats = new Counter({
        name: 'ioc_screen_heartbeats_total',
        help: 'Wall screen heartbeats received (stored)',
        registers: [metrics],
      });
      const refused = new Counter({
        name: 'ioc_screen_messages_refused_total',
        help: 'Screen messages refused',
        labelNames: ['code'],
        registers: [metrics],
      });
      new Gauge({
        name: 'ioc_screens_alive',
        help: 'Wall screens with a recent heartbeat',
        registers: [metrics],
        async collect() {
          try {
            this.set((await states()).filter((s) => s.alive).length);
          } catch {
            // Registry unreachable: /readyz says so.
          }
        },
      });

      const states = async (): Promise<ScreenState[]> => {
        const { screens, pageIds } = live();
        const records = await opts.registry.list();
        const t = now().getTime();
        const ids = [...screens.keys(), ...[...records.keys()].filter((id) => !screens.has(id) && pageIds.has(id))];
        return ids.map((id) => {
          const known = screens.get(id);
          const page = config.screens.find((s) => s.id === id);
          const r = records.get(id);
          const hbS = known?.heartbeatS ?? 5;
          return {
            id,
            name: known?.name ?? page?.title ?? id,
            kind: known?.kind ?? 'page',
            wall: known?.wall?.id ?? null,
            alive: !!r && t - Date.parse(r.at) <= 3 * hbS * 1000,
            lastHeartbeatAt: r?.at ?? null,
            page: r?.hb.page ?? null,
            index: r?.hb.index ?? 0,
            count: r?.hb.count ?? 0,
            paused: r?.hb.paused ?? false,
            version: r?.hb.version ?? null,
            heapBytes: r?.hb.heapBytes ?? null,
            uptimeS: r?.hb.uptimeS ?? null,
            takeover: r?.hb.takeover ?? null,
            by: r?.by ?? null,
            thumbnailAt: r?.thumbnailAt ?? null,
            pages: (known?.kind === 'display' ? config.screens : (known?.pages ?? (page ? [page] : []))).map((s) => ({
              id: s.id,
              title: s.title,
            })),
          };
        });
      };

      // ---- Socket: heartbeats ----------------------------------------------------------------------
      io.on('connection', (socket) => {
        let lastStored = 0;
        let joined: string | null = null;
        // A screen's page names itself at the handshake (auth.screen): it joins its room at once, so a
        // command or a layout change sent before its first heartbeat still reaches it.
        const named: unknown = (socket.handshake.auth as { screen?: unknown } | undefined)?.screen;
        if (typeof named === 'string' && canActAsScreen(socket.data.principal, named)) {
          const { screens, pageIds } = live();
          if (screens.has(named) || pageIds.has(named)) {
            void socket.join(screenRoom(named));
            joined = named;
          }
        }
        socket.on('screen:heartbeat', async (hb, ack) => {
          const reply = typeof ack === 'function' ? ack : () => {};
          const fail = (code: ErrorCode, message: string) => {
            refused.inc({ code });
            reply({ ok: false, error: { code, message } } satisfies Ack<{ at: string }>);
          };
          try {
            const { screens, pageIds } = live();
            const parsed = ScreenHeartbeatSchema.safeParse(hb);
            if (!parsed.success) return fail('invalid-payload', describeZodError(parsed.error));
            const id = parsed.data.screen;
            if (!screens.has(id) && !pageIds.has(id)) return fail('invalid-payload', `unknown screen: ${id}`);
            const p = socket.data.principal;
            // Only the screen's own device: a person's page must not appear alive as a screen nor get its commands.
            if (!canActAsScreen(p, id))
              return fail(
                'forbidden',
                p.kind === 'device' ? 'this device is bound to another screen' : 'only a screen sends heartbeats',
              );
            if (joined !== id) {
              if (joined) void socket.leave(screenRoom(joined));
              void socket.join(screenRoom(id));
              joined = id;
            }
            const at = now();
            if (at.getTime() - lastStored >= MIN_HEARTBEAT_GAP_MS) {
              lastStored = at.getTime();
              await opts.registry.heartbeat(id, parsed.data, p.id, at.toISOString());
              heartbeats.inc();
            }
            reply({ ok: true, data: { at: at.toISOString() } });
          } catch (err) {
            log.warn({ err }, 'heartbeat not stored');
            fail('internal', 'registry unavailable');
          }
        });
      });

      // ---- HTTP -----------------------------------------------------------------------------------
      app.get('/api/screens', async (req, res) => {
        if (!requireStaffUser(req, res)) return;
        res.set('Cache-Control', 'no-store').json(await states());
      });

      // A display’s layout: realtime/http/screens.ts answers page ids and passes display ids on to here.
      app.get('/api/screens/:screen', (req: Request<{ screen: string }>, res: Response) => {
        const p = requireCaller(req, res);
        if (!p) return;
        const { screens, infos } = live();
        const known = screens.get(req.params.screen);
        if (!known?.wall || !known.display) return sendError(res, 404, 'unknown-screen', `unknown screen: ${req.params.screen}`);
        if (p.kind === 'device' && !canActAsScreen(p, known.id))
          return sendError(res, 403, 'forbidden', 'this device shows another screen');
        const wall = known.wall;
        const size = displaySize(wall);
        // Every page staff may send the display to, with the display's own pages first.
        const pages = [...known.pages, ...config.screens.filter((s) => !known.pages.includes(s))];
        const display: DisplayPayload = {
          wall: { id: wall.id, name: wall.name },
          display: { id: known.id, name: known.name, ...size },
          playlist: playlistOf(known.display),
          pinned: !!known.display.pinned,
          pages,
          minTypePx: minTypePx(wall.viewing, size),
          alerts: wall.alerts?.display === known.id ? { region: wall.alerts.region, timeoutS: wall.alerts.timeoutS } : null,
          heartbeatS: wall.kiosk.heartbeatS,
        };
        const payload: ScreenPayload = {
          screen: known.pages[0]!,
          province: provinceInfo(config),
          groups: groupsUsedBy(pages, infos),
          display,
        };
        res.json(payload);
      });

      app.post('/api/screens/:screen/commands', async (req: Request<{ screen: string }>, res: Response) => {
        const p = requireStaffUser(req, res);
        if (!p) return;
        const id = req.params.screen;
        const { screens, pageIds } = live();
        if (!screens.has(id) && !pageIds.has(id)) return sendError(res, 404, 'unknown-screen', `unknown screen: ${id}`);
        const parsed = ScreenCommandRequestSchema.safeParse(req.body);
        if (!parsed.success) return sendError(res, 400, 'invalid-payload', describeZodError(parsed.error));
        if (parsed.data.type === 'show-page' && !pageIds.has(parsed.data.page))
          return sendError(res, 400, 'invalid-payload', `unknown page: ${parsed.data.page}`);
        const command: ScreenCommand = { ...parsed.data, id: randomUUID(), at: now().toISOString(), by: p.id };
        // Through the adapter: reaches the screen on whichever node holds its socket.
        io.to(screenRoom(id)).emit('screen:command', command);
        commandsSent.inc({ type: command.type });
        log.info({ screen: id, type: command.type, by: command.by }, 'screen command');
        await identity.audit.record({
          actor: { kind: 'user', id: p.id, name: p.name },
          action: 'screen.command',
          target: `screen:${id}`,
          outcome: 'ok',
          ip: req.ip ?? null,
          detail: { ...parsed.data },
        });
        res.status(202).json({ command });
      });

      app.post(
        '/api/screens/:screen/thumbnail',
        express.raw({ type: ['image/jpeg', 'image/png'], limit: THUMBNAIL_MAX_BYTES }),
        async (req: Request<{ screen: string }>, res: Response) => {
          const p = requireCaller(req, res);
          if (!p) return;
          const id = req.params.screen;
          const { screens, pageIds } = live();
          if (!screens.has(id) && !pageIds.has(id)) return sendError(res, 404, 'unknown-screen', `unknown screen: ${id}`);
          if (!canActAsScreen(p, id)) return sendError(res, 403, 'forbidden', 'only the screen’s own device sends its thumbnail');
          const body = req.body as unknown;
          if (!Buffer.isBuffer(body) || body.length < 4 || body[0] !== 0xff || body[1] !== 0xd8)
            return sendError(res, 400, 'invalid-payload', 'a JPEG image (Content-Type: image/jpeg) is expected');
          await opts.registry.setThumbnail(id, body, now().toISOString());
          res.status(204).end();
        },
      );

      app.get('/api/screens/:screen/thumbnail', async (req: Request<{ screen: string }>, res: Response) => {
        if (!requireStaffUser(req, res)) return;
        const t = await opts.registry.getThumbnail(req.params.screen);
        if (!t) return sendError(res, 404, 'not-found', 'no thumbnail yet');
        res
          .set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store', 'Last-Modified': new Date(t.at).toUTCString() })
          .send(t.jpeg);
      });
    },
  };
}
