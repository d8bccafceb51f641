/**
 * Benchmark: wall cold load in headless Chromium, and the JavaScript each page ships.
 * Starts the demo in-process (embedded PGlite in a temp folder, in-process store, no simulator), then for
 * each run opens a fresh browser context (empty cache) and measures:
 *   - baseline: navigation to a tiny JSON endpoint of the same server (the network + browser floor);
 *   - the wall: navigation start → every panel shows data (no panel in `loading`).
 * JavaScript shipped = the .js files the browser actually fetched for the page, gzip-compressed here.
 *
 *   npm run build && npm run bench:wall-load        # RUNS=5 by default
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const TOKEN = 'bench-demo-token-0123456789';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function jsShipped(
  browser: Browser,
  url: string,
  ready: string,
): Promise<{ files: string[]; gzipBytes: number; rawBytes: number }> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await ctx.newPage();
  const files = new Set<string>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js')) files.add(u.pathname);
  });
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 30_000 });
  await page.waitForTimeout(1000); // lazy chunks requested after first render
  await ctx.close();
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const body = readFileSync(join('dist/dashboard', f));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: [...files].sort(), gzipBytes, rawBytes };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-'));
  const system = await startSystem(
    parseEnv({ IOC_DEMO: '1', IOC_DEMO_TOKEN: TOKEN, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    { log: pino({ level: 'silent' }), simulate: false },
  );
  const base = `http://127.0.0.1:${system.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const baseline: number[] = [];
    const wall: number[] = [];
    const screen = system.config.screens[0]!.id;
    for (let i = 0; i < RUNS + 1; i++) {
      // Interleaved A B A B; the first pair warms the server and the OS file cache and is discarded.
      const ctxA = await browser.newContext();
      const a = await ctxA.newPage();
      let t = performance.now();
      await a.goto(`${base}/healthz`, { waitUntil: 'load' });
      const ta = performance.now() - t;
      await ctxA.close();

      const ctxB = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const b = await ctxB.newPage();
      t = performance.now();
      await b.goto(`${base}/wall/${screen}?token=${TOKEN}`);
      await b.waitForFunction(
        () => {
          const panels = [...document.querySelectorAll<HTMLElement>('[data-testid^="panel-"]')];
          return panels.length > 0 && panels.every((p) => p.dataset.state !== 'loading');
        },
        null,
        { timeout: 30_000, polling: 'raf' },
      );
      const tb = performance.now() - t;
      await ctxB.close();
      if (i > 0) {
        baseline.push(ta);
        wall.push(tb);
      }
    }
    // Every wall screen: a screen loads the code of its own panel kinds only (the map, ECharts).
    const screenJs: [string, Awaited<ReturnType<typeof jsShipped>>][] = [];
    for (const s of system.config.screens)
      screenJs.push([
        `/wall/${s.id}`,
        await jsShipped(browser, `${base}/wall/${s.id}?token=${TOKEN}`, '[data-testid="panel-0"]:not([data-state="loading"])'),
      ]);
    const wallJs = screenJs[0]![1];
    const tabletJs = await jsShipped(browser, `${base}/tablet?token=${TOKEN}`, 'main, body');
    const adminJs = await jsShipped(browser, `${base}/admin?token=${TOKEN}`, 'main, body');

    console.log(`\nwall cold load, headless Chromium ${browser.version()}, 1920×1080, ${RUNS} runs, fresh cache each (ms)`);
    console.log(
      `  baseline: navigation to /healthz       median ${median(baseline).toFixed(0).padStart(5)}   runs ${baseline.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  wall /wall/${screen}: every panel shows data   median ${median(wall).toFixed(0).padStart(5)}   runs ${wall.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(`\nJavaScript fetched per page (gzip -9 / raw, KiB)`);
    for (const [name, r] of [...screenJs, ['/tablet', tabletJs], ['/admin', adminJs]] as const)
      console.log(
        `  ${name.padEnd(26)} ${(r.gzipBytes / 1024).toFixed(1).padStart(7)} / ${(r.rawBytes / 1024).toFixed(1).padStart(7)}   ${r.files.map((f) => f.replace('/assets/', '')).join(' ')}`,
      );
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/wall-load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(
      file,
      JSON.stringify(
        {
          chromium: browser.version(),
          runs: RUNS,
          baselineMs: baseline,
          wallMs: wall,
          wallJs,
          screenJs: Object.fromEntries(screenJs),
          tabletJs,
          adminJs,
        },
        null,
        2,
      ),
    );
    console.log(`\nresults: ${file}`);
  } finally {
    await browser.close();
    await system.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
