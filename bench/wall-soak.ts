/**
 * Soak: the wall in headless Chromium for a long run at 20× the demo's update rate, recording the page's
 * JS heap (after a forced GC), DOM node count and event-listener count over time, plus the server's heap.
 * Starts the demo in-process (embedded PGlite in a temp folder, agencies reporting every 150 ms instead
 * of 3 s), with the demo wall's config copied and its playlist dwell shortened to 15 s so page switches
 * (a classic leak source) happen ~120 times in 30 minutes. Two displays: man-hinh-1 (rotating playlist)
 * and man-hinh-2 (pinned page). Samples every SAMPLE_S seconds through the DevTools protocol.
 *
 *   npm run build && npm run bench:wall-soak            # SOAK_MINUTES=30 by default
 *   SOAK_MINUTES=5 npm run bench:wall-soak              # quick look
 *   SOAK_STRIP_KINDS=map npm run bench:wall-soak        # the same pages without some panel kinds (to bisect a leak)
 *
 * Writes bench/results/wall-soak-<time>.json and prints a summary: heap slope after warm-up (MB/h),
 * heap growth (%), node and listener ranges. Figures, never pass/fail.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';
import { soakConfig } from './soak-config.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SAMPLE_S = Number(process.env.SAMPLE_S ?? 30);
const WARMUP_MIN = Number(process.env.WARMUP_MINUTES ?? Math.min(10, MINUTES / 3));
const INTERVAL_MS = 150; // 20 × the demo's 3000 ms
const DWELL_S = 15;
const STRIP = (process.env.SOAK_STRIP_KINDS ?? '').split(',').filter(Boolean);

interface Sample {
  t: number; // seconds since start
  pages: Record<string, { heapMb: number; nodes: number; listeners: number; documents: number; page: string | null }>;
  server: { heapMb: number; rssMb: number };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Least-squares slope (y per x). */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const BARS = '▁▂▃▄▅▆▇█';
function spark(ys: number[]): string {
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  return ys.map((y) => BARS[hi === lo ? 0 : Math.round(((y - lo) / (hi - lo)) * 7)]).join('');
}

async function main(): Promise<void> {
  const { tmp, configDir } = soakConfig(DWELL_S, STRIP);
  const system = await startSystem(
    parseEnv({
      IOC_DEMO: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(tmp, 'data'),
      CONFIG_DIR: configDir,
      IOC_DEMO_INTERVAL_MS: String(INTERVAL_MS),
      LOG_LEVEL: 'silent',
    }),
    { log: pino({ level: 'silent' }), simulate: true },
  );
  const base = `http://127.0.0.1:${system.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  const displays = ['man-hinh-1', 'man-hinh-2'];
  const pages: { id: string; page: Page; cdp: CDPSession }[] = [];
  for (const id of displays) {
    const token = system.config.devices.devices.find((d) => d.screen === id)!.token;
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/wall/${id}?token=${token}`);
    await page
      .waitForSelector('[data-testid="panel-0"]:not([data-state="loading"])', { timeout: 180_000 })
      .catch(async (err: unknown) => {
        console.error(
          `${id} did not show data:`,
          (
            await page
              .locator('body')
              .innerText()
              .catch(() => '')
          ).slice(0, 400),
        );
        throw err;
      });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    pages.push({ id, page, cdp });
  }
  const renderer = await pages[0]!.page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return ext && gl ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'no webgl';
  });
  console.log(
    `soak: ${MINUTES} min, sample every ${SAMPLE_S} s, updates every ${INTERVAL_MS} ms, dwell ${DWELL_S} s; renderer ${renderer}`,
  );

  const samples: Sample[] = [];
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  let reloads = 0;
  for (const p of pages) p.page.on('load', () => reloads++);
  while (true) {
    const s: Sample = { t: Math.round((Date.now() - started) / 1000), pages: {}, server: { heapMb: 0, rssMb: 0 } };
    for (const p of pages) {
      const m = await metrics(p.cdp);
      const shown = await p.page.evaluate(() => document.querySelector('.wall-title')?.textContent ?? null).catch(() => null);
      s.pages[p.id] = {
        heapMb: +(m.JSHeapUsedSize! / 2 ** 20).toFixed(2),
        nodes: m.Nodes!,
        listeners: m.JSEventListeners!,
        documents: m.Documents!,
        page: shown,
      };
    }
    const mem = process.memoryUsage();
    s.server = { heapMb: +(mem.heapUsed / 2 ** 20).toFixed(1), rssMb: +(mem.rss / 2 ** 20).toFixed(1) };
    samples.push(s);
    const line = pages
      .map((p) => `${p.id} heap ${s.pages[p.id]!.heapMb} MB nodes ${s.pages[p.id]!.nodes} listeners ${s.pages[p.id]!.listeners}`)
      .join(' | ');
    console.log(`t=${String(s.t).padStart(5)}s ${line} | server heap ${s.server.heapMb} MB`);
    if (Date.now() >= end) break;
    await new Promise((r) => setTimeout(r, Math.min(SAMPLE_S * 1000, end - Date.now())));
  }

  const after = samples.filter((s) => s.t >= WARMUP_MIN * 60);
  const summary: Record<string, unknown> = {};
  for (const p of pages) {
    const xs = after.map((s) => s.t / 3600);
    const heap = after.map((s) => s.pages[p.id]!.heapMb);
    const nodes = after.map((s) => s.pages[p.id]!.nodes);
    const listeners = after.map((s) => s.pages[p.id]!.listeners);
    const first = heap.slice(0, 3).reduce((a, b) => a + b, 0) / Math.min(3, heap.length);
    const last = heap.slice(-3).reduce((a, b) => a + b, 0) / Math.min(3, heap.length);
    summary[p.id] = {
      heapSlopeMbPerHour: +slope(xs, heap).toFixed(2),
      heapGrowthPct: +(((last - first) / first) * 100).toFixed(1),
      heapMb: { min: Math.min(...heap), max: Math.max(...heap) },
      nodes: { min: Math.min(...nodes), max: Math.max(...nodes), slopePerHour: +slope(xs, nodes).toFixed(1) },
      listeners: { min: Math.min(...listeners), max: Math.max(...listeners), slopePerHour: +slope(xs, listeners).toFixed(1) },
      spark: {
        heap: spark(samples.map((s) => s.pages[p.id]!.heapMb)),
        nodes: spark(samples.map((s) => s.pages[p.id]!.nodes)),
        listeners: spark(samples.map((s) => s.pages[p.id]!.listeners)),
      },
    };
  }
  const serverHeap = after.map((s) => s.server.heapMb);
  summary.server = {
    heapSlopeMbPerHour: +slope(
      after.map((s) => s.t / 3600),
      serverHeap,
    ).toFixed(2),
    heapMb: { min: Math.min(...serverHeap), max: Math.max(...serverHeap) },
  };
  summary.pageLoads = reloads;
  const result = {
    bench: 'wall-soak',
    at: new Date().toISOString(),
    stripped: STRIP,
    minutes: MINUTES,
    sampleS: SAMPLE_S,
    warmupMin: WARMUP_MIN,
    updateIntervalMs: INTERVAL_MS,
    dwellS: DWELL_S,
    renderer,
    chromium: browser.version(),
    summary,
    samples,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/wall-soak${STRIP.length ? `-without-${STRIP.join('-')}` : ''}-${result.at.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(result, null, 1));
  console.log(`\nsummary (after ${WARMUP_MIN} min warm-up):\n${JSON.stringify(summary, null, 2)}\nwritten to ${file}`);
  await browser.close();
  await system.close();
  rmSync(tmp, { recursive: true, force: true });
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
