/**
 * Benchmark: does keeping the revision history slow the live path? A commit in the reporting database →
 * the `group:updated` delta at a Socket.IO client, with the ingest writing value_history to the center's
 * own PostgreSQL ("on") and without ("off"), in the same run, alternating rounds so drift hits both.
 * Real PostgreSQL (reporting and center databases), real Redis, the real ingest and realtime server.
 * Each commit rewrites a commune's row with a new figure, so after the first pass every commit is a
 * revision: a history row, a `revised` flag and a first sighting, the worst case for the history.
 *
 *   npm run bench:history              # 2 rounds × 300 updates per mode
 *   UPDATES=500 ROUNDS=3 npm run bench:history
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
import { migrate } from '../reporting-db/migrations.ts';
import { openCenterDb, type CenterDb } from '../center/db.ts';
import { createValueHistory } from '../center/value-history.ts';
import { createRedisStore } from '../store/redis-store.ts';
import { createReportingIngest } from '../ingest/report-values/reporting-source.ts';
import { createRealtimeServer } from '../realtime/app.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix } from '../testing/databases.ts';
import { openTestIdentity } from '../testing/identity.ts';

const UPDATES = Number(process.env.UPDATES ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const GAP_MS = Number(process.env.GAP_MS ?? 50); // 20 commits/s

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}
const fmt = (x: number) => x.toFixed(1).padStart(7);

let seq = 0;

async function runRound(url: string, center: CenterDb | null, config: Config): Promise<{ latencies: number[]; missed: number }> {
  const { prefix, cleanup } = testRedisPrefix('bench-history');
  const log = pino({ level: 'silent' });
  const db = await openReportingDb({ databaseUrl: url });
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix });
  const ingest = createReportingIngest({
    db,
    store,
    config,
    log,
    ...(center ? { history: createValueHistory(center) } : {}),
  });
  await ingest.start();
  const identity = await openTestIdentity(config);
  const server = await createRealtimeServer({ store, config, log, registry: new Registry(), identity });
  const port = await server.listen(0, '127.0.0.1');
  const socket = connect(`http://127.0.0.1:${port}`, {
    auth: { token: config.devices.users.find((u) => u.role === 'staff')!.token },
    transports: ['websocket'],
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await socket.timeout(5000).emitWithAck('group:subscribe', { groups: ['public_admin'] });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  socket.on('group:updated', (u: GroupUpdated) => {
    const t = performance.now();
    for (const c of u.changes) {
      if (c.indicator !== 'public_admin.dossiers_received' || c.period !== '2026-11') continue;
      const n = Math.round((c.value ?? 0) * 1000) % 1_000_000;
      const s = sentAt.get(n);
      if (s !== undefined) {
        latencies.push(t - s);
        sentAt.delete(n);
      }
    }
  });
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  const communes = config.province.communes.map((c) => c.code);
  for (let i = 1; i <= UPDATES; i++) {
    const n = ++seq;
    sentAt.set(n, performance.now());
    await writer.query(
      `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
       VALUES ('public_admin.dossiers_received', $2, '2026-11', $1, 'official', 'TTPVHCC')
       ON CONFLICT (indicator_id, area_code, period) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [5000 + n / 1000, communes[n % communes.length]],
    );
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const missed = sentAt.size;
  socket.disconnect();
  await writer.end();
  await server.close();
  await identity.close();
  await ingest.stop();
  await store.close();
  await db.close();
  await cleanup();
  return { latencies, missed };
}

async function main(): Promise<void> {
  const base = loadConfig('config');
  const config: Config = {
    ...base,
    sources: { reporting: { ...base.sources.reporting, listen: true, pollIntervalMs: 1000, lateCommitWindowMs: 2000 } },
  };
  const reporting = await createTestDatabase('bench_hist');
  const centerDatabase = await createTestDatabase('bench_hist_center');
  const center = await openCenterDb({ databaseUrl: centerDatabase.url });
  try {
    const db = await openReportingDb({ databaseUrl: reporting.url });
    await migrate(db);
    await db.close();
    const off: number[] = [];
    const on: number[] = [];
    let missedOff = 0;
    let missedOn = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const a = await runRound(reporting.url, null, config);
      off.push(...a.latencies);
      missedOff += a.missed;
      const b = await runRound(reporting.url, center, config);
      on.push(...b.latencies);
      missedOn += b.missed;
    }
    const { rows } = await center.query<{ h: number; s: number }>(
      'SELECT (SELECT count(*)::int FROM value_history) AS h, (SELECT count(*)::int FROM value_submissions) AS s',
    );
    const pOff = percentiles(off);
    const pOn = percentiles(on);
    console.log(`\ncommit → Socket.IO delta, ${ROUNDS} rounds × ${UPDATES} updates per mode, one every ${GAP_MS} ms (ms)`);
    console.log(`${'mode'.padEnd(44)}      n     p50     p95     p99     max  missed`);
    for (const [name, p, missed] of [
      ['history off (baseline)', pOff, missedOff],
      ['history on (value_history in the center PG)', pOn, missedOn],
    ] as const)
      console.log(
        `${name.padEnd(44)} ${String(p.n).padStart(6)} ${fmt(p.p50)} ${fmt(p.p95)} ${fmt(p.p99)} ${fmt(p.max)} ${String(missed).padStart(7)}`,
      );
    const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
    console.log(`\non vs off: p50 ${pct(pOn.p50, pOff.p50)}, p99 ${pct(pOn.p99, pOff.p99)} (target: within 10 %)`);
    console.log(`history rows written: ${rows[0]?.h} value_history, ${rows[0]?.s} value_submissions`);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/history-latency-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(
      file,
      JSON.stringify(
        { updates: UPDATES, rounds: ROUNDS, gapMs: GAP_MS, node: process.version, off: pOff, on: pOn, rows: rows[0] },
        null,
        2,
      ),
    );
    console.log(`results: ${file}`);
  } finally {
    await center.close();
    await centerDatabase.drop();
    await reporting.drop();
  }
}

await main();
