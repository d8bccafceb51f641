/**
 * Alerts on the realtime server, as a RealtimePlugin:
 *  - group `alerts`: the subscribe ack carries active + recent alerts and camera statuses; this node
 *    follows the alert store's change feed itself and emits `alert:raised` / `alert:updated` /
 *    `camera:status-changed` to its own sockets in room `group:alerts` (io.local: no adapter echo);
 *  - POST /api/feeds/:source/events: 202 / 400 with a reason / 401 without the source's key / 413 when
 *    the body is too large (JSON/XML 1 MiB, multipart with JPEG 5 MiB);
 *  - GET /api/cameras: the registry as browsers may see it (no device address, no credentials);
 *  - GET /api/alerts/:id/snapshot.jpg: the image fetched by the server, cached, to signed-in clients only.
 * Scope: an alert belongs to its camera's commune. A caller who sees only some communes gets their
 * alerts and cameras only — in the snapshot, in the events (rooms per commune) and over REST.
 * It does not import ingest: the feed receiver and the snapshot fetcher are handed in by bin/system.ts.
 */
import type { Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { type Alert, type CameraInfo, ALERTS_GROUP } from '../../contract/alerts.ts';
import type { HttpErrorCode } from '../../contract/http.ts';
import type { AlertsSnapshot } from '../../contract/messages.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import { type SnapshotCache, isJpeg } from '../../store/snapshot-cache.ts';
import { sendError, sendFeedRejection } from '../http/errors.ts';
import { requireScope, seesWholeProvince } from '../access.ts';
import type { Principal } from '../identity/principal.ts';
import { areaInScope } from '../../contract/scope.ts';
import type { RealtimePlugin } from '../plugin.ts';
import { type BodyError, BODY_LIMIT_BYTES, MULTIPART_LIMIT_BYTES, readMultipart, readRawBody } from './feed-body.ts';

/** What the ingest side offers to this plugin (structurally: ingest/webhook/receiver.ts). */
export interface FeedReceiverLike {
  authorize(source: string, key: string | undefined): 'ok' | 'unknown-source' | 'unauthorized';
  receive(
    source: string,
    input: { contentType: string; body: Buffer; jpeg?: Buffer },
  ): Promise<{ status: 202 | 400; reason?: string; outcomes: string[] }>;
  recordReject(source: string, reason: string, detail: string): Promise<void>;
}

export interface AlertsPluginOptions {
  alertStore: AlertStore;
  /** Absent on a node that does not take webhooks: the route answers 503. */
  receiver?: FeedReceiverLike;
  snapshots?: SnapshotCache;
  /** Fetches an image the cache does not hold (with the server's device credentials). */
  fetchSnapshot?: (alertId: string) => Promise<Buffer | null>;
  /** Sizes of the subscribe snapshot. */
  recentLimit?: number;
}

/** Alerts of one commune, for callers who see only some communes. */
const areaRoom = (area: string) => `alerts:area:${area}`;

export function createAlertsPlugin(opts: AlertsPluginOptions): RealtimePlugin {
  const { alertStore } = opts;
  let unsubscribe: (() => Promise<void>) | undefined;
  /** Set at install: the province code and each camera's commune. */
  let provinceCode = '';
  const cameraArea = new Map<string, string>();
  const visible = (p: Principal, area: string | null | undefined) =>
    seesWholeProvince(p, provinceCode) || (!!area && areaInScope(p.scope, area, provinceCode));
  return {
    name: 'alerts',
    groups: [ALERTS_GROUP],
    roomsFor(group, principal) {
      if (seesWholeProvince(principal, provinceCode)) return [`group:${group}`];
      return (principal.scope.areas as string[]).map(areaRoom);
    },
    async snapshot(_group, principal) {
      const [active, recent, cameras] = await Promise.all([
        alertStore.listActive(),
        alertStore.recent(opts.recentLimit ?? 100),
        alertStore.getCameraStatuses(),
      ]);
      const byId = new Map<string, Alert>();
      for (const a of [...active, ...recent]) {
        const held = byId.get(a.id);
        if (!held || held.version < a.version) byId.set(a.id, a);
      }
      const alerts = [...byId.values()].sort((x, y) =>
        x.state === y.state ? (x.receivedAt < y.receivedAt ? 1 : -1) : x.state === 'active' ? -1 : 1,
      );
      const snap: AlertsSnapshot = {
        alerts: alerts.filter((a) => visible(principal, a.area)),
        cameras: cameras.filter((c) => visible(principal, cameraArea.get(c.cameraId))),
      };
      return { alerts: snap };
    },
    async install({ app, io, config, log, registry, groupRoom }) {
      const room = groupRoom(ALERTS_GROUP);
      const emitted = new Counter({
        name: 'ioc_alert_events_emitted_total',
        help: 'Alert events emitted to local sockets',
        labelNames: ['event'],
        registers: [registry],
      });
      const webhook = new Counter({
        name: 'ioc_feed_webhook_requests_total',
        help: 'POST /api/feeds/:source/events by source and status',
        labelNames: ['source', 'status'],
        registers: [registry],
      });
      const webhookSeconds = new Histogram({
        name: 'ioc_feed_webhook_seconds',
        help: 'Webhook handling time',
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
        registers: [registry],
      });

      provinceCode = config.province.code;
      for (const c of config.cameras ?? []) cameraArea.set(c.id, c.area);
      unsubscribe = await alertStore.subscribe((c) => {
        // One emit to the province room and the commune's room: a socket in both gets it once.
        const area = c.type === 'camera:status-changed' ? cameraArea.get(c.status.cameraId) : c.alert.area;
        const rooms = area ? [room, areaRoom(area)] : [room];
        if (c.type === 'camera:status-changed') io.local.to(rooms).emit('camera:status-changed', c.status);
        else io.local.to(rooms).emit(c.type, c.alert);
        emitted.inc({ event: c.type });
      });

      const cameraInfos: CameraInfo[] = (config.cameras ?? []).map((c) => {
        const f = config.sources.feeds;
        const type = f?.frigate.some((x) => x.id === c.feed)
          ? 'frigate'
          : f?.hikvision.some((x) => x.id === c.feed)
            ? 'hikvision'
            : f?.onvif.some((x) => x.id === c.feed)
              ? 'onvif'
              : 'webhook';
        return { id: c.id, name: c.name, area: c.area, lat: c.lat, lon: c.lon, source: type };
      });

      app.get('/api/cameras', (req, res) => {
        const p = requireScope(req, res, { groups: [ALERTS_GROUP] }, provinceCode);
        if (p) res.json(cameraInfos.filter((c) => visible(p, c.area)));
      });

      app.get('/api/alerts/:id/snapshot.jpg', async (req: Request<{ id: string }>, res: Response) => {
        const p = requireScope(req, res, { groups: [ALERTS_GROUP] }, provinceCode);
        if (!p) return;
        const id = req.params.id;
        if (!/^[0-9a-f-]{36}$/.test(id)) return sendError(res, 404, 'not-found', 'no such snapshot');
        try {
          if (!seesWholeProvince(p, provinceCode)) {
            const alert = await alertStore.get(id);
            if (!alert || !visible(p, alert.area)) return sendError(res, 403, 'forbidden', 'outside your scope: this camera');
          }
          let img = opts.snapshots?.getImage(id);
          if (!img && opts.fetchSnapshot) {
            img = (await opts.fetchSnapshot(id)) ?? undefined;
            if (img && isJpeg(img)) opts.snapshots?.putImage(id, img);
          }
          if (!img || !isJpeg(img)) return sendError(res, 404, 'not-found', 'no snapshot for this alert');
          res
            .set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' })
            .send(img);
        } catch (err) {
          log.warn({ err: (err as Error).message, id }, 'snapshot fetch failed');
          sendError(res, 502, 'upstream', 'the camera source did not answer');
        }
      });

      app.post('/api/feeds/:source/events', async (req: Request<{ source: string }>, res: Response) => {
        const source = req.params.source;
        const started = performance.now();
        const counted = (status: number) => {
          webhook.inc({
            source: opts.receiver?.authorize(source, undefined) === 'unknown-source' ? 'unknown' : source,
            status: String(status),
          });
          webhookSeconds.observe((performance.now() - started) / 1000);
        };
        const fail = (status: number, code: HttpErrorCode, message: string) => {
          counted(status);
          // Close the connection after an early answer: the rest of an oversized body is not read.
          if (status === 413) res.set('Connection', 'close');
          sendError(res, status, code, message);
        };
        const rejected = (reason: string, message: string) => {
          counted(400);
          sendFeedRejection(res, reason, message);
        };
        const receiver = opts.receiver;
        if (!receiver) return fail(503, 'unavailable', 'this node does not take feed events');
        const key = (
          req.get('x-feed-key') ??
          /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ??
          (typeof req.query.key === 'string' ? req.query.key : undefined)
        )?.trim();
        const auth = receiver.authorize(source, key);
        if (auth === 'unknown-source') return fail(404, 'unknown-source', 'no such feed source');
        if (auth === 'unauthorized') return fail(401, 'unauthorized', "this source's key is required");
        const contentType = (req.get('content-type') ?? '').toLowerCase();
        const multipart = contentType.startsWith('multipart/');
        const limit = multipart ? MULTIPART_LIMIT_BYTES : BODY_LIMIT_BYTES;
        const declared = Number(req.get('content-length') ?? 0);
        if (declared > limit) {
          await receiver.recordReject(source, 'body-too-large', `declared ${declared} bytes (max ${limit})`);
          return fail(413, 'payload-too-large', `at most ${limit} bytes`);
        }
        try {
          const input = multipart ? await readMultipart(req, contentType) : { contentType, body: await readRawBody(req, res) };
          const r = await receiver.receive(source, input);
          if (r.status === 400) return rejected(r.reason ?? 'rejected', `rejected: ${r.reason ?? 'invalid payload'}`);
          counted(202);
          res.status(202).json({ accepted: r.outcomes.filter((o) => o !== 'rejected').length, outcomes: r.outcomes });
        } catch (err) {
          const e = err as Partial<BodyError> & Error;
          if (e.status === 413) {
            await receiver.recordReject(source, 'body-too-large', e.message);
            return fail(413, 'payload-too-large', `at most ${limit} bytes`);
          }
          const reason = e.reason ?? 'unreadable-body';
          await receiver.recordReject(source, reason, e.message.slice(0, 200));
          rejected(reason, 'the request body could not be read');
        }
      });

      log.info({ cameras: cameraInfos.length }, 'alerts plugin installed');
    },
    async close() {
      await unsubscribe?.();
    },
  };
}
