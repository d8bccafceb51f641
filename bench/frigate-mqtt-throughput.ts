/**
 * Benchmark: Frigate events over MQTT → `alert:raised` at a Socket.IO client subscribed to `alerts`.
 *
 * Two processes, as in production where Frigate and the wall are other machines: this one runs the
 * server side (the real Frigate source, alert engine, alert store — in-process by default, Redis with
 * STORE=redis — and realtime server); a forked driver process publishes to the real Mosquitto
 * (127.0.0.1:1883) and holds the real socket.io-client, so sending and receiving times come from one
 * clock. Baseline in the same run, from the driver: a bare MQTT publish → subscribe round trip at the
 * same rate (the floor the broker and the driver set). Prints figures; never passes or fails on time.
 *
 *   npx tsx bench/frigate-mqtt-throughput.ts                    # 2,000 events/s for 10 s
 *   RATE=3000 SECONDS=10 STORE=redis QOS=1 npx tsx bench/frigate-mqtt-throughput.ts
 */
import { openTestIdentity } from '../testing/identity.ts';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
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
import { startFeeds } from '../ingest/feeds.ts';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.RATE ?? 2000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const STORE = process.env.STORE ?? 'memory';
// Frigate publishes every topic at QoS 0 (paho's default); QOS=1 measures a broker hop with acks.
const QOS = (Number(process.env.QOS ?? 0) === 1 ? 1 : 0) as 0 | 1;
const TICK_MS = 10;

interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

// ---- driver (child process): publisher + Socket.IO client ---------------------------------------

interface DriverJob {
  port: number;
  token: string;
  topicPrefix: string;
  cameras: string[];
}

interface DriverResult {
  published: number;
  publishSeconds: number;
  delivered: number;
  sustainedPerSecond: number;
  latencyMs: Percentiles;
  baseline: { perSecond: number; latencyMs: Percentiles };
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
    for (let k = 0; k < perTick && i < total; k++, i++) client.publish(topic, body(i), { qos: QOS });
  }
  return performance.now() - t0;
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function mqttFloor(total: number): Promise<{ lat: number[]; rate: number }> {
  const topic = `ioc-bench-floor-${randomUUID().slice(0, 8)}`;
  const sub = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-sub-${randomUUID().slice(0, 6)}` });
  const pub = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-pub-${randomUUID().slice(0, 6)}` });
  await sub.subscribeAsync(topic, { qos: QOS });
  const lat: number[] = [];
  let last = 0;
  sub.on('message', (_t, p) => {
    const sent = Number(JSON.parse(p.toString()).t);
    last = performance.now();
    lat.push(last - sent);
  });
  const t0 = performance.now();
  await paced(pub, topic, total, () => JSON.stringify({ t: performance.now(), pad: 'x'.repeat(900) }));
  await waitUntil(() => lat.length >= total, 15_000);
  await sub.endAsync();
  await pub.endAsync();
  return { lat, rate: (lat.length / (last - t0)) * 1000 };
}

async function driver(job: DriverJob): Promise<DriverResult> {
  const total = RATE * SECONDS;
  const sock = connect(`http://127.0.0.1:${job.port}`, { auth: { token: job.token }, transports: ['websocket'] });
  await new Promise<void>((r) => sock.once('connect', () => r()));
  await sock.emitWithAck('group:subscribe', { groups: ['alerts'] });
  const sent = new Map<string, number>();
  const lat: number[] = [];
  let lastAt = 0;
  let warm = 0;
  sock.on('alert:raised', (a: { sourceEventId?: string }) => {
    const t = sent.get(a.sourceEventId ?? '');
    if (t === undefined) {
      warm++;
      return;
    }
    lastAt = performance.now();
    lat.push(lastAt - t);
  });
  const pub = await mqtt.connectAsync(MQTT_URL, { clientId: `bench-frigate-${randomUUID().slice(0, 6)}` });
  const topic = `${job.topicPrefix}/events`;
  const cam = (i: number) => job.cameras[i % job.cameras.length]!;

  // Warm-up (JIT, connections), not measured.
  const warmN = Math.min(2000, total / 5);
  await paced(pub, topic, warmN, (i) => frigateEvent(`warm-${i}`, cam(i)));
  await waitUntil(() => warm >= warmN, 10_000);

  const floor = await mqttFloor(total);

  process.send?.({ phase: 'measure-start' });
  const t0 = performance.now();
  const publishMs = await paced(pub, topic, total, (i) => {
    const id = `${(Date.now() / 1000).toFixed(6)}-${i.toString(36).padStart(6, '0')}`;
    sent.set(id, performance.now());
    return frigateEvent(id, cam(i));
  });
  await waitUntil(() => lat.length >= total, 30_000);
  process.send?.({ phase: 'measure-end' });
  sock.close();
  await pub.endAsync();
  const f = percentiles(floor.lat);
  return {
    published: total,
    publishSeconds: publishMs / 1000,
    delivered: lat.length,
    sustainedPerSecond: Math.round((lat.length / (lastAt - t0)) * 1000),
    latencyMs: percentiles(lat),
    baseline: { perSecond: Math.round(floor.rate), latencyMs: f },
  };
}

function frigateEvent(id: string, camera: string): string {
  const now = Date.now() / 1000;
  return JSON.stringify({
    type: 'new',
    before: {},
    after: {
      id,
      camera,
      frame_time: now,
      label: 'car',
      sub_label: null,
      top_score: 0.81,
      score: 0.81,
      false_positive: false,
      start_time: now,
      end_time: null,
      box: [400, 300, 520, 380],
      area: 9600,
      ratio: 1.5,
      region: [300, 200, 620, 520],
      current_zones: [],
      entered_zones: [],
      thumbnail: null,
      has_snapshot: true,
      has_clip: true,
      active: true,
      stationary: false,
      motionless_count: 0,
      position_changes: 0,
      attributes: {},
      current_attributes: [],
    },
  });
}

// ---- server side (this process) -----------------------------------------------------------------

async function main(): Promise<void> {
  const topicPrefix = `ioc-bench-${randomUUID().slice(0, 8)}`;
  const redisPrefix = `ioc-bench-${randomUUID().slice(0, 8)}:`;
  const base = loadConfig('config');
  const config: Config = {
    ...base,
    sources: {
      ...base.sources,
      feeds: {
        ...base.sources.feeds!,
        frigate: base.sources.feeds!.frigate.map((f) => ({
          ...f,
          mqttUrl: MQTT_URL,
          topicPrefix,
          mqttUserEnv: undefined,
          mqttPasswordEnv: undefined,
          httpUrl: undefined,
        })),
        hikvision: [],
        webhook: [],
        onvif: [],
      },
    },
  };
  const log = pino({ level: 'warn' });
  const store = createMemoryStore();
  const alertStore =
    STORE === 'redis' ? createRedisAlertStore({ url: REDIS_URL, prefix: redisPrefix }) : createMemoryAlertStore();
  const registry = new Registry();
  const snapshots = new SnapshotCache();
  const feeds = await startFeeds({ config, alertStore, store, snapshots, log, registry, env: {}, connect: true });
  const identity = await openTestIdentity(config);
  const server = await createRealtimeServer({
    store,
    config,
    log,
    registry,
    identity,
    plugins: [createAlertsPlugin({ alertStore, receiver: feeds.receiver, snapshots })],
  });
  const port = await server.listen(0, '127.0.0.1');
  await feeds.frigate.get('frigate-nt')!.ready();

  const job: DriverJob = {
    port,
    token: config.devices.devices.find((d) => d.screen === 'an-ninh-trat-tu')!.token,
    topicPrefix,
    cameras: (config.cameras ?? []).filter((c) => c.feed === 'frigate-nt').map((c) => c.ref),
  };
  const child = fork(fileURLToPath(import.meta.url), ['--driver'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cpu0 = process.cpuUsage();
  let elu0 = performance.eventLoopUtilization();
  let t0 = 0;
  const measured: {
    server?: { cpuSeconds: number; cpuPercent: number; eventLoopUtilization: number; eventLoopDelayP99Ms: number };
  } = {};
  const result = await new Promise<DriverResult>((resolve, reject) => {
    child.on('message', (m: { phase?: string; result?: DriverResult }) => {
      if (m.phase === 'measure-start') {
        cpu0 = process.cpuUsage();
        elu0 = performance.eventLoopUtilization();
        t0 = performance.now();
        loop.enable();
      } else if (m.phase === 'measure-end') {
        loop.disable();
        const cpu = process.cpuUsage(cpu0);
        const wallS = (performance.now() - t0) / 1000;
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        measured.server = {
          cpuSeconds,
          cpuPercent: Math.round((cpuSeconds / wallS) * 100),
          eventLoopUtilization: Number(performance.eventLoopUtilization(elu0).utilization.toFixed(2)),
          eventLoopDelayP99Ms: loop.percentile(99) / 1e6,
        };
      } else if (m.result) resolve(m.result);
    });
    child.on('exit', (code) => reject(new Error(`driver exited with ${code}`)));
  });

  const out = {
    at: new Date().toISOString(),
    rateTarget: RATE,
    seconds: SECONDS,
    store: STORE,
    qos: QOS,
    ...result,
    lost: result.published - result.delivered,
    server: measured.server,
  };
  const fx = (x: number) => x.toFixed(1).padStart(7);
  const f = result.baseline.latencyMs;
  const p = result.latencyMs;
  console.log(
    `\nFrigate MQTT (QoS ${QOS}) → alert:raised at a Socket.IO client (${STORE} alert store), target ${RATE}/s for ${SECONDS} s`,
  );
  console.log(`                         n      /s     p50     p95     p99     max   (ms)`);
  console.log(
    `bare MQTT round trip ${String(f.n).padStart(5)} ${String(result.baseline.perSecond).padStart(7)} ${fx(f.p50)} ${fx(f.p95)} ${fx(f.p99)} ${fx(f.max)}`,
  );
  console.log(
    `event → alert:raised ${String(p.n).padStart(5)} ${String(result.sustainedPerSecond).padStart(7)} ${fx(p.p50)} ${fx(p.p95)} ${fx(p.p99)} ${fx(p.max)}`,
  );
  const s = out.server;
  console.log(
    `lost: ${out.lost}; server process: CPU ${s?.cpuPercent ?? '?'} % of a core, event-loop utilisation ${s?.eventLoopUtilization ?? '?'}, event-loop delay p99 ${s?.eventLoopDelayP99Ms.toFixed(1) ?? '?'} ms\n`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/frigate-mqtt-throughput-${out.at.replace(/[:.]/g, '-')}.json`, JSON.stringify(out, null, 2));

  await server.close();
  await identity.close();
  await feeds.stop();
  await alertStore.close();
  if (STORE === 'redis') await deletePrefix(REDIS_URL, redisPrefix);
  process.exit(0);
}

if (process.argv.includes('--driver')) {
  const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as DriverJob;
  driver(job).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else void main();
