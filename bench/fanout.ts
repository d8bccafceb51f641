/**
 * Benchmark: fan-out. A commit in PostgreSQL → `group:updated` at every one of N Socket.IO clients, through
 * the real ingest (LISTEN/NOTIFY), the Redis store and the realtime server; deltas of ≈ 4 KB (13 commune
 * figures with their derived fields). Baseline in the same run: the same commits' NOTIFY relayed by a bare
 * `ws` server broadcasting the same number of bytes to the same number of raw WebSocket clients — the floor
 * any PostgreSQL → browser path on this machine can reach. Clients live in child processes
 * (bench/fanout-clients.ts) so their parsing does not share the server's event loop.
 *
 *   npx tsx bench/fanout.ts                 # CLIENTS=1000 UPDATES=40 GAP_MS=250 PROCS=4
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import { openReportingDb } from '../reporting-db/db.ts';
import { migrate } from '../reporting-db/migrations.ts';
import { createRedisStore } from '../store/redis-store.ts';
import { createReportingIngest } from '../ingest/report-values/reporting-source.ts';
import { createRealtimeServer } from '../realtime/app.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix } from '../testing/databases.ts';
import { openTestIdentity } from '../testing/identity.ts';

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const UPDATES = Number(process.env.UPDATES ?? 40);
const GAP_MS = Number(process.env.GAP_MS ?? 250);
const PROCS = Number(process.env.PROCS ?? 4);
const INDICATOR = 'public_admin.dossiers_received';
const clock = () => performance.timeOrigin + performance.now();

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

interface Clients {
  report(): Promise<Record<string, number[]>>;
  kill(): void;
}

async function startClients(env: Record<string, string>): Promise<Clients> {
  const children: ChildProcess[] = [];
  const lines: AsyncIterator<string>[] = [];
  for (let i = 0; i < PROCS; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-clients.ts'], {
      env: { ...process.env, ...env, FANOUT_SOCKETS: String(Math.ceil(CLIENTS / PROCS)) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    lines.push(it);
  }
  for (const it of lines) {
    const first = await it.next();
    if (first.value !== 'ready') throw new Error(`clients said ${String(first.value)}`);
  }
  return {
    async report() {
      const merged: Record<string, number[]> = {};
      for (const [i, child] of children.entries()) {
        child.stdin!.write('report\n');
        const r = JSON.parse((await lines[i]!.next()).value as string) as Record<string, number[]>;
        for (const [seq, times] of Object.entries(r)) (merged[seq] ??= []).push(...times);
      }
      return merged;
    },
    kill: () => children.forEach((c) => c.kill()),
  };
}

function summarise(label: string, sentAt: Map<number, number>, got: Record<string, number[]>): void {
  const all: number[] = [];
  const lastPerUpdate: number[] = [];
  let missing = 0;
  for (const [seq, t0] of sentAt) {
    const times = got[String(seq)] ?? [];
    missing += CLIENTS - times.length;
    for (const t of times) all.push(t - t0);
    if (times.length) lastPerUpdate.push(Math.max(...times) - t0);
  }
  const p = percentiles(all);
  const last = percentiles(lastPerUpdate);
  console.log(
    `${label.padEnd(34)} every delivery: p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)}, max ${p.max.toFixed(1)} (${p.n}) · ` +
      `last client per update: p50 ${last.p50.toFixed(1)}, p99 ${last.p99.toFixed(1)} · missing ${missing}`,
  );
}

async function commits(url: string, write: (seq: number) => Promise<void>): Promise<Map<number, number>> {
  void url;
  const sentAt = new Map<number, number>();
  for (let seq = 1; seq <= UPDATES; seq++) {
    sentAt.set(seq, clock());
    await write(seq);
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  await new Promise((r) => setTimeout(r, 1500));
  return sentAt;
}

async function runIoc(
  url: string,
  config: Config,
): Promise<{ sentAt: Map<number, number>; got: Record<string, number[]>; bytes: number }> {
  const { prefix, cleanup } = testRedisPrefix('fanout');
  const log = pino({ level: 'silent' });
  const db = await openReportingDb({ databaseUrl: url });
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix });
  const cfg: Config = { ...config, sources: { reporting: { ...config.sources.reporting, listen: true, pollIntervalMs: 1000 } } };
  const ingest = createReportingIngest({ db, store, config: cfg, log });
  await ingest.start();
  const identity = await openTestIdentity(cfg);
  const server = await createRealtimeServer({ store, config: cfg, log, registry: new Registry(), identity });
  const port = await server.listen(0, '127.0.0.1');
  let bytes = 0;
  // A stage on the way: when the update is on the store's change feed (ingest done, Redis written).
  const feedAt = new Map<number, number>();
  const unsub = await store.subscribe((u) => {
    if (u.group !== 'public_admin') return;
    bytes = Math.max(bytes, JSON.stringify(u).length);
    const hit = u.changes.find((c) => c.indicator === INDICATOR);
    if (hit?.value) feedAt.set(Math.round((hit.value % 1) * 1e4), clock());
  });
  const clients = await startClients({
    MODE: 'ioc',
    FANOUT_URL: `http://127.0.0.1:${port}`,
    FANOUT_TOKEN: config.devices.users.find((u) => u.role === 'staff')!.token!,
    FANOUT_GROUP: 'public_admin',
    FANOUT_INDICATOR: INDICATOR,
  });
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const communes = config.province.communes.map((c) => c.code).slice(0, 13);
  const sentAt = await commits(url, (seq) =>
    writer
      .query(
        `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
         SELECT $1, a, '2026-11', $2, 'estimate', 'TTPVHCC' FROM unnest($3::text[]) AS a
         ON CONFLICT (indicator_id, area_code, period) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [INDICATOR, 5000 + seq / 1e4, communes],
      )
      .then(() => {}),
  );
  const got = await clients.report();
  clients.kill();
  await unsub();
  const feed = percentiles([...sentAt].filter(([seq]) => feedAt.has(seq)).map(([seq, t0]) => feedAt.get(seq)! - t0));
  console.log(
    `stage: commit → on the Redis change feed (ingest + store): p50 ${feed.p50.toFixed(1)} ms, p99 ${feed.p99.toFixed(1)}`,
  );
  await writer.end();
  await server.close();
  await identity.close();
  await ingest.stop();
  await store.close();
  await db.close();
  await cleanup();
  return { sentAt, got, bytes };
}

async function runWs(url: string, bytes: number): Promise<{ sentAt: Map<number, number>; got: Record<string, number[]> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const port = (wss.address() as { port: number }).port;
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  await listener.query('LISTEN bench_fanout');
  const padding = 'x'.repeat(Math.max(0, bytes - 40));
  listener.on('notification', (n) => {
    // The same bytes to every client, framed once (what Socket.IO's broadcast also does).
    const text = JSON.stringify({ seq: Number(n.payload), padding });
    for (const c of wss.clients) c.send(text);
  });
  const clients = await startClients({ MODE: 'ws', FANOUT_URL: `ws://127.0.0.1:${port}` });
  const sender = new pg.Client({ connectionString: url });
  await sender.connect();
  const sentAt = await commits(url, (seq) => sender.query(`SELECT pg_notify('bench_fanout', $1)`, [String(seq)]).then(() => {}));
  const got = await clients.report();
  clients.kill();
  await sender.end();
  await listener.end();
  wss.close();
  return { sentAt, got };
}

const config = loadConfig('config');
const database = await createTestDatabase('fanout');
try {
  const db = await openReportingDb({ databaseUrl: database.url });
  await migrate(db);
  await db.close();
  console.log(`fan-out: ${CLIENTS} clients in ${PROCS} processes, ${UPDATES} commits one every ${GAP_MS} ms, Redis store`);
  const ioc = await runIoc(database.url, config);
  const ws = await runWs(database.url, ioc.bytes);
  console.log(`delta size: ${(ioc.bytes / 1024).toFixed(1)} KB`);
  summarise('baseline: NOTIFY + bare ws broadcast', ws.sentAt, ws.got);
  summarise('commit → group:updated (ioc)', ioc.sentAt, ioc.got);
} finally {
  await database.drop();
}
process.exit(0);
