/**
 * Benchmark: a commit in the reporting database → the `group:updated` delta at a Socket.IO client.
 * Real PostgreSQL, real Redis, the real ingest and realtime server, a real socket.io-client.
 * Modes: LISTEN/NOTIFY (poll fallback at 1 s) and polling alone (250 ms). Baseline in the same run: a bare
 * LISTEN/NOTIFY round trip between two pg connections (the floor any PostgreSQL change feed can reach).
 *
 *   npm run bench:latency            # 200 updates per mode
 *   UPDATES=500 npm run bench:latency
 *   REPORTING=1 npm run bench:latency   # the demo's data and agencies reporting meanwhile (AGENCY_MS=3000)
 *   COALESCE_MS=0 npm run bench:latency # the server's burst window (default: the server's DEFAULT_COALESCE_MS)
 *   COALESCE=0 …                        # a client that does not ask for coalesced deltas (the dashboard does)
 *   BURST=5 …                           # commits in a burst, one right after another, GAP_MS between bursts
 *   POLLING=0 …                         # skip the polling-alone mode
 * Printed too: how many messages the client got for how many versions (fewer: bursts were coalesced).
 * A row "of which commit → on the store feed" shows where a slow delta waited: on the ingest side
 * (reading, deriving, writing Redis) or the realtime side (feed → socket).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { io as connect } from 'socket.io-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import type { GroupUpdated } from '../contract/messages.ts';
import { openReportingDb } from '../reporting-db/db.ts';
import { seedDemo } from '../reporting-db/demo/seed.ts';
import { startAgencySimulator } from '../reporting-db/demo/simulator.ts';
import { migrate } from '../reporting-db/migrations.ts';
import { createRedisStore } from '../store/redis-store.ts';
import { createReportingIngest } from '../ingest/report-values/reporting-source.ts';
import { createRealtimeServer } from '../realtime/app.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix } from '../testing/databases.ts';
import { openTestIdentity } from '../testing/identity.ts';

const UPDATES = Number(process.env.UPDATES ?? 200);
const GAP_MS = Number(process.env.GAP_MS ?? 50); // 20 commits/s, like a busy reporting day in one burst
const REPORTING = process.env.REPORTING === '1';
const AGENCY_MS = Number(process.env.AGENCY_MS ?? 3000);
const COALESCE = process.env.COALESCE !== '0';
const COALESCE_MS = process.env.COALESCE_MS === undefined ? undefined : Number(process.env.COALESCE_MS);
const BURST = Number(process.env.BURST ?? 1);
const POLLING = process.env.POLLING !== '0';

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

const fmt = (x: number) => x.toFixed(1).padStart(7);

async function notifyFloor(url: string): Promise<number[]> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  await listener.query('LISTEN bench_floor');
  const pending = new Map<string, number>();
  const out: number[] = [];
  listener.on('notification', (n) => {
    const t = pending.get(n.payload ?? '');
    if (t !== undefined) out.push(performance.now() - t);
  });
  for (let i = 0; i < UPDATES; i++) {
    pending.set(String(i), performance.now());
    await sender.query(`SELECT pg_notify('bench_floor', $1)`, [String(i)]);
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 200));
  await listener.end();
  await sender.end();
  return out;
}

async function runMode(
  url: string,
  config: Config,
  listen: boolean,
  pollIntervalMs: number,
): Promise<{ latencies: number[]; feed: number[]; missed: number; messages: number; versions: number }> {
  const { prefix, cleanup } = testRedisPrefix('bench');
  const log = pino({ level: 'silent' });
  const db = await openReportingDb({ databaseUrl: url });
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix });
  const cfg: Config = {
    ...config,
    sources: { reporting: { ...config.sources.reporting, listen, pollIntervalMs, lateCommitWindowMs: 2000 } },
  };
  const ingest = createReportingIngest({ db, store, config: cfg, log });
  await ingest.start();
  const agencies = REPORTING ? startAgencySimulator(db, cfg, { intervalMs: AGENCY_MS }) : null;
  const identity = await openTestIdentity(cfg);
  const server = await createRealtimeServer({
    store,
    config: cfg,
    log,
    registry: new Registry(),
    identity,
    ...(COALESCE_MS !== undefined ? { coalesceMs: COALESCE_MS } : {}),
  });
  const port = await server.listen(0, '127.0.0.1');
  const socket = connect(`http://127.0.0.1:${port}`, {
    auth: { token: config.devices.users.find((u) => u.role === 'staff')!.token, coalesce: COALESCE },
    transports: ['websocket'],
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.timeout(5000).emitWithAck('group:subscribe', { groups: ['public_admin'] });

  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const feed: number[] = [];
  const seqOf = (u: GroupUpdated) =>
    u.changes
      .filter((c) => c.indicator === 'public_admin.dossiers_received' && c.period === '2026-11')
      .map((c) => Math.round((c.value ?? 0) * 1000) % 1_000_000);
  const unfollow = await store.subscribe((u) => {
    const t = performance.now();
    for (const seq of seqOf(u)) {
      const s = sentAt.get(seq);
      if (s !== undefined) feed.push(t - s);
    }
  });
  let messages = 0;
  let versions = 0;
  socket.on('group:updated', (u: GroupUpdated) => {
    const t = performance.now();
    if (u.group === 'public_admin') {
      messages++;
      versions += u.version - (u.fromVersion ?? u.version) + 1;
    }
    for (const c of u.changes) {
      if (c.indicator !== 'public_admin.dossiers_received' || c.period !== '2026-11') continue;
      const seq = Math.round((c.value ?? 0) * 1000) % 1_000_000;
      const s = sentAt.get(seq);
      if (s !== undefined) {
        latencies.push(t - s);
        sentAt.delete(seq);
      }
    }
  });
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const communes = config.province.communes.map((c) => c.code);
  for (let i = 1; i <= UPDATES; i++) {
    // The value carries the sequence number, so each delta is matched to its commit. Each commit goes to
    // another commune's row: a poller sees only the latest state of a row, so rewriting one row faster
    // than the poll interval would (rightly) skip the intermediate values.
    const value = 5000 + i / 1000;
    sentAt.set(i, performance.now());
    await writer.query(
      `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
       VALUES ('public_admin.dossiers_received', $2, '2026-11', $1, 'estimate', 'TTPVHCC')
       ON CONFLICT (indicator_id, area_code, period) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [value, communes[i % communes.length]],
    );
    if (i % BURST === 0) await new Promise((r) => setTimeout(r, GAP_MS));
  }
  await new Promise((r) => setTimeout(r, pollIntervalMs + 1500));
  const missed = sentAt.size;
  await agencies?.stop();
  await unfollow();
  socket.disconnect();
  await writer.end();
  await server.close();
  await identity.close();
  await ingest.stop();
  await store.close();
  await db.close();
  await cleanup();
  return { latencies, feed, missed, messages, versions };
}

async function main(): Promise<void> {
  const config = loadConfig('config');
  const database = await createTestDatabase('bench');
  try {
    const db = await openReportingDb({ databaseUrl: database.url });
    await migrate(db);
    if (REPORTING) await seedDemo(db, config, { now: new Date() });
    await db.close();
    const floor = percentiles(await notifyFloor(database.url));
    const notify = await runMode(database.url, config, true, 1000);
    const polling = POLLING ? await runMode(database.url, config, false, 250) : null;
    const rows = [
      ['baseline: bare LISTEN/NOTIFY round trip', floor, 0],
      ['commit → delta, LISTEN/NOTIFY (poll 1 s as fallback)', percentiles(notify.latencies), notify.missed],
      ['  of which commit → on the store feed', percentiles(notify.feed), 0],
      ...(polling
        ? ([['commit → delta, polling alone every 250 ms', percentiles(polling.latencies), polling.missed]] as const)
        : []),
    ] as const;
    console.log(
      `\ncommit → Socket.IO delta, ${UPDATES} updates per mode, ${BURST > 1 ? `bursts of ${BURST}` : 'one'} every ${GAP_MS} ms (ms), ` +
        `${COALESCE ? `coalescing client, window ${COALESCE_MS ?? 'default'} ms` : 'client without coalescing'}` +
        (REPORTING ? `; demo data, an agency reporting every ${AGENCY_MS} ms meanwhile` : ''),
    );
    console.log(`${'mode'.padEnd(56)}      n     p50     p95     p99     max  missed`);
    for (const [name, p, missed] of rows)
      console.log(
        `${name.padEnd(56)} ${String(p.n).padStart(6)} ${fmt(p.p50)} ${fmt(p.p95)} ${fmt(p.p99)} ${fmt(p.max)} ${String(missed).padStart(7)}`,
      );
    console.log(`LISTEN/NOTIFY mode: the client got ${notify.messages} messages for ${notify.versions} versions of the group`);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/commit-to-delta-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify({ updates: UPDATES, gapMs: GAP_MS, node: process.version, rows }, null, 2));
    console.log(`\nresults: ${file}`);
  } finally {
    await database.drop();
  }
}

await main();
