/**
 * Demo mode: a simulated Frigate instance (an HTTP server on 127.0.0.1, port 0, serving /api/events,
 * /api/review, /api/stats and snapshots). The real Frigate source polls it, so the demo exercises the
 * production code paths. A few events per minute; a fire rarely; now and then a camera drops out.
 */
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { CameraConfig } from '../../contract/config.ts';
import { DEMO_JPEG } from './jpeg.ts';

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

export async function startDemoFrigate(opts: {
  cameras: CameraConfig[];
  eventsPerMinute?: number;
  log: Logger;
}): Promise<DemoFrigate> {
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
      return json(
        events
          .filter((e) => (inProgress ? e.end_time === null : e.start_time > after))
          .slice(0, limit)
          .map(item),
      );
    }
    if (u.pathname === '/api/review') {
      const after = Number(u.searchParams.get('after') ?? 0);
      return json(
        events
          .filter((e) => e.end_time === null || e.end_time > after)
          .map((e) => ({
            id: `r-${e.id}`,
            camera: e.camera,
            start_time: e.start_time,
            end_time: e.end_time,
            severity: ['fire', 'smoke', 'crowd', 'flood'].includes(e.label) ? 'alert' : 'detection',
            thumb_path: '',
            data: { detections: [e.id], objects: [e.label], sub_labels: [], zones: e.zones, audio: [] },
          })),
      );
    }
    if (u.pathname === '/api/stats') {
      const cameras: Record<string, unknown> = {};
      for (const c of opts.cameras) {
        const down = offline.has(c.ref);
        cameras[c.ref] = {
          camera_fps: down ? 0 : 5,
          process_fps: down ? 0 : 5,
          detection_fps: down ? 0 : 1,
          detection_enabled: true,
          connection_quality: down ? 'unusable' : 'excellent',
          expected_fps: 5,
          reconnects_last_hour: 0,
          stalls_last_hour: 0,
        };
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
