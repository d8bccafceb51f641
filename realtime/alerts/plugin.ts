/**
 * Alerts on the realtime server, as a RealtimePlugin:
 *  - group `alerts`: the subscribe ack carries active + recent alerts and camera statuses; this node
 *    follows the alert store's change feed itself and emits `alert:raised` / `alert:updated` /
 *    `camera:status-changed` to its own sockets in room `group:alerts` (io.local: no adapter echo);
 *  - POST /api/feeds/:source/events: 202 / 400 with a reason / 401 without the source's key / 413 when
 *    the body is too large (JSON/XML 1 MiB, multipart with JPEG 5 MiB);
 *  - GET /api/cameras: the registry as browsers may see it (no device address, no credentials);
 *  - GET /api/alerts/:id/snapshot.jpg: the image fetched by the server, cached, to signed-in clients only.
 * It does not import ingest: the feed receiver and the snapshot fetcher are handed in by bin/system.ts.
 */
import type { Request, Response } from 'express';
import busboy from 'busboy';
import { Counter, Histogram } from 'prom-client';
import type { Alert, CameraInfo } from '../../contract/alerts.ts';
import { ALERTS_GROUP } from '../../contract/alerts.ts';
import type { AlertsSnapshot } from '../../contract/messages.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import { type SnapshotCache, isJpeg } from '../../store/snapshot-cache.ts';
import type { RealtimePlugin } from '../app.ts';

/** What the ingest side offers to this plugin (structurally: ingest/sources/webhook-receiver.ts). */
export interface FeedReceiverLike {
  authorize(source: string, key: string | undefined): 'ok' | 'unknown-source' | 'unauthorized';
  receive(source: string, input: { contentType: string; body: Buffer; jpeg?: Buffer }): Promise<{ status: 202 | 400; reason?: string; outcomes: string[] }>;
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

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MULTIPART_LIMIT_BYTES = 5 * 1024 * 1024;

export function createAlertsPlugin(opts: AlertsPluginOptions): RealtimePlugin {
  const { alertStore } = opts;
  let unsubscribe: (() => Promise<void>) | undefined;
  return {
    name: 'alerts',
    groups: [ALERTS_GROUP],
    async snapshot() {
      const [active, recent, cameras] = await Promise.all([alertStore.listActive(), alertStore.recent(opts.recentLimit ?? 100), alertStore.getCameraStatuses()]);
      const byId = new Map<string, Alert>();
      for (const a of [...active, ...recent]) {
        const held = byId.get(a.id);
        if (!held || held.version < a.version) byId.set(a.id, a);
      }
      const alerts = [...byId.values()].sort((x, y) => (x.state === y.state ? (x.receivedAt < y.receivedAt ? 1 : -1) : x.state === 'active' ? -1 : 1));
      const snap: AlertsSnapshot = { alerts, cameras };
      return { alerts: snap };
    },
    async install({ app, io, config, log, registry, principalOf, groupRoom }) {
      const room = groupRoom(ALERTS_GROUP);
      const emitted = new Counter({ name: 'ioc_alert_events_emitted_total', help: 'Alert events emitted to local sockets', labelNames: ['event'], registers: [registry] });
      const webhook = new Counter({ name: 'ioc_feed_webhook_requests_total', help: 'POST /api/feeds/:source/events by source and status', labelNames: ['source', 'status'], registers: [registry] });
      const webhookSeconds = new Histogram({ name: 'ioc_feed_webhook_seconds', help: 'Webhook handling time', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1], registers: [registry] });

      unsubscribe = await alertStore.subscribe((c) => {
        if (c.type === 'camera:status-changed') io.local.to(room).emit('camera:status-changed', c.status);
        else io.local.to(room).emit(c.type, c.alert);
        emitted.inc({ event: c.type });
      });

      const cameraInfos: CameraInfo[] = (config.cameras ?? []).map((c) => {
        const f = config.sources.feeds;
        const type = f?.frigate.some((x) => x.id === c.feed) ? 'frigate' : f?.hikvision.some((x) => x.id === c.feed) ? 'hikvision' : f?.onvif.some((x) => x.id === c.feed) ? 'onvif' : 'webhook';
        return { id: c.id, name: c.name, area: c.area, lat: c.lat, lon: c.lon, source: type };
      });

      app.get('/api/cameras', (req, res) => {
        if (!principalOf(req)) return res.status(401).json({ error: { code: 'unauthorized', message: 'a valid Bearer token is required' } });
        res.json(cameraInfos);
      });

      app.get('/api/alerts/:id/snapshot.jpg', async (req: Request<{ id: string }>, res: Response) => {
        if (!principalOf(req)) return res.status(401).json({ error: { code: 'unauthorized', message: 'a valid token is required' } });
        const id = req.params.id;
        if (!/^[0-9a-f-]{36}$/.test(id)) return res.status(404).json({ error: { code: 'not-found', message: 'no such snapshot' } });
        try {
          let img = opts.snapshots?.getImage(id);
          if (!img && opts.fetchSnapshot) {
            img = (await opts.fetchSnapshot(id)) ?? undefined;
            if (img && isJpeg(img)) opts.snapshots?.putImage(id, img);
          }
          if (!img || !isJpeg(img)) return res.status(404).json({ error: { code: 'not-found', message: 'no snapshot for this alert' } });
          res.set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' }).send(img);
        } catch (err) {
          log.warn({ err: (err as Error).message, id }, 'snapshot fetch failed');
          res.status(502).json({ error: { code: 'upstream', message: 'the camera source did not answer' } });
        }
      });

      app.post('/api/feeds/:source/events', async (req: Request<{ source: string }>, res: Response) => {
        const source = req.params.source;
        const started = performance.now();
        const reply = (status: number, body: unknown) => {
          webhook.inc({ source: opts.receiver?.authorize(source, undefined) === 'unknown-source' ? 'unknown' : source, status: String(status) });
          webhookSeconds.observe((performance.now() - started) / 1000);
          // Close the connection after an early answer: the rest of an oversized body is not read.
          if (status === 413) res.set('Connection', 'close');
          res.status(status).json(body);
        };
        const receiver = opts.receiver;
        if (!receiver) return reply(503, { error: { code: 'unavailable', message: 'this node does not take feed events' } });
        const key = (req.get('x-feed-key') ?? /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? (typeof req.query.key === 'string' ? req.query.key : undefined))?.trim();
        const auth = receiver.authorize(source, key);
        if (auth === 'unknown-source') return reply(404, { error: { code: 'unknown-source', message: 'no such feed source' } });
        if (auth === 'unauthorized') return reply(401, { error: { code: 'unauthorized', message: "this source's key is required" } });
        const contentType = (req.get('content-type') ?? '').toLowerCase();
        const multipart = contentType.startsWith('multipart/');
        const limit = multipart ? MULTIPART_LIMIT_BYTES : BODY_LIMIT_BYTES;
        const declared = Number(req.get('content-length') ?? 0);
        if (declared > limit) {
          await receiver.recordReject(source, 'body-too-large', `declared ${declared} bytes (max ${limit})`);
          return reply(413, { error: { code: 'body-too-large', message: `at most ${limit} bytes` } });
        }
        try {
          const input = multipart ? await readMultipart(req, contentType) : { contentType, body: await readBody(req, limit) };
          const r = await receiver.receive(source, input);
          if (r.status === 400) return reply(400, { error: { code: r.reason ?? 'rejected', message: `rejected: ${r.reason ?? 'invalid payload'}` } });
          return reply(202, { accepted: r.outcomes.filter((o) => o !== 'rejected').length, outcomes: r.outcomes });
        } catch (err) {
          const e = err as Error & { status?: number; reason?: string };
          if (e.status === 413) {
            await receiver.recordReject(source, 'body-too-large', e.message);
            return reply(413, { error: { code: 'body-too-large', message: `at most ${limit} bytes` } });
          }
          await receiver.recordReject(source, e.reason ?? 'unreadable-body', e.message.slice(0, 200));
          return reply(400, { error: { code: e.reason ?? 'unreadable-body', message: 'the request body could not be read' } });
        }
      });

      log.info({ cameras: cameraInfos.length }, 'alerts plugin installed');
    },
    async close() {
      await unsubscribe?.();
    },
  };
}

function httpError(status: number, message: string, reason?: string): Error {
  return Object.assign(new Error(message), { status, reason });
}

/** Reads a request body up to `limit` bytes; beyond it, stops reading and fails with 413. */
function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      n += c.length;
      if (n > limit) {
        done = true;
        req.pause();
        return reject(httpError(413, `body over ${limit} bytes`));
      }
      chunks.push(c);
    });
    req.on('end', () => !done && ((done = true), resolve(Buffer.concat(chunks))));
    req.on('error', (err) => !done && ((done = true), reject(httpError(400, err.message, 'truncated-body'))));
    req.on('aborted', () => !done && ((done = true), reject(httpError(400, 'client aborted', 'truncated-body'))));
  });
}

/** multipart/form-data (Hikvision HTTP host): the first XML/JSON part and the first JPEG. */
function readMultipart(req: Request, contentType: string): Promise<{ contentType: string; body: Buffer; jpeg?: Buffer }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: MULTIPART_LIMIT_BYTES, fieldSize: BODY_LIMIT_BYTES, files: 8, fields: 16, parts: 24 } });
    } catch (err) {
      return reject(httpError(400, (err as Error).message, 'invalid-multipart'));
    }
    let doc: { type: string; body: Buffer } | undefined;
    let jpeg: Buffer | undefined;
    let total = 0;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(e);
    };
    bb.on('field', (_name, value, info) => {
      if (info.valueTruncated) return fail(httpError(413, 'a field is over 1 MiB'));
      const v = value.trim();
      if (!doc && (v.startsWith('<') || v.startsWith('{'))) doc = { type: v.startsWith('<') ? 'application/xml' : 'application/json', body: Buffer.from(value) };
    });
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        total += c.length;
        if (total > MULTIPART_LIMIT_BYTES) return fail(httpError(413, 'multipart body over 5 MiB'));
        chunks.push(c);
      });
      stream.on('limit', () => fail(httpError(413, 'a part is over 5 MiB')));
      stream.on('end', () => {
        const b = Buffer.concat(chunks);
        const t = info.mimeType.toLowerCase();
        if (t.startsWith('image/')) {
          if (!jpeg && isJpeg(b)) jpeg = b;
        } else if (!doc && (t.includes('xml') || t.includes('json') || t.startsWith('text/'))) doc = { type: t, body: b };
      });
    });
    bb.on('error', (err: Error) => fail(httpError(400, err.message, 'invalid-multipart')));
    bb.on('close', () => {
      if (failed) return;
      if (!doc) return reject(httpError(400, 'no XML or JSON part', 'missing-event-part'));
      resolve({ contentType: doc.type || contentType, body: doc.body, ...(jpeg ? { jpeg } : {}) });
    });
    req.pipe(bb);
  });
}
