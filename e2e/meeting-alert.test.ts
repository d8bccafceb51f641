/**
 * End to end: a critical camera alert raised while a chairman's meeting covers the wall display that has
 * the takeover region (man-hinh-2). The demo system, the display page in Chromium (kiosk-style), the
 * presenter's socket with the leader's session, the partner AI webhook raising a critical flood alert.
 * The takeover shows over the meeting, below the meeting's band, at the wall's minimum type size, and the
 * heartbeat says so; staff's acknowledgement brings the meeting view back, and the heartbeat says that too.
 * An alert on screen when the meeting ends stays, over the playlist.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import type { ScreenState } from '../contract/http.ts';
import type { Ack } from '../contract/messages.ts';
import type { MeetingState } from '../contract/meetings.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie } from '../testing/pages.ts';
import { eventually } from '../testing/eventually.ts';

const TOKEN = 'e2e-meeting-alert-demo-token-0123456789';
const PASSWORD = 'mat-khau-hop-canh-bao-0123';
const AI_KEY = 'e2e-meeting-alert-ai-key-0123456789';
const DISPLAY = 'man-hinh-2'; // the display with the critical-alert region (config/walls)
let demo: DemoSystem;
let display: Page;
let presenter: Socket;
let staffCookie: string;

const call = (event: string, req: unknown) => presenter.timeout(10_000).emitWithAck(event, req) as Promise<Ack<MeetingState>>;
const takeover = () => display.locator('[data-testid="alert-takeover"]');
const registered = async (): Promise<ScreenState> => {
  const res = await fetch(`${demo.base}/api/screens`, { headers: { cookie: staffCookie } });
  assert.equal(res.status, 200);
  return ((await res.json()) as ScreenState[]).find((s) => s.id === DISPLAY)!;
};

before(async () => {
  // The demo makes up feed keys it is not given; this test posts as the partner AI, so it gives one.
  process.env.DOI_TAC_AI_WEBHOOK_KEY = AI_KEY;
  demo = await startDemoSystem('meeting-alert', { token: TOKEN, password: PASSWORD });
  display = await (await demo.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await display.goto(`${demo.base}/wall/${DISPLAY}?token=${TOKEN}`);
  await display.locator('[data-testid="kpi-value"]').first().waitFor({ timeout: 30_000 });
  staffCookie = await sessionCookie(demo.base, 'chuyen-vien', PASSWORD);
  const cookie = await sessionCookie(demo.base, 'lanh-dao', PASSWORD);
  presenter = connect(demo.base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    presenter.once('connect', resolve);
    presenter.once('connect_error', reject);
  });
});

after(async () => {
  presenter?.close();
  await demo?.close();
  delete process.env.DOI_TAC_AI_WEBHOOK_KEY;
});

test('a critical alert raised during a meeting shows over the meeting, below its band; the meeting view comes back after', async (t) => {
  const started = await call('meeting:start', { title: 'Giao ban UBND tỉnh tháng 12', displays: [DISPLAY] });
  assert.ok(started.ok, JSON.stringify(started));
  const meeting = started.data;
  assert.ok((await call('meeting:navigate', { id: meeting.id, view: { group: 'budget' } })).ok);
  await display
    .locator('[data-testid="meeting-wall"] [data-area="56"] [data-testid="kpi-value"]')
    .first()
    .waitFor({ timeout: 30_000 });
  // Whatever the simulated cameras raised before is acknowledged: the region is free when the meeting is on.
  await eventually(
    async () => {
      const id = await takeover()
        .first()
        .getAttribute('data-alert', { timeout: 500 })
        .catch(() => null);
      if (id) await command({ type: 'alert-ack', alertId: id });
      return id === null;
    },
    'no takeover before the alert',
    30_000,
  );

  // The partner AI reports a flood on a camera, critical, while the chairman presents.
  const t0 = Date.now();
  const res = await raise('ngap-1');
  assert.equal(res.status, 202, await res.clone().text());
  const shown = display.locator('[data-testid="alert-takeover"][data-over="meeting"]', { hasText: 'Ngập nước' });
  await shown.waitFor({ timeout: 30_000 });
  t.diagnostic(`alert raised → over the meeting: ${Date.now() - t0} ms`);
  const alertId = (await shown.getAttribute('data-alert'))!;
  assert.match(await shown.innerText(), /CẢNH BÁO KHẨN/);
  assert.match(await shown.innerText(), /Camera nt-cho-dam/);
  assert.match(await shown.innerText(), /Trở lại nội dung cuộc họp sau \d:\d{2} hoặc khi trực ban xác nhận/);

  // Drawn inside the meeting's canvas, below the band, which keeps naming the meeting; at the wall's type size.
  assert.equal(await display.locator('[data-testid="meeting-alert-layer"] [data-testid="alert-takeover"]').count(), 1);
  const band = (await display.locator('[data-testid="meeting-band"]').boundingBox())!;
  const box = (await shown.boundingBox())!;
  assert.ok(box.y >= band.y + band.height, `the takeover (top ${box.y}) is below the band (bottom ${band.y + band.height})`);
  assert.ok(await display.locator('[data-testid="meeting-title"]').isVisible());
  assert.match(await display.locator('[data-testid="meeting-title"]').innerText(), /Giao ban UBND tỉnh tháng 12/);
  const sizes = await shown.evaluate((el) => {
    const canvas = el.closest('[data-testid="wall-canvas"]') as HTMLElement;
    const px = [...el.querySelectorAll('div')].map((d) => parseFloat(getComputedStyle(d).fontSize));
    return { min: Number(canvas.dataset.minType), smallest: Math.min(...px) };
  });
  assert.ok(sizes.min > 0 && sizes.smallest >= sizes.min, `every line at least ${sizes.min} px: ${sizes.smallest}`);

  // The heartbeat reports what the display shows.
  await eventually(async () => (await registered()).takeover === alertId, 'the registry sees the takeover', 30_000);

  // Staff acknowledge it: the meeting's view is whole again, still the meeting, and the heartbeat says so.
  assert.equal((await command({ type: 'alert-ack', alertId })).status, 202);
  await display
    .locator(`[data-testid="alert-takeover"][data-alert="${alertId}"]`)
    .waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await display.locator('[data-testid="meeting-wall"]').getAttribute('data-meeting'), meeting.id);
  assert.ok(await display.locator('[data-testid="meeting-wall"] [data-area="56"] [data-testid="kpi-value"]').first().isVisible());
  await eventually(async () => (await registered()).takeover !== alertId, 'the registry sees it gone', 30_000);

  // Another alert, and the meeting ends while it shows: the playlist is back, and the alert stays on it.
  assert.equal((await raise('ngap-2')).status, 202);
  const second = display.locator('[data-testid="alert-takeover"][data-over="meeting"]', { hasText: 'Ngập nước' });
  await second.waitFor({ timeout: 30_000 });
  const secondId = (await second.getAttribute('data-alert'))!;
  assert.notEqual(secondId, alertId);
  assert.ok((await call('meeting:end', { id: meeting.id })).ok);
  await display.locator('[data-testid="meeting-wall"]').waitFor({ state: 'detached', timeout: 60_000 });
  await display.locator('[data-testid="kpi-value"]').first().waitFor({ state: 'visible', timeout: 30_000 });
  const onPage = display.locator(`[data-testid="alert-takeover"][data-over="page"][data-alert="${secondId}"]`);
  await onPage.waitFor({ timeout: 30_000 });
  assert.match(await onPage.innerText(), /Ngập nước/);
  await eventually(async () => (await registered()).takeover === secondId, 'the registry sees it on the page', 30_000);
  assert.equal((await command({ type: 'alert-ack', alertId: secondId })).status, 202);
  await onPage.waitFor({ state: 'detached', timeout: 30_000 });
});

/** The partner AI reports a flood on a camera, critical. */
function raise(id: string): Promise<Response> {
  return fetch(`${demo.base}/api/feeds/doi-tac-ai/events?key=${AI_KEY}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `${id}-${Date.now()}`,
      camera: 'nt-cho-dam',
      kind: 'flooding',
      severity: 'critical',
      startedAt: new Date().toISOString(),
    }),
  });
}

function command(body: object): Promise<Response> {
  return fetch(`${demo.base}/api/screens/${DISPLAY}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: staffCookie, origin: demo.base },
    body: JSON.stringify(body),
  });
}
