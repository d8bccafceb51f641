/**
 * Map frame budget (performance.md B7, map part): the demo wall screen with the map panel, in headless
 * Chromium (SwiftShader stands in for a GPU, see --gl; the renderer string is printed), in four phases
 * of one run:
 *
 *   A. baseline: the same page and map, no cameras or alert points;
 *   B. 5,000 cameras + 20,000 alert points, no updates;
 *   C. the same with live updates at 1 Hz (20 alerts raised/moved + 50 camera statuses per update);
 *   D. C plus a view change every frame (the map kept interactive while updates arrive).
 *
 * Per phase: frame time (rAF intervals: median, p95, fps) and main-thread lag (a 10 ms timer's delay:
 * p95, max), which is how long a tap or a drag would wait before the page sees it. Per update: the
 * main-thread cost measured synchronously in the page: the React render (alert buffer, layer
 * descriptors) plus deck.gl's layer update (diff, attributes), run right away instead of at the start
 * of the next frame. The heat map's re-aggregation runs in a task of its own every HEAT_REFRESH_MS,
 * never inside an update; it is timed separately. Phase C runs a second time under Chromium's tracing,
 * which gives each update task's main-thread CPU time (its wall time less the time it waited for a core).
 * Ratios are against phase A of the same run. Prints figures; never passes or fails on time.
 *   npx tsx bench/map-frame.ts [--seconds 6] [--update-seconds 20] [--gl gpu|software]
 *     [--layers alerts,cameras] [--gl-calls] [--viewport 1920x1080] [--trace-file t.json]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Page } from 'playwright-core';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? def) : def;
};
const SECONDS = Number(arg('seconds', '6'));
const GL = arg('gl', 'gpu');
/** Phase C (updates at 1 Hz) runs this long, so the update cost has enough samples. */
const UPDATE_SECONDS = Number(arg('update-seconds', '20'));
/** Map layers to draw (default: the screen's own, heat map included). */
const LAYERS = arg('layers', '');
/** Also time the WebGL calls an update makes (wraps every WebGL2 method: a little overhead everywhere). */
const GL_CALLS = process.argv.includes('--gl-calls');
/** Page size: a smaller one takes drawing (on the CPU here) off the two cores the page shares with it. */
const [VIEW_W, VIEW_H] = arg('viewport', '1920x1080').split('x').map(Number) as [number, number];
/**
 * There is no GPU here; SwiftShader (a CPU implementation of Vulkan under ANGLE) stands in for it, in
 * one of two set-ups:
 *  - `gpu` (default): SwiftShader as the GPU process's device, compositing included, as on a wall PC
 *    with a graphics card (only much slower): drawing happens off the page's main thread.
 *  - `software`: the flags of the browser tests (--disable-gpu): software compositing, so Chromium
 *    reads every WebGL frame back to the CPU on the page's main thread ("GPU stall due to ReadPixels"):
 *    each redraw blocks input for as long as it takes to draw, which no wall with a GPU does.
 */
const chromiumArgs =
  GL === 'software'
    ? CHROMIUM_ARGS
    : [
        ...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'),
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ];
const TOKEN = 'demo-map-bench-0123456789';

const dataDir = mkdtempSync(join(tmpdir(), 'ioc-map-bench-'));
const system = await startSystem(
  parseEnv({ IOC_DEMO: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', IOC_DEMO_TOKEN: TOKEN }),
  { log: pino({ level: 'silent' }), staticDir: process.env.STATIC_DIR ?? 'dist/dashboard', simulate: false },
);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs });

interface Phase {
  name: string;
  frames: number;
  medianMs: number;
  p95Ms: number;
  fps: number;
  lagP95Ms: number;
  lagMaxMs: number;
  updates?: {
    n: number;
    syncMedianMs: number;
    syncP95Ms: number;
    syncMaxMs: number;
    reactMedianMs: number;
    glMedianMs: number | null;
    glP95Ms: number | null;
    deckAttrMedianMs: number | null;
  };
}

const pct = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
};
const r2 = (n: number) => Math.round(n * 100) / 100;

/** Runs in the page: rAF loop + lag timer for `ms`, optional 1 Hz updates and per-frame view changes. */
async function phase(page: Page, name: string, opts: { updates: boolean; pan: boolean; seconds?: number }): Promise<Phase> {
  const r = await page.evaluate(
    async ({ ms, updates, pan }) => {
      type W = {
        __iocMapBench: { update(l: unknown[], c: unknown[]): void };
        __iocMap: {
          map: { getCenter(): { lng: number; lat: number }; jumpTo(o: unknown): void };
          overlay: { _deck?: { metrics?: { updateAttributesTime?: number }; layerManager?: { updateLayers(): void } } };
        };
        __benchCams: { id: string; lon: number; lat: number; state: string | null }[];
      };
      const w = window as unknown as W;
      const frames: number[] = [];
      const lags: number[] = [];
      const sync: number[] = [];
      const reactPart: number[] = [];
      const glPart: number[] = [];
      const glMs = () => (window as unknown as { __glMs?: number }).__glMs ?? 0;
      const deckAttr: number[] = [];
      let seq = 0;
      const start = performance.now();
      const end = start + ms;
      const c0 = w.__iocMap.map.getCenter();
      await new Promise<void>((resolve) => {
        let last = performance.now();
        let i = 0;
        const step = (t: number) => {
          frames.push(t - last);
          last = t;
          if (pan) w.__iocMap.map.jumpTo({ center: [c0.lng + 0.05 * Math.sin(i / 20), c0.lat + 0.05 * Math.cos(i / 20)] });
          i++;
          if (t < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
        let expected = performance.now() + 10;
        const lagTimer = () => {
          const now = performance.now();
          lags.push(Math.max(0, now - expected));
          expected = now + 10;
          if (now < end) setTimeout(lagTimer, 10);
        };
        setTimeout(lagTimer, 10);
        if (updates) {
          const tick = () => {
            if (performance.now() >= end) return;
            const items = [];
            for (let k = 0; k < 20; k++) {
              seq++;
              items.push({
                id: `live-${seq % 400}`,
                lon: 108.7 + Math.random() * 0.7,
                lat: 11.4 + Math.random() * 1.4,
                severity: ['low', 'medium', 'high', 'critical'][seq % 4],
                at: Date.now(),
              });
            }
            const cams = w.__benchCams;
            for (let k = 0; k < 50; k++)
              cams[Math.floor(Math.random() * cams.length)]!.state = Math.random() < 0.5 ? 'offline' : 'online';
            // One update's main-thread cost: the React render (buffer, layer descriptors, setProps) and
            // deck.gl's layer update (diff, attribute and heat map updates), which deck would otherwise
            // run at the start of the next frame; drawing is per frame whether or not data changed.
            console.timeStamp('ioc-map-update');
            const g0 = glMs();
            const t0 = performance.now();
            w.__iocMapBench.update(items, cams);
            const t1 = performance.now();
            w.__iocMap.overlay._deck?.layerManager?.updateLayers();
            const t2 = performance.now();
            sync.push(t2 - t0);
            reactPart.push(t1 - t0);
            glPart.push(glMs() - g0);
            requestAnimationFrame(() =>
              setTimeout(() => {
                const m = w.__iocMap.overlay._deck?.metrics?.updateAttributesTime;
                if (typeof m === 'number') deckAttr.push(m);
              }, 0),
            );
            setTimeout(tick, 1000);
          };
          setTimeout(tick, 200);
        }
      });
      return { frames: frames.slice(1), lags, sync, reactPart, glPart, deckAttr };
    },
    { ms: (opts.seconds ?? SECONDS) * 1000, updates: opts.updates, pan: opts.pan },
  );
  const median = pct(r.frames, 0.5);
  const mean = r.frames.reduce((a, b) => a + b, 0) / Math.max(1, r.frames.length);
  return {
    name,
    frames: r.frames.length,
    medianMs: r2(median),
    p95Ms: r2(pct(r.frames, 0.95)),
    fps: r2(1000 / mean),
    lagP95Ms: r2(pct(r.lags, 0.95)),
    lagMaxMs: r2(Math.max(...r.lags)),
    ...(opts.updates
      ? {
          updates: {
            n: r.sync.length,
            syncMedianMs: r2(pct(r.sync, 0.5)),
            syncP95Ms: r2(pct(r.sync, 0.95)),
            syncMaxMs: r2(Math.max(...r.sync)),
            reactMedianMs: r2(pct(r.reactPart, 0.5)),
            glMedianMs: GL_CALLS ? r2(pct(r.glPart, 0.5)) : null,
            glP95Ms: GL_CALLS ? r2(pct(r.glPart, 0.95)) : null,
            deckAttrMedianMs: r.deckAttr.length ? r2(pct(r.deckAttr, 0.5)) : null,
          },
        }
      : {}),
  };
}

try {
  const page = await browser.newPage({ viewport: { width: VIEW_W, height: VIEW_H } });
  // tsx keeps function names with a helper the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  if (GL_CALLS)
    await page.addInitScript({
      content: `window.__glMs = 0;
        const proto = WebGL2RenderingContext.prototype;
        for (const k of Object.getOwnPropertyNames(proto)) {
          const d = Object.getOwnPropertyDescriptor(proto, k);
          if (!d || typeof d.value !== 'function' || k === 'constructor') continue;
          const f = d.value;
          proto[k] = function (...a) { const t = performance.now(); try { return f.apply(this, a); } finally { window.__glMs += performance.now() - t; } };
        }`,
    });
  const device = system.config.devices.devices.find((d) => d.screen === 'kinh-te-xa-hoi');
  await page.goto(
    `http://127.0.0.1:${system.port}/wall/kinh-te-xa-hoi?token=${device?.token ?? TOKEN}&mapbench=1${LAYERS ? `&maplayers=${LAYERS}` : ''}`,
  );
  await page.waitForSelector('[data-testid="map-panel"]', { timeout: 60_000 });
  await page.waitForFunction(
    () =>
      !!(window as unknown as { __iocMapBench?: unknown; __iocMap?: unknown }).__iocMapBench &&
      !!(window as unknown as { __iocMap?: unknown }).__iocMap,
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(3000);
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
  });

  const A = await phase(page, 'A baseline (map, no points)', { updates: false, pan: false });
  const loadMs = await page.evaluate(() => {
    type W = { __iocMapBench: { push(l: unknown[]): void; setCameras(l: unknown[]): void }; __benchCams: unknown[] };
    const w = window as unknown as W;
    const cams = [];
    for (let i = 0; i < 5000; i++)
      cams.push({
        id: `cam-${i}`,
        name: `Camera ${i}`,
        lon: 108.6 + Math.random() * 0.85,
        lat: 11.35 + Math.random() * 1.5,
        state: Math.random() < 0.9 ? 'online' : 'offline',
      });
    w.__benchCams = cams;
    const alerts = [];
    const sev = ['info', 'low', 'medium', 'high', 'critical'];
    for (let i = 0; i < 20000; i++)
      alerts.push({
        id: `a-${i}`,
        lon: 108.6 + Math.random() * 0.85,
        lat: 11.35 + Math.random() * 1.5,
        severity: sev[i % 5],
        at: Date.now(),
      });
    const t0 = performance.now();
    w.__iocMapBench.setCameras(cams);
    w.__iocMapBench.push(alerts);
    return performance.now() - t0;
  });
  await page.waitForTimeout(2000);
  const B = await phase(page, 'B 5k cameras + 20k alerts, idle', { updates: false, pan: false });
  const C = await phase(page, 'C + updates at 1 Hz', { updates: true, pan: false, seconds: UPDATE_SECONDS });
  // C again under Chromium's tracing, for each update task's thread CPU time besides its wall time: the
  // page shares two cores with SwiftShader drawing the map, so an update's wall time includes time the
  // main thread waited for a core; its CPU time is what the update itself costs (tracing adds a little).
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await phase(page, 'C traced', { updates: true, pan: false, seconds: UPDATE_SECONDS });
  type TraceEvent = {
    name: string;
    ph: string;
    ts: number;
    dur?: number;
    tdur?: number;
    tid: number;
    args?: { data?: { message?: string } };
  };
  const traceBuffer = await browser.stopTracing();
  // --trace-file: keep the trace for chrome://tracing or Perfetto (long tasks, what they were).
  if (arg('trace-file', '')) writeFileSync(arg('trace-file', ''), traceBuffer);
  const trace = JSON.parse(traceBuffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  // The update task: the FunctionCall (a timer's callback) around each 'ioc-map-update' time stamp.
  const stamps = trace.traceEvents.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'ioc-map-update');
  const calls = trace.traceEvents.filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && typeof e.tdur === 'number');
  const ticks = stamps
    .map((st) => calls.find((c) => c.tid === st.tid && c.ts <= st.ts && st.ts <= c.ts + (c.dur ?? 0)))
    .filter((c): c is TraceEvent => !!c);
  const tickCpuMs = ticks.map((e) => e.tdur! / 1000);
  const tickWallMs = ticks.map((e) => (e.dur ?? 0) / 1000);
  // The heat map's refresh is its own task every HEAT_REFRESH_MS (never inside a live update): timed
  // here the same way, five times a second apart.
  const heatMs = await page.evaluate(async () => {
    type W = {
      __iocMapBench: { refreshHeat(): void };
      __iocMap: { overlay: { _deck?: { layerManager?: { updateLayers(): void } } } };
    };
    const w = window as unknown as W;
    const out: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      w.__iocMapBench.refreshHeat();
      w.__iocMap.overlay._deck?.layerManager?.updateLayers();
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 1000));
    }
    return out;
  });
  const P0 = await phase(page, 'D0 view change every frame, no updates', { updates: false, pan: true });
  const D = await phase(page, 'D view change every frame + updates', { updates: true, pan: true });
  const phases = [A, B, C, P0, D];

  console.log(
    `WebGL renderer: ${renderer} (--gl ${GL}: ${GL === 'software' ? 'software compositing, as in the browser tests' : 'SwiftShader as the GPU process device'}; ${VIEW_W}×${VIEW_H}; layers: ${LAYERS || 'screen config'})`,
  );
  console.log(`initial load of 5,000 cameras + 20,000 alert points: ${r2(loadMs)} ms main thread`);
  console.log('phase                                       frames  median ms  p95 ms    fps  ratio fps/A  lag p95  lag max');
  for (const p of phases)
    console.log(
      `${p.name.padEnd(44)}${String(p.frames).padStart(6)}${String(p.medianMs).padStart(11)}${String(p.p95Ms).padStart(8)}${String(p.fps).padStart(7)}${String(r2(p.fps / A.fps)).padStart(13)}${String(p.lagP95Ms).padStart(9)}${String(p.lagMaxMs).padStart(9)}`,
    );
  for (const p of [C, D])
    if (p.updates)
      console.log(
        `${p.name}: ${p.updates.n} updates, main-thread cost per update (React render + deck.gl layer update) median ${p.updates.syncMedianMs} ms, p95 ${p.updates.syncP95Ms} ms, max ${p.updates.syncMaxMs} ms (target < 4 ms); of which React median ${p.updates.reactMedianMs} ms${p.updates.glMedianMs === null ? '' : `; inside WebGL calls median ${p.updates.glMedianMs} ms, p95 ${p.updates.glP95Ms} ms`}`,
      );
  if (tickCpuMs.length)
    console.log(
      `C again under tracing, ${tickCpuMs.length} update tasks: main-thread CPU time median ${r2(pct(tickCpuMs, 0.5))} ms, p95 ${r2(pct(tickCpuMs, 0.95))} ms, max ${r2(Math.max(...tickCpuMs))} ms; wall time median ${r2(pct(tickWallMs, 0.5))} ms, p95 ${r2(pct(tickWallMs, 0.95))} ms`,
    );
  console.log(
    `heat map refresh (its own task every 10 s, not part of an update): median ${r2(pct(heatMs, 0.5))} ms, max ${r2(Math.max(...heatMs))} ms`,
  );
  console.log(`fps with updates / without (C/B): ${r2(C.fps / B.fps)}; while panning (D/D0): ${r2(D.fps / P0.fps)}`);
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/map-frame-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        renderer,
        flags: GL,
        layers: LAYERS || 'screen config',
        seconds: SECONDS,
        loadMs,
        heatMs,
        tickCpuMs,
        tickWallMs,
        phases,
      },
      null,
      2,
    ),
  );
  console.log(`written ${file}`);
} finally {
  await browser.close();
  await system.close();
  rmSync(dataDir, { recursive: true, force: true });
}
