/**
 * A wall screen's credential end to end, in Debian's Chromium against the demo in one process (PGlite in a
 * temp DATA_DIR):
 *  - a fresh browser profile opens /wall/an-ninh-trat-tu with no credential and shows a pairing code;
 *    staff enrol it through the API (their session cookie) and the page becomes the wall, holding an
 *    HttpOnly device cookie that survives a reload; revoking the device brings the pairing page back
 *    within a second or two, with a new code;
 *  - a kiosk-style address `/wall/<screen>?token=<device token>` is exchanged for the cookie: the page
 *    never sees the token, and nothing it asks for carries one.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { type Browser } from 'playwright-core';
import type { System } from '../bin/system.ts';
import { PAIRING_CODE_ALPHABET, type DeviceInfo } from '../contract/identity.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie, watchPages } from '../testing/pages.ts';

const PASSWORD = 'e2e-mat-khau-demo-2026';
const SCREEN = 'an-ninh-trat-tu';
let demo: DemoSystem;
let system: System;
let base: string;
let browser: Browser;

before(async () => {
  demo = await startDemoSystem('pairing', { token: 'e2e-pairing-demo-token-0123456789', password: PASSWORD });
  ({ system, base, browser } = demo);
});

after(async () => {
  await demo?.close();
});

const CODE = new RegExp(`^[${PAIRING_CODE_ALPHABET}]{6}$`);

test('a fresh profile pairs: the code, enrolment by staff, the wall; revocation brings the code back by itself', async () => {
  const staff = await sessionCookie(base, 'chuyen-vien', PASSWORD);
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' });
  const watch = await watchPages(ctx);
  const page = await ctx.newPage();
  const w = watch(page);
  try {
    await page.goto(`${base}/wall/${SCREEN}`);
    const view = page.locator('[data-testid="pairing-view"][data-phase="pairing"]');
    await view.waitFor({ timeout: 15_000 });
    const code = (await view.getAttribute('data-code'))!;
    assert.match(code, CODE);
    assert.equal((await page.locator('[data-testid="pairing-code"]').innerText()).replace(/\s/g, ''), code);
    const text = await view.innerText();
    assert.match(text, /Mã ghép nối/);
    assert.match(text, /Chuyên viên nhập mã này tại trang Quản trị → Thiết bị/);
    assert.equal(await page.locator('[data-testid="pairing-screen"]').innerText(), SCREEN);
    assert.match(await page.locator('[data-testid="pairing-expiry"]').innerText(), /^Mã hết hạn sau \d{1,2}:\d{2}$/);
    // Legible across a room: the code is very large on the 1920×1080 canvas.
    const box = await page.locator('[data-testid="pairing-code"]').boundingBox();
    assert.ok(box && box.height > 250, `the code is ${box?.height} px high`);

    // A code nobody shows is refused; the shown one, typed loosely, is enrolled.
    const enrol = (body: object) =>
      fetch(`${base}/api/devices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: staff },
        body: JSON.stringify(body),
      });
    const wrong = await enrol({ code: code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA', screen: SCREEN, name: 'x' });
    assert.equal(wrong.status, 404);
    const loose = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
    const res = await enrol({ code: loose, screen: SCREEN, name: 'Màn hình sảnh (e2e)' });
    assert.equal(res.status, 201, await res.clone().text());
    const device = (await res.json()) as DeviceInfo;
    const t0 = Date.now();
    await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout: 20_000 });
    console.log(`# enrolled → the wall shows data in ${Date.now() - t0} ms`);

    // The credential is an HttpOnly cookie of the profile: the page cannot read it, a reload keeps it.
    const cookie = (await ctx.cookies()).find((c) => c.name === 'ioc_device');
    assert.ok(cookie?.httpOnly, 'an HttpOnly ioc_device cookie');
    assert.ok((cookie?.expires ?? 0) * 1000 > Date.now() + 365 * 24 * 3600_000, 'it does not expire by time');
    assert.equal(await page.evaluate(() => document.cookie.includes('ioc_') || Object.keys(localStorage).length > 0), false);
    await page.reload();
    await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout: 20_000 });
    assert.equal(await page.locator('[data-testid="pairing-view"]').count(), 0);

    // Revoked: its socket is closed by the server, the page asks who it is, and pairs again.
    const t1 = Date.now();
    assert.equal((await fetch(`${base}/api/devices/${device.id}`, { method: 'DELETE', headers: { cookie: staff } })).status, 204);
    await view.waitFor({ timeout: 5000 });
    const back = Date.now() - t1;
    console.log(`# revoked → the pairing page again in ${back} ms`);
    assert.ok(back < 5000);
    const fresh = (await view.getAttribute('data-code'))!;
    assert.match(fresh, CODE);
    assert.notEqual(fresh, code, 'a new code');
    assert.deepEqual(await w.violations(), []);
    assert.deepEqual(w.errors, []);
  } finally {
    await ctx.close();
  }
});

test('a ?token= address is exchanged for the cookie: the page never sees the token, nothing it asks for carries one', async () => {
  const device = system.config.devices.devices.find((d) => d.screen === 'tong-quan')!;
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await ctx.newPage();
  try {
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    const first = `${base}/wall/tong-quan?token=${encodeURIComponent(device.token)}`;
    const res = await page.goto(first);
    assert.equal(res?.request().redirectedFrom()?.url(), first, 'the first address was answered with a redirect');
    assert.equal(page.url(), `${base}/wall/tong-quan`);
    await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout: 20_000 });
    assert.equal(await page.evaluate(() => location.search), '');
    assert.deepEqual(
      asked.filter((u) => u !== first && u.includes(device.token)),
      [],
    );
    // Through the socket too: the page is this screen's device (its heartbeat registers the screen).
    const staff = await sessionCookie(base, 'chuyen-vien', PASSWORD);
    let alive = false;
    for (let i = 0; i < 50 && !alive; i++) {
      const list = (await (await fetch(`${base}/api/screens`, { headers: { cookie: staff } })).json()) as {
        id: string;
        alive: boolean;
      }[];
      alive = list.some((s) => s.id === 'tong-quan' && s.alive);
      if (!alive) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(alive, 'the screen reports itself alive over its cookie-authenticated socket');
  } finally {
    await ctx.close();
  }
});
