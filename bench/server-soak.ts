/**
 * Soak of the server itself: the demo system (embedded databases; in-process store, or Redis with
 * REDIS_URL) with the agencies reporting at 20× the demo's pace (every 150 ms), 50 Socket.IO clients
 * subscribed in a child process, for MINUTES (default 30). Every SAMPLE_S (30 s) it forces a full GC and
 * prints the heap and RSS, and the store updates the run carried meanwhile (the load actually applied).
 * At the end, after the warm-up (WARMUP_MIN, default 5: caches filling up to their bounds), it prints
 * the heap's growth rate in MB/h (least squares), the same fitted over the first and the second half of
 * the steady part separately (a leak keeps its slope; a cache still filling up slows down; noise changes
 * sign), and the change between the medians of the first and last five samples. Results go to
 * bench/results/server-soak-<time>.json; BASELINE=<an earlier such file> prints that run's figures
 * beside this one's.
 *
 * SNAPSHOT_AT=6,12,18 writes heap snapshots at those minutes (after a GC) for bench/heap-diff.ts, which
 * names what grew between them. Writing one stops the process for a minute or more and leaves RSS high,
 * so the RSS slope of such a run means nothing — the heap slope, after a GC, still does.
 *
 *   node --expose-gc --import tsx bench/server-soak.ts          # MINUTES=30 WARMUP_MIN=5 SAMPLE_S=30
 *   SNAPSHOT_AT=6,12,18 MINUTES=19 node --expose-gc --import tsx bench/server-soak.ts
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeHeapSnapshot } from 'node:v8';
import { pino } from 'pino';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import { type Trend, trendOf } from './soak-stats.ts';

const MINUTES = Number(process.env.MINUTES ?? 30);
const WARMUP_MIN = Number(process.env.WARMUP_MIN ?? 5);
const SAMPLE_S = Number(process.env.SAMPLE_S ?? 30);
/** Minutes at which to write a heap snapshot (after a GC), for bench/heap-diff.ts. */
const SNAPSHOT_AT = (process.env.SNAPSHOT_AT ?? '').split(',').filter(Boolean).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/server-soak.ts');
const MB = 2 ** 20;

mkdirSync('bench/results', { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ioc-server-soak-'));
const store = process.env.REDIS_URL ? 'Redis' : 'in-process';
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
// The load actually applied: updates on the store's change feed (every group), and values in them.
let updates = 0;
let values = 0;
const unsubscribe = await system.store.subscribe((u) => {
  updates++;
  values += u.changes.length;
});
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

const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(`server soak: ${MINUTES} min, agencies every 150 ms, 50 clients, ${store} store, load average ${load} at start`);
const started = Date.now();
const samples: { t: number; heap: number; rss: number; updates: number; figures: number }[] = [];
/**
 * Figures the store holds (distinct indicator × area × period, every group): the province's state. It
 * grows while agencies send figures not sent before (late communes, a new month), and every layer keeps
 * each figure (the ingest's model, the store, the realtime cache), so heap that grows with it is state,
 * not a leak.
 */
const figures = async () => {
  let n = 0;
  for (const g of system.config.groups) n += (await system.store.getGroup(g.id)).values.length;
  return n;
};
while (Date.now() - started < MINUTES * 60_000) {
  await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
  const held = await figures();
  // Two full collections: the first may leave garbage that finalizers (WeakRefs, FinalizationRegistry) free.
  gc();
  gc();
  const m = process.memoryUsage();
  const t = Date.now() - started;
  const perMin = ((updates - (samples.at(-1)?.updates ?? 0)) / (t - (samples.at(-1)?.t ?? 0))) * 60_000;
  samples.push({ t, heap: m.heapUsed, rss: m.rss, updates, figures: held });
  console.log(
    `${(t / 60_000).toFixed(1).padStart(5)} min  heap ${(m.heapUsed / MB).toFixed(1)} MB  rss ${(m.rss / MB).toFixed(1)} MB  ` +
      `${Math.round(perMin)} updates/min  ${held} figures`,
  );
  if (SNAPSHOT_AT.length && t >= SNAPSHOT_AT[0]! * 60_000) {
    SNAPSHOT_AT.shift();
    const file = writeHeapSnapshot(`bench/results/server-soak-${(t / 60_000).toFixed(0)}min-${process.pid}.heapsnapshot`);
    console.log(`        heap snapshot ${file}`);
  }
}
const minutes = (Date.now() - started) / 60_000;
const heap = trendOf(
  samples.map((s) => ({ t: s.t, y: s.heap })),
  WARMUP_MIN * 60_000,
);
const rss = trendOf(
  samples.map((s) => ({ t: s.t, y: s.rss })),
  WARMUP_MIN * 60_000,
);
const warm = samples.filter((s) => s.t < WARMUP_MIN * 60_000);
const steadyFrom = samples.find((s) => s.t >= WARMUP_MIN * 60_000);
const result = {
  at: new Date().toISOString(),
  minutes: +minutes.toFixed(1),
  warmupMin: WARMUP_MIN,
  store,
  loadAverageAtStart: Number(load),
  updates,
  values,
  heapMb: { first: samples[0]!.heap / MB, warm: (steadyFrom?.heap ?? 0) / MB, last: samples.at(-1)!.heap / MB },
  heap,
  rss,
  samples: samples.map((s) => ({
    min: +(s.t / 60_000).toFixed(2),
    heapMb: +(s.heap / MB).toFixed(2),
    rssMb: +(s.rss / MB).toFixed(1),
    figures: s.figures,
  })),
};
const f = (x: number) => x.toFixed(1);
const line = (name: string, t: Trend) =>
  `${name} ${f(t.slope)} MB/h (first half ${f(t.firstHalf)}, second half ${f(t.secondHalf)}; ` +
  `median of the first vs last 5 samples ${t.deltaMb >= 0 ? '+' : ''}${t.deltaMb.toFixed(2)} MB = ${f(t.deltaMbPerHour)} MB/h)`;
console.log(
  `\n${f(minutes)} min, ${updates} store updates (${Math.round(updates / minutes)}/min, ${values} values)` +
    `\nwarm-up (${warm.length} samples before ${WARMUP_MIN} min): heap ${f(result.heapMb.first)} → ${f(result.heapMb.warm)} MB` +
    `\nafter the warm-up (${heap.samples} samples, ${f(result.heapMb.warm)} → ${f(result.heapMb.last)} MB):` +
    `\n  ${line('heap', heap)}\n  ${line('rss ', rss)}` +
    `\n  figures held ${steadyFrom?.figures ?? 0} → ${samples.at(-1)!.figures}`,
);
if (process.env.BASELINE) {
  const b = JSON.parse(readFileSync(process.env.BASELINE, 'utf8')) as typeof result;
  console.log(`baseline ${process.env.BASELINE} (${b.minutes} min, ${b.store}):\n  ${line('heap', b.heap)}`);
}
const out = `bench/results/server-soak-${result.at.replace(/[:.]/g, '-')}.json`;
writeFileSync(out, JSON.stringify(result, null, 1));
console.log(`written to ${out}`);
await unsubscribe();
clients.kill();
await system.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
