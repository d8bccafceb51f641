/**
 * End to end, as the wall runs unattended: the whole demo in one process (embedded PGlite), and the kiosk
 * driving two headless Chromium displays of config/walls/phong-dieu-hanh.yaml with their device tokens.
 *  - a crashed renderer (DevTools Page.crash) is replaced and shows data again within 10 s;
 *  - the server goes away: the wall keeps its figures under the "mất kết nối" banner, the kiosk does not
 *    reload it, and it resyncs by itself when the server is back;
 *  - a remote reload and an identify reach the display they are sent to, and only that one;
 *  - the registry shows both displays alive with their page, heartbeat and thumbnail, and staff signed in
 *    on /admin see them;
 *  - the kiosk's `?token=` address is exchanged for the device cookie (a 303 the kiosk follows): the page
 *    keeps no token, and the watchdog did not count the redirect as a failure;
 *  - the kiosk's own "Đang kết nối…" page, shown over a wall page, is not blocked by that page's CSP.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Page } from 'playwright-core';
import { parseEnv } from '../bin/env.ts';
import { startSystem, type System } from '../bin/system.ts';
import { startKiosk, type Kiosk } from '../kiosk/kiosk.ts';
import type { ScreenState } from '../contract/http.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';
import { signIn } from '../testing/pages.ts';
import { eventually } from '../testing/eventually.ts';
import { connectingHtml } from '../kiosk/connecting.ts';

const log = pino({ level: 'silent' });
const PASSWORD = 'e2e-kiosk-mat-khau-2026';
const tmp = mkdtempSync(join(tmpdir(), 'ioc-e2e-kiosk-'));
let system: System;
let kiosk: Kiosk;
let port: number;

const env = (p: number) =>
  parseEnv({
    IOC_DEMO: '1',
    IOC_DEMO_TOKEN: 'e2e-kiosk-demo-token-0123',
    PORT: String(p),
    HOST: '127.0.0.1',
    DATA_DIR: join(tmp, 'data'),
    LOG_LEVEL: 'silent',
    IOC_DEMO_PASSWORD: PASSWORD,
  });
const staff = () => system.config.devices.users.find((u) => u.role === 'staff')!.token;
const screen = (id: string) => kiosk.screens.find((s) => s.o.display.id === id)!;
const ready = (page: Page, timeout = 20_000) => page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout });
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __e2eSamePage: boolean }).__e2eSamePage = true));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __e2eSamePage?: boolean }).__e2eSamePage === true);
const command = (id: string, body: object) =>
  fetch(`http://127.0.0.1:${port}/api/screens/${id}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${staff()}` },
    body: JSON.stringify(body),
  });

before(async () => {
  assert.ok(existsSync('dist/dashboard/index.html'), 'the dashboard is built (npm run build)');
  system = await startSystem(env(0), { log, simulate: false });
  port = system.port!;
  kiosk = await startKiosk({
    config: system.config,
    wall: system.config.walls.find((w) => w.id === 'phong-dieu-hanh')!,
    server: `http://127.0.0.1:${port}`,
    headless: true,
    profileRoot: join(tmp, 'profiles'),
    executablePath: CHROMIUM_PATH,
    log,
    screenshotS: 2,
  });
  for (const s of kiosk.screens)
    await eventually(() => s.page !== null && s.status().phase === 'running', 'every display running', 30_000);
  for (const s of kiosk.screens) await ready(s.page!, 30_000);
});

after(async () => {
  await kiosk?.stop();
  await system?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('the kiosk opened each display through the one-time ?token= exchange: no token kept, no failed load', () => {
  for (const s of kiosk.screens) {
    assert.ok(s.url.includes('?token='), 'the kiosk asks with its device token');
    assert.equal(s.page!.url(), `http://127.0.0.1:${port}/wall/${s.o.display.id}`, 'the 303 dropped it from the address');
    assert.equal(s.status().phase, 'running');
    assert.equal(s.history.filter((h) => h.action === 'navigate').length, 1, 'one navigation: the redirect is no failure');
  }
});

test('the registry shows both displays alive, with page, heartbeat, version and a thumbnail', async () => {
  let list: ScreenState[] = [];
  await eventually(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/screens`, { headers: { authorization: `Bearer ${staff()}` } });
      list = (await res.json()) as ScreenState[];
      return ['man-hinh-1', 'man-hinh-2'].every(
        (id) => list.find((s) => s.id === id)?.alive && list.find((s) => s.id === id)?.thumbnailAt,
      );
    },
    'both displays alive with a thumbnail',
    20_000,
  );
  const d2 = list.find((s) => s.id === 'man-hinh-2')!;
  assert.equal(d2.page, 'tong-quan');
  assert.equal(d2.by, 'kiosk-2');
  assert.match(d2.version ?? '', /\w/);
  const thumb = await fetch(`http://127.0.0.1:${port}/api/screens/man-hinh-2/thumbnail`, {
    headers: { authorization: `Bearer ${staff()}` },
  });
  assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
  assert.ok((await thumb.arrayBuffer()).byteLength > 1000, 'a real, small JPEG');
  assert.equal((await fetch(`http://127.0.0.1:${port}/api/screens`)).status, 401, 'staff only');

  // The staff page lists them, alive, with their screenshot: a person signed in on a browser of their own
  // (never in a display's profile, whose device cookie must stay the only credential there).
  const desk = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const admin = await desk.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await signIn(admin, `http://127.0.0.1:${port}`, 'chuyen-vien', PASSWORD, '/admin');
    await admin.waitForSelector('[data-testid="screen-man-hinh-2"][data-alive="true"] img', { timeout: 15_000 });
    assert.match(await admin.locator('[data-testid="admin-summary"]').innerText(), /^[2-9]\/\d+ màn hình đang hoạt động$/);
    assert.match(await admin.locator('[data-testid="screen-man-hinh-2"]').innerText(), /Tổng quan kinh tế – xã hội/);
    await admin.goto(`http://127.0.0.1:${port}/admin#du-lieu-bi-tu-choi`);
    await admin.waitForSelector('[data-testid="admin-rejected"]');
  } finally {
    await desk.close();
  }
});

test('a crashed renderer is replaced and the display shows data again within 10 s', async () => {
  const s = screen('man-hinh-1');
  const old = s.page!;
  const cdp = await old.context().newCDPSession(old);
  const t0 = Date.now();
  void cdp.send('Page.crash').catch(() => {});
  await eventually(() => s.page !== old, 'a new page after the crash', 10_000);
  await ready(s.page!, 10_000 - (Date.now() - t0));
  const took = Date.now() - t0;
  assert.ok(took < 10_000, `back with data in ${took} ms`);
  assert.equal(s.restarts, 1);
  console.log(`# renderer crash → data on screen again in ${took} ms`);
});

test('server lost: figures stay under the banner, no reload, resync when it returns', async () => {
  const page = screen('man-hinh-2').page!; // pinned page: nothing rotates during the test
  await ready(page);
  const kpi = () => page.locator('[data-testid="panel-0"] [data-testid="kpi-value"]').innerText();
  const shown = await kpi();
  await mark(page);
  const navigationsBefore = screen('man-hinh-2').history.filter((h) => h.action === 'navigate').length;

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await system.close();
  await page.waitForSelector('[data-testid="connection-banner"]', { timeout: 15_000 });
  assert.match(await page.locator('[data-testid="connection-banner"]').innerText(), /Mất kết nối máy chủ/);
  assert.equal(await kpi(), shown, 'the last figures stay');
  // Longer than the stall time would be, were heartbeats tied to the server: the kiosk leaves the page alone.
  await new Promise((r) => setTimeout(r, 3000));

  system = await startSystem(env(port), { log, simulate: false });
  await page.waitForSelector('[data-testid="connection-banner"]', { state: 'detached', timeout: 20_000 });
  await ready(page);
  assert.equal(await kpi(), shown);
  assert.equal(await marked(page), true, 'resynced without a reload');
  assert.equal(
    screen('man-hinh-2').history.filter((h) => h.action === 'navigate').length,
    navigationsBefore,
    'the kiosk did not navigate',
  );
  assert.deepEqual(errors, [], 'no script error on the page');
});

test('a remote reload and an identify reach the display they are sent to, and only that one', async () => {
  const p1 = screen('man-hinh-1').page!;
  const p2 = screen('man-hinh-2').page!;
  // After the restart the pages re-register on their next heartbeat (≤ 5 s).
  await eventually(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/screens`, { headers: { authorization: `Bearer ${staff()}` } });
      const list = (await res.json()) as ScreenState[];
      return list.filter((s) => s.id.startsWith('man-hinh') && s.alive).length === 2;
    },
    'both displays alive',
    15_000,
  );
  await mark(p1);
  await mark(p2);

  assert.equal((await command('man-hinh-1', { type: 'reload' })).status, 202);
  await eventually(async () => !(await marked(p1).catch(() => true)), 'display 1 reloaded', 10_000);
  await ready(p1);
  assert.equal(await marked(p2), true, 'display 2 was not reloaded');

  assert.equal((await command('man-hinh-2', { type: 'identify', durationS: 30 })).status, 202);
  await p2.waitForSelector('[data-testid="identify"]', { timeout: 5000 });
  assert.match(await p2.locator('[data-testid="identify"]').innerText(), /Màn hình 2/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await p1.locator('[data-testid="identify"]').count(), 0, 'display 1 shows no overlay');

  // Hostile or mistaken commands are refused with a code.
  const bad = await command('man-hinh-1', { type: 'format-disk' });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'invalid-payload');
  const asDevice = await fetch(`http://127.0.0.1:${port}/api/screens/man-hinh-1/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${screen('man-hinh-2').o.token}` },
    body: JSON.stringify({ type: 'reload' }),
  });
  assert.equal(asDevice.status, 403, 'a device cannot command screens');
});

test("the kiosk's connecting page over a wall page is styled and counts down (the wall's CSP does not reach it)", async () => {
  const s = screen('man-hinh-1');
  const page = s.page!;
  await ready(page);
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await (s as unknown as { showConnecting(retryInMs: number): Promise<void> }).showConnecting(9000);
  await page.waitForSelector('[data-testid="kiosk-connecting"]');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(5, 8, 13)', 'dark');
  const n0 = Number(await page.locator('#n').innerText());
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(Number(await page.locator('#n').innerText()) < n0, 'its countdown runs');
  assert.deepEqual(refused, []);
  assert.ok(connectingHtml({ name: 'x', server: 'y', retryInS: 1, reason: 'z' }).includes('<style>'), 'it does use inline style');
});
