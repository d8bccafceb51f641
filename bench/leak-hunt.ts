/**
 * Leak hunt for the rotating wall display: runs the demo (agencies at 20× the normal rate), shows
 * display man-hinh-1 with a 5 s dwell, and takes two heap snapshots of the page, after CYCLES_A and
 * CYCLES_B playlist cycles (each after a forced GC, on the same page of the playlist). Prints the
 * object groups whose count grew between the two (by constructor / node description, e.g.
 * "Detached <div class=…>"), so a leak names itself. A tool for finding leaks; the soak
 * (bench/wall-soak.ts) is the measurement.
 *
 *   npm run build && npx tsx bench/leak-hunt.ts            # CYCLES_A=2 CYCLES_B=8
 *   SOAK_STRIP_KINDS=map npx tsx bench/leak-hunt.ts        # the same pages without some panel kinds
 *   DISPLAY_ID=man-hinh-2 MINUTES=5 npx tsx bench/leak-hunt.ts   # a pinned display: snapshots MINUTES apart
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type CDPSession } from 'playwright-core';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';
import { soakConfig } from './soak-config.ts';
import { censusOf, type Census } from './heap-census.ts';

const CYCLES_A = Number(process.env.CYCLES_A ?? 2);
const CYCLES_B = Number(process.env.CYCLES_B ?? 8);
const DWELL_S = 5;
const DISPLAY = process.env.DISPLAY_ID ?? 'man-hinh-1';
/** For a pinned display: minutes between the two snapshots (instead of playlist cycles). */
const MINUTES = Number(process.env.MINUTES ?? 0);
const STRIP = (process.env.SOAK_STRIP_KINDS ?? '').split(',').filter(Boolean);

/** Count and self size per group: native/DOM nodes by their description, JS objects by constructor. */
async function census(cdp: CDPSession): Promise<Census> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return censusOf(chunks.join(''));
}

const { tmp, configDir } = soakConfig(DWELL_S, STRIP);
const system = await startSystem(
  parseEnv({
    IOC_DEMO: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(tmp, 'data'),
    CONFIG_DIR: configDir,
    IOC_DEMO_INTERVAL_MS: '150',
    LOG_LEVEL: 'silent',
  }),
  { log: pino({ level: 'silent' }), simulate: true },
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const token = system.config.devices.devices.find((d) => d.screen === DISPLAY)!.token;
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`http://127.0.0.1:${system.port}/wall/${DISPLAY}?token=${token}`);
  await page.waitForSelector('[data-testid="panel-0"]:not([data-state="loading"])', { timeout: 180_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const title = () => page.evaluate(() => document.querySelector('.wall-title')?.textContent ?? '');
  const first = await title();
  /** Waits until the playlist has come back to the first page `n` more times. */
  const cycles = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await page.waitForFunction((t) => document.querySelector('.wall-title')?.textContent !== t, first, { timeout: 60_000 });
      await page.waitForFunction((t) => document.querySelector('.wall-title')?.textContent === t, first, { timeout: 60_000 });
    }
    await page.waitForTimeout(1500);
  };
  const nodes = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return `nodes ${m.Nodes}, listeners ${m.JSEventListeners}, heap ${(m.JSHeapUsedSize! / 2 ** 20).toFixed(2)} MB`;
  };
  const span = MINUTES ? `${MINUTES} min` : `${CYCLES_B - CYCLES_A} cycles`;
  if (MINUTES) await page.waitForTimeout(60_000);
  else await cycles(CYCLES_A);
  const a = await census(cdp);
  console.log(`first snapshot: ${await nodes()}`);
  if (MINUTES) await page.waitForTimeout(MINUTES * 60_000);
  else await cycles(CYCLES_B - CYCLES_A);
  const b = await census(cdp);
  console.log(`after ${span}: ${await nodes()}`);
  const grown = [...b.entries()]
    .map(([name, g]) => ({ name, dn: g.n - (a.get(name)?.n ?? 0), dBytes: g.bytes - (a.get(name)?.bytes ?? 0), n: g.n }))
    .filter((g) => g.dn > 0 || g.dBytes > 0);
  const total = (c: Map<string, { bytes: number }>) => [...c.values()].reduce((x, g) => x + g.bytes, 0);
  console.log(`\nheap snapshot: ${(total(a) / 2 ** 20).toFixed(2)} MB → ${(total(b) / 2 ** 20).toFixed(2)} MB`);
  const show = (title: string, rows: typeof grown) => {
    console.log(`\n${title} over ${span} (count Δ, bytes Δ, count now):`);
    for (const g of rows)
      console.log(`${String(g.dn).padStart(7)} ${String(g.dBytes).padStart(9)} ${String(g.n).padStart(7)}  ${g.name}`);
  };
  show('grew most in bytes', [...grown].sort((x, y) => y.dBytes - x.dBytes).slice(0, 25));
  show('grew most in count', [...grown].sort((x, y) => y.dn - x.dn).slice(0, 25));
} finally {
  await browser.close();
  await system.close();
  rmSync(tmp, { recursive: true, force: true });
}
