/**
 * Benchmark: presenter navigate → every wall display and FOLLOWERS follower tablets see the view.
 *
 * Starts the demo in-process (embedded PGlite, in-process store, no simulator), opens the wall displays
 * (man-hinh-1, man-hinh-2) and TABLETS follower tablets (/tablet, signed in as staff, joined with ?m=)
 * in headless Chromium, connects FOLLOWERS more follower sockets (socket.io-client in Node: 50 Chromium
 * tablets rendering every view do not fit 2 cores next to the server, so the rest of the 50 are sockets)
 * and one presenter socket, then makes NAVS navigations and measures, per navigation:
 *   - followers: emit → the last of the followers received `meeting:state` with that version;
 *   - displays: emit → the last display's band shows the new view's title (React render in Chromium);
 *   - tablets: emit → the last Chromium tablet shows the view's group and period (its breadcrumb and
 *     period picker drawn);
 *   - baseline: the same number of sockets on a bare Socket.IO server in this process, one emit →
 *     the last one received it (the broadcast floor of this machine).
 * Prints p50/p99 of each. The target is p99 ≤ 300 ms end to end (displays).
 *
 *   npm run build && npm run bench:meeting        # TABLETS=10 FOLLOWERS=40 NAVS=100 by default
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Page } from 'playwright-core';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import type { Ack } from '../contract/messages.ts';
import type { MeetingState, View } from '../contract/meetings.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';
import { sessionCookie } from '../testing/pages.ts';

const TABLETS = Number(process.env.TABLETS ?? 10);
const FOLLOWERS = Number(process.env.FOLLOWERS ?? 40);
const PASSWORD = 'bench-meeting-mat-khau';
const NAVS = Number(process.env.NAVS ?? 100);
const TOKEN = 'bench-meeting-token-0123456789';
const DISPLAYS = ['man-hinh-1', 'man-hinh-2'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const line = (name: string, xs: number[]) =>
  console.log(
    `${name.padEnd(38)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms   p99 ${pct(xs, 99).toFixed(1).padStart(7)} ms   (n=${xs.length})`,
  );

function open(url: string, opts: Parameters<typeof connect>[1]): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

async function baseline(n: number, rounds: number): Promise<number[]> {
  const http = createServer();
  const io = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as { port: number }).port;
  const clients = await Promise.all(Array.from({ length: n }, () => open(`http://127.0.0.1:${port}`, {})));
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      let left = n;
      for (const c of clients)
        c.once('tick', () => {
          if (--left === 0) resolve();
        });
      io.emit('tick', { i, view: { group: 'budget' } });
    });
    out.push(performance.now() - t0);
  }
  for (const c of clients) c.close();
  io.close();
  return out;
}

/** Records every change of `text` (a page expression) with the wall-clock time it was drawn. */
async function watch(page: Page, text: string): Promise<void> {
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  await page.evaluate(`(() => {
    window.__seen = [];
    const note = () => window.__seen.push({ text: ${text}, at: Date.now() });
    new MutationObserver(note).observe(document.body, { subtree: true, characterData: true, childList: true });
  })()`);
}

/** When the page drew a band title naming `name` and ending in `month`, after `since` (the time is the page's own). */
async function drawnAt(page: Page, since: number, name: string, month: string): Promise<number> {
  // `__seen` is filled by watch() below.
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    // Read from Node (a string evaluated over CDP): the page's CSP forbids eval, so no waitForFunction string.
    const seen = (await page.evaluate('window.__seen')) as { text: string; at: number }[];
    const hit = seen.find((s) => s.at >= since && s.text.startsWith(name) && s.text.endsWith(month));
    if (hit) return hit.at;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`no "${name} … ${month}" on the display within 10 s`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-meeting-'));
const system = await startSystem(
  parseEnv({
    IOC_DEMO: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    IOC_DEMO_TOKEN: TOKEN,
    IOC_DEMO_PASSWORD: PASSWORD,
  }),
  { log: pino({ level: 'silent' }), staticDir: 'dist/dashboard', simulate: false },
);
const base = `http://127.0.0.1:${system.port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const leader = system.config.devices.users.find((u) => u.role === 'leader')!.token;
  const staff = system.config.devices.users.find((u) => u.role === 'staff')!.token;
  const presenter = await open(base, { auth: { token: leader } });
  const started = (await presenter.emitWithAck('meeting:start', { title: 'Bench', displays: DISPLAYS })) as Ack<MeetingState>;
  if (!started.ok) throw new Error(started.error.message);
  const id = started.data.id;

  const pages: Page[] = [];
  for (const d of DISPLAYS) {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.goto(`${base}/wall/${d}?token=${TOKEN}`);
    await page.waitForSelector('[data-testid="meeting-view"]', { timeout: 60_000 });
    await watch(page, `document.querySelector('[data-testid="meeting-view"]')?.textContent ?? ''`);
    pages.push(page);
  }
  const cookie = (await sessionCookie(base, 'chuyen-vien', PASSWORD)).split('=');
  const tablets: Page[] = [];
  for (let i = 0; i < TABLETS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    await ctx.addCookies([{ name: cookie[0]!, value: cookie.slice(1).join('='), url: base }]);
    const page = await ctx.newPage();
    await page.goto(`${base}/tablet?m=${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid="meeting-band"][data-mode="following"]', { timeout: 60_000 });
    // What a member reads: the group in the breadcrumb … the period picked.
    await watch(
      page,
      `(document.querySelector('[data-testid="crumb-group"]')?.textContent ?? '') + ' … ' + (document.querySelector('[data-testid="period-label"]')?.textContent ?? '')`,
    );
    tablets.push(page);
  }

  const followers = await Promise.all(Array.from({ length: FOLLOWERS }, () => open(base, { auth: { token: staff } })));
  for (const f of followers) await f.emitWithAck('meeting:join', { id });

  // Views that change the title every time: groups × areas × periods.
  const groups = system.config.groups.slice(0, 10).map((g) => g.id);
  const communes = system.config.province.communes.slice(0, 5).map((c) => c.code);
  const views: View[] = Array.from({ length: NAVS }, (_, i) => ({
    group: groups[i % groups.length]!,
    ...(i % 3 === 1 ? { area: communes[i % communes.length]! } : {}),
    period: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
  }));
  const groupNames = new Map(system.config.groups.map((g) => [g.id, g.name]));

  const followerMs: number[] = [];
  const displayMs: number[] = [];
  const tabletMs: number[] = [];
  for (const [i, view] of views.entries()) {
    const t0 = Date.now();
    const tp = performance.now();
    const reached = Promise.all(
      followers.map(
        (f) =>
          new Promise<void>((resolve) => {
            const on = (s: MeetingState) => {
              if (s.view?.group === view.group && s.view.period === view.period) {
                f.off('meeting:state', on);
                resolve();
              }
            };
            f.on('meeting:state', on);
          }),
      ),
    ).then(() => followerMs.push(performance.now() - tp));
    const ack = (await presenter.emitWithAck('meeting:navigate', { id, view })) as Ack<MeetingState>;
    if (!ack.ok) throw new Error(ack.error.message);
    await reached;
    // Displays: the title names the group and the period (Tháng m/2026).
    const month = `Tháng ${(i % 12) + 1}/2026`;
    const name = groupNames.get(view.group)!;
    const seenAt = await Promise.all(pages.map((p) => drawnAt(p, t0, name, month)));
    displayMs.push(Math.max(...seenAt) - t0);
    if (tablets.length) {
      const tabletAt = await Promise.all(tablets.map((p) => drawnAt(p, t0, name, month)));
      tabletMs.push(Math.max(...tabletAt) - t0);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const bare = await baseline(FOLLOWERS + TABLETS + DISPLAYS.length, NAVS);

  console.log(
    `meeting fan-out: ${NAVS} navigations, ${DISPLAYS.length} displays and ${TABLETS} tablets (Chromium), ${FOLLOWERS} followers (Node sockets)`,
  );
  line('bare Socket.IO broadcast (baseline)', bare);
  line('navigate → all follower sockets', followerMs);
  line('navigate → all displays drawn', displayMs);
  if (tabletMs.length) line('navigate → all Chromium tablets drawn', tabletMs);
  for (const f of followers) f.close();
  presenter.close();
} finally {
  await browser.close();
  await system.close();
  rmSync(dataDir, { recursive: true, force: true });
}
