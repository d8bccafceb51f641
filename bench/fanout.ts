/**
 * Benchmark: fan-out. A commit in PostgreSQL → `group:updated` at every one of N Socket.IO clients, through
 * the real ingest (LISTEN/NOTIFY), the Redis store and the realtime server (one node, or two sharing Redis
 * through the streams adapter); deltas of ≈ 4 KB (13 commune figures with their derived fields), 10 a
 * second by default. Baseline in the same run: the same number of NOTIFYs relayed by a bare `ws` server
 * broadcasting the same bytes to the same number of raw WebSocket clients — the floor of any PostgreSQL →
 * browser path on this machine. A second baseline sends the real delta's JSON (its sequence number in the
 * same place) and its clients parse it as any client of these bytes must, so the client side does the same
 * JSON work as a Socket.IO client minus Socket.IO's own framing. Clients live in child processes (bench/fanout-clients.ts) so their parsing
 * does not share the server's event loop. Printed per size: delivery p50/p99 from the commit (every
 * delivery, and the last client of each update), the stages on the way (NOTIFY at the ingest, rows read back,
 * the update at the realtime node before its fan-out, the store write returned), server CPU per delivered
 * message, server RSS per idle connection, lost deliveries.
 *
 *   node --expose-gc --import tsx bench/fanout.ts        # SIZES=1000,5000 UPDATES=40 GAP_MS=100 PROCS=4
 *   SIZES=10000 NODES=2 node --expose-gc --import tsx bench/fanout.ts
 *   CLIENTS=library …  # socket.io-client only; CLIENTS=wire: only clients speaking the protocol over bare ws
 *   DIRECT=0 …  # deltas through engine.io's per-socket path instead of direct frames (realtime/socket/frame-broadcast.ts)
 *   PROFILE=/tmp/prof node --import tsx bench/fanout.ts  # a .cpuprofile of each run's commit phase (DevTools)
 *
 * The clients' own CPU is printed too (share of one core, summed over their processes): a run whose clients
 * saturate their core measures the clients, not the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import type { GroupUpdated } from '../contract/messages.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import { openReportingDb } from '../reporting-db/db.ts';
import { migrate } from '../reporting-db/migrations.ts';
import { createRedisStore } from '../store/redis-store.ts';
import { type ReportingDbLike, createReportingIngest } from '../ingest/report-values/reporting-source.ts';
import type { Store } from '../store/store.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';
import { setDirectFrames } from '../realtime/socket/frame-broadcast.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix } from '../testing/databases.ts';
import { openTestIdentity } from '../testing/identity.ts';

const SIZES = (process.env.SIZES ?? '1000,5000').split(',').map(Number);
const UPDATES = Number(process.env.UPDATES ?? 40);
const GAP_MS = Number(process.env.GAP_MS ?? 100);
const PROCS = Number(process.env.PROCS ?? 4);
const NODES = Number(process.env.NODES ?? 1);
/** `library`: socket.io-client; `wire`: the protocol over bare `ws` (bench/fanout-clients.ts openIocWire). */
const CLIENTS = (process.env.CLIENTS ?? 'library,wire').split(',') as ('library' | 'wire')[];
const INDICATOR = 'public_admin.dossiers_received';
const clock = () => performance.timeOrigin + performance.now();
const gc = (globalThis as { gc?: () => void }).gc;
const PROFILE = process.env.PROFILE;
setDirectFrames(process.env.DIRECT !== '0');

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 200));
  }
  return process.memoryUsage().rss;
}

interface Clients {
  /** Receive times by sequence number, and the clients' CPU (ms, all processes) since they were ready. */
  report(): Promise<{ got: Record<string, number[]>; cpuMs: number }>;
  kill(): void;
}

/** `urls[i]` for the clients of process i (round robin): several nodes share the clients. */
async function startClients(count: number, urls: string[], env: Record<string, string>): Promise<Clients> {
  const children: ChildProcess[] = [];
  const lines: AsyncIterator<string>[] = [];
  for (let i = 0; i < PROCS; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-clients.ts'], {
      env: { ...process.env, ...env, FANOUT_URL: urls[i % urls.length]!, FANOUT_SOCKETS: String(Math.ceil(count / PROCS)) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    lines.push(createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
  }
  for (const it of lines) {
    const first = await it.next();
    if (first.value !== 'ready') throw new Error(`clients said ${String(first.value)}`);
  }
  return {
    async report() {
      const merged: Record<string, number[]> = {};
      let cpuMs = 0;
      for (const [i, child] of children.entries()) {
        child.stdin!.write('report\n');
        const r = JSON.parse((await lines[i]!.next()).value as string) as { got: Record<string, number[]>; cpuMs: number };
        for (const [seq, times] of Object.entries(r.got)) (merged[seq] ??= []).push(...times);
        cpuMs += r.cpuMs;
      }
      return { got: merged, cpuMs };
    },
    kill: () => children.forEach((c) => c.kill()),
  };
}

interface Run {
  sentAt: Map<number, number>;
  got: Record<string, number[]>;
  /** Server CPU (user + system) over the commits, ms. */
  cpuMs: number;
  /** Wall time of the commits (and the 2 s after them), ms. */
  wallMs: number;
  /** The client processes' CPU from ready to report, ms. */
  clientCpuMs: number;
  rssPerConnection: number;
  clients: number;
}

function summarise(label: string, run: Run): { p50: number; p99: number } {
  const all: number[] = [];
  const lastPerUpdate: number[] = [];
  let delivered = 0;
  for (const [seq, t0] of run.sentAt) {
    const times = run.got[String(seq)] ?? [];
    delivered += times.length;
    for (const t of times) all.push(t - t0);
    if (times.length) lastPerUpdate.push(Math.max(...times) - t0);
  }
  const p = percentiles(all);
  const last = percentiles(lastPerUpdate);
  const lost = run.sentAt.size * run.clients - delivered;
  console.log(
    `  ${label.padEnd(30)} every delivery p50 ${p.p50.toFixed(1).padStart(6)} ms, p99 ${p.p99.toFixed(1).padStart(6)} · last client p50 ` +
      `${last.p50.toFixed(1)}, p99 ${last.p99.toFixed(1)} · CPU ${((run.cpuMs * 1000) / Math.max(1, delivered)).toFixed(1)} µs/delivery · ` +
      `RSS ${(run.rssPerConnection / 1024).toFixed(1)} KiB/idle connection · lost ${lost} · ` +
      `server ${((100 * run.cpuMs) / run.wallMs).toFixed(0)} %, clients ${((100 * run.clientCpuMs) / run.wallMs).toFixed(0)} % of a core`,
  );
  return { p50: p.p50, p99: p.p99 };
}

async function commits(
  label: string,
  write: (seq: number) => Promise<void>,
): Promise<{ sentAt: Map<number, number>; cpuMs: number; wallMs: number }> {
  const sentAt = new Map<number, number>();
  const session = PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let seq = 1; seq <= UPDATES; seq++) {
    sentAt.set(seq, clock());
    await write(seq);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - start;
  if (session && PROFILE) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE, { recursive: true });
    writeFileSync(`${PROFILE}/${label}-${Date.now()}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
  return { sentAt, cpuMs: (used.user + used.system) / 1000, wallMs };
}

async function runIoc(
  url: string,
  config: Config,
  count: number,
  clientMode: 'ioc' | 'ioc-wire',
): Promise<
  Run & { feed: number[]; stagesMs: Record<'notified' | 'read' | 'written', number[]>; bytes: number; sample: GroupUpdated }
> {
  const { prefix, cleanup } = testRedisPrefix('fanout');
  const log = pino({ level: 'silent' });
  const db = await openReportingDb({ databaseUrl: url });
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix });
  const cfg: Config = { ...config, sources: { reporting: { ...config.sources.reporting, listen: true, pollIntervalMs: 1000 } } };
  // The ingest's own stages, to say where an update waits: its NOTIFY, its rows read back, its store write.
  const feedAt = new Map<number, number>();
  const stages = { notified: [] as number[], read: new Map<number, number>(), written: new Map<number, number>(), on: false };
  const seqOf = (value: number) => Math.round((value % 1) * 1e4);
  const tappedDb: ReportingDbLike = {
    listen: (channel, onNotify, onReconnect) =>
      db.listen(
        channel,
        (payload) => {
          if (stages.on) stages.notified.push(clock());
          onNotify(payload);
        },
        onReconnect,
      ),
    async query<R>(sql: string, params?: unknown[]) {
      const r = await db.query<R>(sql, params);
      if (stages.on)
        for (const row of r.rows as { indicator_id?: string; value?: string }[])
          if (row.indicator_id === INDICATOR && row.value && !stages.read.has(seqOf(Number(row.value))))
            stages.read.set(seqOf(Number(row.value)), clock()); // the first read; the 1 s poll reads the rows again
      return r;
    },
  };
  const tappedStore: Store = {
    ...store,
    async applyChanges(group, changes, at, fence) {
      const version = await store.applyChanges(group, changes, at, fence);
      const hit = stages.on ? changes.find((c) => c.indicator === INDICATOR) : undefined;
      if (hit?.value) stages.written.set(seqOf(hit.value), clock());
      return version;
    },
    // When a realtime node has the update from the change feed, before its fan-out (the first node's time).
    subscribe: (handler) =>
      store.subscribe((u) => {
        const hit = stages.on && u.group === 'public_admin' ? u.changes.find((c) => c.indicator === INDICATOR) : undefined;
        if (hit?.value && !feedAt.has(seqOf(hit.value))) feedAt.set(seqOf(hit.value), clock());
        handler(u);
      }),
  };
  const ingest = createReportingIngest({ db: tappedDb, store: tappedStore, config: cfg, log });
  await ingest.start();
  const identity = await openTestIdentity(cfg);
  const servers: RealtimeServer[] = [];
  const adapterClients: Redis[] = [];
  const urls: string[] = [];
  for (let i = 0; i < NODES; i++) {
    const client = NODES > 1 ? new Redis(TEST_REDIS_URL) : undefined;
    if (client) adapterClients.push(client);
    const server = await createRealtimeServer({
      store: tappedStore,
      config: cfg,
      log,
      registry: new Registry(),
      identity,
      ...(client ? { adapter: createAdapter(client, { streamName: redisKeys(prefix).socketIoStream() }) } : {}),
    });
    servers.push(server);
    urls.push(`http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`);
  }
  let bytes = 0;
  let sample: GroupUpdated | undefined;
  const unsub = await store.subscribe((u) => {
    if (u.group !== 'public_admin') return;
    bytes = Math.max(bytes, JSON.stringify(u).length);
    sample = u;
  });
  const rssBefore = await settledRss();
  const clients = await startClients(count, urls, {
    MODE: clientMode,
    FANOUT_TOKEN: config.devices.users.find((u) => u.role === 'staff')!.token!,
    FANOUT_GROUP: 'public_admin',
    FANOUT_INDICATOR: INDICATOR,
  });
  const rssPerConnection = ((await settledRss()) - rssBefore) / count;
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const communes = config.province.communes.map((c) => c.code).slice(0, 13);
  stages.on = true;
  const { sentAt, cpuMs, wallMs } = await commits(`ioc-${count}`, (seq) =>
    writer
      .query(
        `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
         SELECT $1, a, '2026-11', $2, 'estimate', 'TTPVHCC' FROM unnest($3::text[]) AS a
         ON CONFLICT (indicator_id, area_code, period) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [INDICATOR, 5000 + seq / 1e4, communes],
      )
      .then(() => {}),
  );
  const { got, cpuMs: clientCpuMs } = await clients.report();
  clients.kill();
  await unsub();
  const since = (at: Map<number, number>) => [...sentAt].filter(([seq]) => at.has(seq)).map(([seq, t0]) => at.get(seq)! - t0);
  const feed = since(feedAt);
  const stagesMs = {
    notified: [...sentAt].flatMap(([seq, t0]) => (stages.notified[seq - 1] ? [stages.notified[seq - 1]! - t0] : [])),
    read: since(stages.read),
    written: since(stages.written),
  };
  await writer.end();
  for (const s of servers) await s.close();
  for (const c of adapterClients) c.disconnect();
  await identity.close();
  await ingest.stop();
  await store.close();
  await db.close();
  await cleanup();
  return { sentAt, got, cpuMs, wallMs, clientCpuMs, rssPerConnection, clients: count, feed, stagesMs, bytes, sample: sample! };
}

/** `sample`: send that delta's JSON (the sequence number as its INDICATOR value) instead of padding. */
async function runWs(url: string, bytes: number, count: number, sample?: GroupUpdated): Promise<Run> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const port = (wss.address() as { port: number }).port;
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  await listener.query('LISTEN bench_fanout');
  const padding = 'x'.repeat(Math.max(0, bytes - 40));
  const message = (seq: number): string =>
    sample
      ? JSON.stringify({
          ...sample,
          changes: sample.changes.map((c) => (c.indicator === INDICATOR ? { ...c, value: 5000 + seq / 1e4 } : c)),
        })
      : JSON.stringify({ seq, padding });
  listener.on('notification', (n) => {
    const text = message(Number(n.payload));
    for (const c of wss.clients) c.send(text);
  });
  const rssBefore = await settledRss();
  const clients = await startClients(count, [`ws://127.0.0.1:${port}`], {
    MODE: sample ? 'ws-json' : 'ws',
    FANOUT_INDICATOR: INDICATOR,
  });
  const rssPerConnection = ((await settledRss()) - rssBefore) / count;
  const sender = new pg.Client({ connectionString: url });
  await sender.connect();
  const { sentAt, cpuMs, wallMs } = await commits(`${sample ? 'ws-json' : 'ws'}-${count}`, (seq) =>
    sender.query(`SELECT pg_notify('bench_fanout', $1)`, [String(seq)]).then(() => {}),
  );
  const { got, cpuMs: clientCpuMs } = await clients.report();
  clients.kill();
  await sender.end();
  await listener.end();
  wss.close();
  return { sentAt, got, cpuMs, wallMs, clientCpuMs, rssPerConnection, clients: count };
}

const config = loadConfig('config');
const database = await createTestDatabase('fanout');
try {
  const db = await openReportingDb({ databaseUrl: database.url });
  await migrate(db);
  await db.close();
  console.log(
    `fan-out: ${UPDATES} commits one every ${GAP_MS} ms, Redis store, ${NODES} realtime node(s), clients in ${PROCS} processes, ` +
      `${process.env.DIRECT === '0' ? 'deltas through engine.io' : 'direct frames'}` +
      (gc ? '' : ' (run with node --expose-gc for the RSS figure)'),
  );
  for (const n of SIZES) {
    const runs: { label: string; run: Awaited<ReturnType<typeof runIoc>> }[] = [];
    for (const c of CLIENTS)
      runs.push({
        label: c === 'wire' ? 'commit → group:updated, wire' : 'commit → group:updated',
        run: await runIoc(database.url, config, n, c === 'wire' ? 'ioc-wire' : 'ioc'),
      });
    const { bytes, sample } = runs[0]!.run;
    const ws = await runWs(database.url, bytes, n);
    const wsJson = await runWs(database.url, bytes, n, sample);
    const stage = (xs: number[]) => {
      const p = percentiles(xs);
      return `p50 ${p.p50.toFixed(1)} / p99 ${p.p99.toFixed(1)}`;
    };
    console.log(`${n} clients · delta ${(bytes / 1024).toFixed(1)} KB`);
    const base = summarise('baseline: NOTIFY + bare ws', ws);
    const json = summarise('baseline, the delta parsed', wsJson);
    for (const { label, run } of runs) {
      const ours = summarise(label, run);
      console.log(
        `    ratio to the baseline: p50 ${(ours.p50 / base.p50).toFixed(2)}×, p99 ${(ours.p99 / base.p99).toFixed(2)}× · ` +
          `to the parsed-delta baseline: p50 ${(ours.p50 / json.p50).toFixed(2)}×, p99 ${(ours.p99 / json.p99).toFixed(2)}×`,
      );
      console.log(
        `    commit → NOTIFY at the ingest ${stage(run.stagesMs.notified)} ms, rows read ${stage(run.stagesMs.read)}, ` +
          `at the realtime node ${stage(run.feed)}, store write returned ${stage(run.stagesMs.written)}`,
      );
    }
  }
} catch (err) {
  // Printed before the database is dropped: dropping it ends every connection, and that error would hide this one.
  console.error('fan-out bench failed:', err);
  process.exit(1);
} finally {
  await database.drop();
}
process.exit(0);
