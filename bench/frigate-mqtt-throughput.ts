/**
 * Benchmark: Frigate events over MQTT → `alert:raised` at a Socket.IO client subscribed to `alerts`.
 * Real Mosquitto (127.0.0.1:1883), the real Frigate source, alert engine, alert store (in-process by
 * default, Redis with STORE=redis), realtime server and a real socket.io-client.
 * Baseline in the same run: a bare MQTT publish → subscribe round trip at the same rate (the floor).
 * Prints figures; never passes or fails on time.
 *
 *   npx tsx bench/frigate-mqtt-throughput.ts                    # 2,000 events/s for 10 s
 *   RATE=3000 SECONDS=10 STORE=redis npx tsx bench/frigate-mqtt-throughput.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { io as connect } from 'socket.io-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createMemoryAlertStore } from '../store/memory-alert-store.ts';
import { createRedisAlertStore } from '../store/redis-alert-store.ts';
import { deletePrefix } from '../store/redis-store.ts';
import { SnapshotCache } from '../store/snapshot-cache.ts';
import { createRealtimeServer } from '../realtime/app.ts';
import { createAlertsPlugin } from '../realtime/alerts/plugin.ts';
import { startFeeds } from '../ingest/sources/feeds.ts';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.RATE ?? 2000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const STORE = process.env.STORE ?? 'memory';
const TICK_MS = 10;

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

/** Publishes `total` messages at RATE per second in 10 ms slices; `body(i)` builds each one. */
async function paced(client: mqtt.MqttClient, topic: string, total: number, body: (i: number) => string): Promise<number> {
  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  const t0 = performance.now();
  let i = 0;
  while (i < total) {
    const due = t0 + (i / perTick) * TICK_MS;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    for (let k = 0; k < perTick && i < total; k++, i++) client.publish(topic, body(i), { qos: 1 });
  }
  return performance.now() - t0;
}

async function baseline(total: number): Promise<{ lat: number[]; rate: number }> {
  const topic = `ioc-bench-floor-${randomUUID().slice(0, 8)}`;
  const sub = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-sub-${randomUUID().slice(0, 6)}` });
  const pub = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-pub-${randomUUID().slice(0, 6)}` });
  await sub.subscribeAsync(topic, { qos: 1 });
  const lat: number[] = [];
  let last = 0;
  sub.on('message', (_t, p) => {
    const sent = Number(JSON.parse(p.toString()).t);
    last = performance.now();
    lat.push(last - sent);
  });
  const t0 = performance.now();
  await paced(pub, topic, total, () => JSON.stringify({ t: performance.now(), pad: 'x'.repeat(900) }));
  const deadline = Date.now() + 15_000;
  while (lat.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await sub.endAsync();
  await pub.endAsync();
  return { lat, rate: (lat.length / (last - t0)) * 1000 };
}

async function main(): Promise<void> {
  const total = RATE * SECONDS;
  const prefix = `ioc-bench-${randomUUID().slice(0, 8)}`;
  const redisPrefix = `ioc-bench-${randomUUID().slice(0, 8)}:`;
  const base = loadConfig('config');
  const config: Config = {
    ...base,
    sources: {
      ...base.sources,
      feeds: { ...base.sources.feeds!, frigate: base.sources.feeds!.frigate.map((f) => ({ ...f, mqttUrl: MQTT_URL, topicPrefix: prefix, mqttUserEnv: undefined, mqttPasswordEnv: undefined, httpUrl: undefined })), hikvision: [], webhook: [], onvif: [] },
    },
  };
  const log = pino({ level: 'warn' });
  const store = createMemoryStore();
  const alertStore = STORE === 'redis' ? createRedisAlertStore({ url: REDIS_URL, prefix: redisPrefix }) : createMemoryAlertStore();
  const registry = new Registry();
  const snapshots = new SnapshotCache();
  const feeds = await startFeeds({ config, alertStore, store, snapshots, log, registry, env: {}, connect: true });
  const server = await createRealtimeServer({ store, config, log, registry, plugins: [createAlertsPlugin({ alertStore, receiver: feeds.receiver, snapshots })] });
  const port = await server.listen(0, '127.0.0.1');
  await feeds.frigate.get('frigate-nt')!.ready();
  const sock = connect(`http://127.0.0.1:${port}`, { auth: { token: config.devices.devices[0]!.token }, transports: ['websocket'] });
  await new Promise<void>((r) => sock.once('connect', () => r()));
  await sock.emitWithAck('group:subscribe', { groups: ['alerts'] });

  const cams = (config.cameras ?? []).filter((c) => c.feed === 'frigate-nt').map((c) => c.ref);
  const sent = new Map<string, number>();
  const lat: number[] = [];
  let lastAt = 0;
  sock.on('alert:raised', (a) => {
    const t = sent.get(a.sourceEventId ?? '');
    if (t === undefined) return;
    lastAt = performance.now();
    lat.push(lastAt - t);
  });
  const pub = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-frigate-${randomUUID().slice(0, 6)}` });

  // Warm-up (JIT, connections), not measured.
  await paced(pub, `${prefix}/events`, Math.min(2000, total / 5), (i) => event(`warm-${i}`, cams[i % cams.length]!));
  await new Promise((r) => setTimeout(r, 1500));

  const floor = await baseline(total);

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const publishMs = await paced(pub, `${prefix}/events`, total, (i) => {
    const id = `${(Date.now() / 1000).toFixed(6)}-${i.toString(36).padStart(6, '0')}`;
    sent.set(id, performance.now());
    return event(id, cams[i % cams.length]!);
  });
  const deadline = Date.now() + 30_000;
  while (lat.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const cpu = process.cpuUsage(cpu0);
  const elapsedMs = lastAt - t0;
  const p = percentiles(lat);
  const f = percentiles(floor.lat);
  const result = {
    at: new Date().toISOString(),
    rateTarget: RATE,
    seconds: SECONDS,
    store: STORE,
    published: total,
    publishSeconds: publishMs / 1000,
    delivered: lat.length,
    lost: total - lat.length,
    sustainedPerSecond: Math.round((lat.length / elapsedMs) * 1000),
    latencyMs: p,
    baselineMqttRoundTrip: { perSecond: Math.round(floor.rate), latencyMs: f },
    processCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  const fx = (x: number) => x.toFixed(1).padStart(7);
  console.log(`\nFrigate MQTT → alert:raised at a Socket.IO client (${STORE} alert store), target ${RATE}/s for ${SECONDS} s`);
  console.log(`                         n      /s     p50     p95     p99     max   (ms)`);
  console.log(`bare MQTT round trip ${String(f.n).padStart(5)} ${String(result.baselineMqttRoundTrip.perSecond).padStart(7)} ${fx(f.p50)} ${fx(f.p95)} ${fx(f.p99)} ${fx(f.max)}`);
  console.log(`event → alert:raised ${String(p.n).padStart(5)} ${String(result.sustainedPerSecond).padStart(7)} ${fx(p.p50)} ${fx(p.p95)} ${fx(p.p99)} ${fx(p.max)}`);
  console.log(`lost: ${result.lost}; process CPU ${result.processCpuSeconds.toFixed(1)} s over ${(elapsedMs / 1000).toFixed(1)} s\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/frigate-mqtt-throughput-${result.at.replace(/[:.]/g, '-')}.json`, JSON.stringify(result, null, 2));

  sock.close();
  await pub.endAsync();
  await server.close();
  await feeds.stop();
  await alertStore.close();
  if (STORE === 'redis') await deletePrefix(REDIS_URL, redisPrefix);
  process.exit(0);
}

function event(id: string, camera: string): string {
  const now = Date.now() / 1000;
  return JSON.stringify({
    type: 'new',
    before: {},
    after: { id, camera, frame_time: now, label: 'car', sub_label: null, top_score: 0.81, score: 0.81, false_positive: false, start_time: now, end_time: null, box: [400, 300, 520, 380], area: 9600, ratio: 1.5, region: [300, 200, 620, 520], current_zones: [], entered_zones: [], thumbnail: null, has_snapshot: true, has_clip: true, active: true, stationary: false, motionless_count: 0, position_changes: 0, attributes: {}, current_attributes: [] },
  });
}

void main();
