/**
 * Soak of the server itself: the demo system (embedded databases; in-process store, or Redis with
 * REDIS_URL) with the agencies reporting at 20× the demo's pace (every 150 ms), 50 Socket.IO clients
 * subscribed in a child process, for MINUTES (default 30). Samples the heap and RSS every 30 s after a
 * forced GC and prints the growth rate over the run after the warm-up (MB/h, least squares). With
 * SNAPSHOTS=1 it also writes a heap snapshot at the end of the warm-up and one at the end, to compare in
 * Chromium's DevTools (Memory → Comparison); the server's heap is too big to parse in the process itself
 * (its snapshot is longer than V8's longest string), and writing one leaves RSS high, so the RSS slope of
 * such a run means nothing — the heap slope, after a GC, still does.
 *
 *   node --expose-gc --import tsx bench/server-soak.ts          # MINUTES=30 WARMUP_MIN=5
 *   SNAPSHOTS=1 node --expose-gc --import tsx bench/server-soak.ts
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeHeapSnapshot } from 'node:v8';
import { pino } from 'pino';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';

const MINUTES = Number(process.env.MINUTES ?? 30);
const WARMUP_MIN = Number(process.env.WARMUP_MIN ?? 5);
const SAMPLE_S = 30;
const SNAPSHOTS = process.env.SNAPSHOTS === '1';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/server-soak.ts');

/** Least-squares slope of y over x (bytes per ms → MB/h). */
function slopeMbPerHour(points: { t: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.t - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.t - mx) ** 2, 0);
  return den ? ((num / den) * 3_600_000) / 2 ** 20 : 0;
}

mkdirSync('bench/results', { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ioc-server-soak-'));
const system = await startSystem(
  parseEnv({
    IOC_DEMO: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    IOC_DEMO_INTERVAL_MS: '150',
    LOG_LEVEL: 'silent',
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `ioc-soak-${process.pid}:` } : {}),
  }),
  { log: pino({ level: 'silent' }), staticDir: 'dist/dashboard', simulate: true },
);
const clients = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-clients.ts'], {
  env: {
    ...process.env,
    MODE: 'ioc',
    FANOUT_URL: `http://127.0.0.1:${system.port}`,
    FANOUT_SOCKETS: '50',
    FANOUT_TOKEN: system.config.devices.users.find((u) => u.role === 'staff')!.token!,
    FANOUT_GROUP: 'public_admin',
  },
  stdio: ['pipe', 'pipe', 'inherit'],
});
await createInterface({ input: clients.stdout })[Symbol.asyncIterator]().next();

console.log(
  `server soak: ${MINUTES} min, agencies every 150 ms, 50 clients, ${process.env.REDIS_URL ? 'Redis' : 'in-process'} store`,
);
const started = Date.now();
const samples: { t: number; heap: number; rss: number }[] = [];
let warmedAt = 0;
const snapshots: string[] = [];
while (Date.now() - started < MINUTES * 60_000) {
  await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
  gc();
  const m = process.memoryUsage();
  const t = Date.now() - started;
  samples.push({ t, heap: m.heapUsed, rss: m.rss });
  console.log(
    `${(t / 60_000).toFixed(1).padStart(5)} min  heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MB  rss ${(m.rss / 2 ** 20).toFixed(1)} MB`,
  );
  if (SNAPSHOTS && !snapshots.length && t >= WARMUP_MIN * 60_000) {
    snapshots.push(writeHeapSnapshot(`bench/results/server-soak-warm-${Date.now()}.heapsnapshot`));
    warmedAt = Date.now() - started;
  }
}
const after = samples.filter((s) => s.t >= Math.max(WARMUP_MIN * 60_000, warmedAt));
console.log(
  `\nafter the ${WARMUP_MIN} min warm-up: heap ${slopeMbPerHour(after.map((s) => ({ t: s.t, y: s.heap }))).toFixed(1)} MB/h, ` +
    `rss ${slopeMbPerHour(after.map((s) => ({ t: s.t, y: s.rss }))).toFixed(1)} MB/h`,
);
if (SNAPSHOTS) {
  gc();
  snapshots.push(writeHeapSnapshot(`bench/results/server-soak-end-${Date.now()}.heapsnapshot`));
  console.log(`heap snapshots to compare in DevTools: ${snapshots.join(', ')}`);
}
clients.kill();
await system.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
