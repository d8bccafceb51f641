/**
 * Demo mode: a simulated Frigate instance (an HTTP server on 127.0.0.1, port 0, serving /api/events,
 * /api/review, /api/stats and snapshots) and Hikvision ITS cameras posting XML (some multipart with a
 * JPEG) to our own webhook. The real Frigate source polls the simulator and the real webhook route takes
 * the posts, so the demo exercises the production code paths. A few events per minute; a fire rarely.
 */
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { CameraConfig } from '../../contract/config.ts';

/** A tiny valid JPEG (8×8 grey), so thumbnails render without shipping images. */
export const DEMO_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAAIAAgBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'base64',
);

interface SimEvent {
  id: string;
  camera: string;
  label: string;
  start_time: number;
  end_time: number | null;
  score: number;
  zones: string[];
  endsAt: number;
}

export interface DemoFrigate {
  url: string;
  close(): Promise<void>;
  /** Starts or ends events now (tests drive it directly). */
  tick(): void;
}

const LABELS: [string, number][] = [
  ['person', 0.35],
  ['car', 0.3],
  ['motorcycle', 0.2],
  ['crowd', 0.08],
  ['flood', 0.04],
  ['fire', 0.015],
  ['smoke', 0.015],
];

function pick<T>(items: [T, number][], r = Math.random()): T {
  let acc = 0;
  for (const [v, w] of items) if ((acc += w) >= r) return v;
  return items[items.length - 1]![0];
}

export async function startDemoFrigate(opts: { cameras: CameraConfig[]; eventsPerMinute?: number; log: Logger }): Promise<DemoFrigate> {
  const events: SimEvent[] = [];
  const offline = new Set<string>();
  const rate = opts.eventsPerMinute ?? 4;
  const tick = () => {
    const now = Date.now() / 1000;
    for (const e of events) if (e.end_time === null && now >= e.endsAt) e.end_time = now;
    if (Math.random() < rate / 60 / 0.5 / 2 || events.length === 0) {
      const cam = opts.cameras[Math.floor(Math.random() * opts.cameras.length)];
      if (cam && !offline.has(cam.ref)) {
        const label = pick(LABELS);
        const rand = Math.random().toString(36).slice(2, 8);
        events.push({
          id: `${now.toFixed(6)}-${rand}`,
          camera: cam.ref,
          label,
          start_time: now,
          end_time: null,
          score: 0.62 + Math.random() * 0.35,
          zones: cam.noParkingZones.length && label === 'car' ? [cam.noParkingZones[0]!] : [],
          endsAt: now + 20 + Math.random() * 90,
        });
      }
    }
    // Now and then a camera drops out for a while, so the health panel has something to show.
    if (Math.random() < 0.01 && opts.cameras.length) {
      const c = opts.cameras[Math.floor(Math.random() * opts.cameras.length)]!;
      if (offline.has(c.ref)) offline.delete(c.ref);
      else if (offline.size < 2) offline.add(c.ref);
    }
    while (events.length > 500) events.shift();
  };
  const timer = setInterval(tick, 1000);
  tick();

  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const json = (v: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(v));
    };
    const item = (e: SimEvent) => ({
      id: e.id,
      label: e.label,
      sub_label: null,
      camera: e.camera,
      start_time: e.start_time,
      end_time: e.end_time,
      false_positive: false,
      zones: e.zones,
      thumbnail: null,
      has_clip: true,
      has_snapshot: true,
      retain_indefinitely: false,
      plus_id: null,
      data: { type: 'object', score: e.score, top_score: e.score, box: [0.3, 0.3, 0.2, 0.3], region: [0.2, 0.2, 0.5, 0.5] },
    });
    if (u.pathname === '/api/events') {
      const after = Number(u.searchParams.get('after') ?? 0);
      const inProgress = u.searchParams.get('in_progress') === '1';
      const limit = Math.min(500, Number(u.searchParams.get('limit') ?? 100));
      return json(events.filter((e) => (inProgress ? e.end_time === null : e.start_time > after)).slice(0, limit).map(item));
    }
    if (u.pathname === '/api/review') {
      const after = Number(u.searchParams.get('after') ?? 0);
      return json(
        events
          .filter((e) => e.end_time === null || e.end_time > after)
          .map((e) => ({ id: `r-${e.id}`, camera: e.camera, start_time: e.start_time, end_time: e.end_time, severity: ['fire', 'smoke', 'crowd', 'flood'].includes(e.label) ? 'alert' : 'detection', thumb_path: '', data: { detections: [e.id], objects: [e.label], sub_labels: [], zones: e.zones, audio: [] } })),
      );
    }
    if (u.pathname === '/api/stats') {
      const cameras: Record<string, unknown> = {};
      for (const c of opts.cameras) {
        const down = offline.has(c.ref);
        cameras[c.ref] = { camera_fps: down ? 0 : 5, process_fps: down ? 0 : 5, detection_fps: down ? 0 : 1, detection_enabled: true, connection_quality: down ? 'unusable' : 'excellent', expected_fps: 5, reconnects_last_hour: 0, stalls_last_hour: 0 };
      }
      return json({ cameras, service: { uptime: 1000, version: '0.16.0-demo' } });
    }
    if (/^\/api\/events\/[^/]+\/snapshot\.jpg$/.test(u.pathname)) {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return res.end(DEMO_JPEG);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  opts.log.info({ url, cameras: opts.cameras.length }, 'demo Frigate simulator started');
  return {
    url,
    tick,
    async close() {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const AID = ['illegalParking', 'illegalParking', 'wrongDirection', 'congestion', 'crossLane', 'pedestrian', 'trafficAccident', 'smoke'];
const PLATES = ['79A-123.45', '85C-067.89', '79H1-234.56', '51F-888.01', '85A-002.17', '79D-456.78'];

/** An EventNotificationAlert as an ITS camera posts it (+07:00 device time; some devices drift). */
export function hikvisionDemoXml(cam: CameraConfig, kind: 'aid' | 'anpr' | 'heartbeat', nowMs = Date.now()): string {
  const [serial, channel] = cam.ref.split('/');
  const drift = cam.id.endsWith('ca-na') ? 9 * 60_000 : 0; // one camera with a clock 9 minutes slow
  const t = new Date(nowMs - drift + 7 * 3600_000).toISOString().replace('Z', '+07:00');
  const type = kind === 'aid' ? 'AID' : kind === 'anpr' ? 'ANPR' : 'videoloss';
  const aid = kind === 'aid' ? `<AID><illegalTrafficEvent>${AID[Math.floor(Math.random() * AID.length)]}</illegalTrafficEvent></AID>` : '';
  const anpr =
    kind === 'anpr'
      ? `<ANPR><licensePlate>${PLATES[Math.floor(Math.random() * PLATES.length)]}</licensePlate><confidenceLevel>${80 + Math.floor(Math.random() * 19)}</confidenceLevel><plateColor>white</plateColor></ANPR><UUID>${crypto.randomUUID()}</UUID>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
<ipAddress>10.20.2.${Number(channel) + 10}</ipAddress><portNo>80</portNo><protocol>HTTP</protocol><macAddress>44:19:b6:00:00:0${channel}</macAddress>
<channelID>${Number(channel) + 32}</channelID><dateTime>${t}</dateTime><activePostCount>1</activePostCount>
<eventType>${type}</eventType><eventState>${kind === 'heartbeat' ? 'inactive' : 'active'}</eventState><eventDescription>${type} alarm</eventDescription>
<channelName>${cam.name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</channelName>${aid}${anpr}
<Extensions><serialNumber>${serial}</serialNumber></Extensions>
</EventNotificationAlert>`;
}

/** Hikvision ITS cameras posting to our webhook (XML; ANPR as multipart with the plate picture). */
export function startDemoHikvision(opts: { cameras: CameraConfig[]; webhookUrl: string; key: string; eventsPerMinute?: number; log: Logger }): { stop(): void } {
  const rate = opts.eventsPerMinute ?? 3;
  let beat = 0;
  const post = async (body: BodyInit, headers: Record<string, string>) => {
    try {
      const res = await fetch(`${opts.webhookUrl}?key=${encodeURIComponent(opts.key)}`, { method: 'POST', body, headers, signal: AbortSignal.timeout(5000) });
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      opts.log.debug({ err: (err as Error).message }, 'demo hikvision post failed');
    }
  };
  const timer = setInterval(() => {
    // Heartbeats from every camera every 10 s (what keeps them "online").
    if (beat++ % 10 === 0) for (const c of opts.cameras) void post(hikvisionDemoXml(c, 'heartbeat'), { 'content-type': 'application/xml' });
    if (Math.random() > rate / 60) return;
    const cam = opts.cameras[Math.floor(Math.random() * opts.cameras.length)];
    if (!cam) return;
    if (Math.random() < 0.4) {
      const fd = new FormData();
      fd.append('anpr.xml', new Blob([hikvisionDemoXml(cam, 'anpr')], { type: 'application/xml' }), 'anpr.xml');
      fd.append('licensePlatePicture.jpg', new Blob([new Uint8Array(DEMO_JPEG)], { type: 'image/jpeg' }), 'licensePlatePicture.jpg');
      void post(fd, {});
    } else void post(hikvisionDemoXml(cam, 'aid'), { 'content-type': 'application/xml' });
  }, 1000);
  return { stop: () => clearInterval(timer) };
}
