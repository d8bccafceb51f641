/**
 * The chairman's tablet end to end in Chromium against the in-process demo (testing/demo-system.ts):
 * drill group → indicator → commune; the period picker shows the roll-up; the place survives a reload;
 * a tablet reloaded offline opens with its cached figures and says how old they are; sign-out wipes the
 * device cache. Then a meeting across two browser contexts: a presenter drives a follower, who browses
 * away and returns, and the floor is handed over.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie, signIn } from '../testing/pages.ts';
import { rollup, seriesFromValues, type RollupAggregation } from '../contract/rollup.ts';
import { formatNumber } from '../dashboard/src/format/vi.ts';
import type { GroupSnapshot } from '../contract/messages.ts';
import type { MeetingContext } from '../contract/meeting-pack.ts';

const TOKEN = 'demo-tablet-e2e-0123456789';
const PASSWORD = 'demo-tablet-e2e-mat-khau';
const INDICATOR = 'budget.revenue_total';
let demo: DemoSystem;
let base: string;

before(async () => {
  demo = await startDemoSystem('tablet', { token: TOKEN, password: PASSWORD });
  base = demo.base;
});

after(async () => {
  await demo?.close();
});

async function tabletContext(): Promise<BrowserContext> {
  return demo.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
}

const mainValue = (page: Page) => page.locator('[data-testid="kpi-main"] [data-testid="kpi-value"]').innerText();

async function waitMain(page: Page, attrs: Record<string, string>, timeout = 15_000): Promise<void> {
  const sel = Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join('');
  await page.locator(`[data-testid="kpi-main"]${sel}`).waitFor({ timeout });
}

test('tablet: drill down, period roll-ups, reload keeps the place, offline reload, sign-out wipes the cache', async () => {
  const ctx = await tabletContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, base, 'lanh-dao', PASSWORD, '/tablet');

  // Groups → the budget's KPI tiles → the revenue indicator.
  await page.locator('[data-testid="group-budget"]').tap({ timeout: 20_000 });
  const tile = page.locator(`[data-testid="group-kpis"] [data-testid="kpi-tile"][data-indicator="${INDICATOR}"]`);
  await tile.waitFor({ timeout: 20_000 });
  assert.match(await tile.locator('[data-testid="kpi-value"]').innerText(), /^\d{1,3}(\.\d{3})*(,\d+)?$/);
  await tile.locator('[data-testid="kpi-open"]').tap();
  await waitMain(page, { indicator: INDICATOR, area: '56' });
  const monthPeriod = (await page.locator('[data-testid="kpi-main"]').getAttribute('data-period'))!;
  assert.match(monthPeriod, /^\d{4}-\d{2}$/, 'opens on the latest month');

  // The commune ranking, then a commune: its own figures.
  const firstRank = page.locator('[data-testid="ranking"] .t-rank-row').first();
  await firstRank.waitFor({ timeout: 20_000 });
  const code = (await firstRank.getAttribute('data-testid'))!.replace('rank-', '');
  const rankBox = await firstRank.boundingBox();
  assert.ok(rankBox && rankBox.height >= 44, 'a ranking row is a 44 px target');
  await firstRank.tap();
  await waitMain(page, { indicator: INDICATOR, area: code });
  assert.match(await page.locator('[data-testid="crumb-commune"]').innerText(), /\S/);
  assert.match(await mainValue(page), /^\d{1,3}(\.\d{3})*(,\d+)?$/, 'the commune has a figure');

  // Reload: the place is in the address.
  await page.reload();
  await waitMain(page, { indicator: INDICATOR, area: code }, 30_000);

  // Back to the province; the period picker: quý shows the quarter's roll-up of the months.
  await page.locator('[data-testid="crumb-province"]').tap();
  await waitMain(page, { indicator: INDICATOR, area: '56' });
  await page.locator('[data-testid="period-kind-quarter"]').tap();
  const quarter = await page.locator('[data-testid="period-label"]').innerText();
  assert.match(quarter, /^Quý (I|II|III|IV)\/\d{4}$/);
  const qCode = (await page.locator('[data-testid="kpi-main"]').getAttribute('data-period'))!;
  assert.match(qCode, /^\d{4}-Q[1-4]$/);
  const cookie = await sessionCookie(base, 'lanh-dao', PASSWORD);
  const snap = (await (await fetch(`${base}/api/groups/budget/snapshot`, { headers: { cookie } })).json()) as GroupSnapshot;
  const own = snap.values.filter((v) => v.indicator === INDICATOR && v.area === '56');
  const want = rollup(seriesFromValues(own), qCode, 'sum' as RollupAggregation);
  assert.ok(want, 'a roll-up');
  const shown = await mainValue(page);
  assert.equal(shown, want.value === null ? '—' : formatNumber(want.value), `the quarter's figure (${qCode})`);
  // Lũy kế: the year to date of the latest month.
  await page.locator('[data-testid="period-kind-ytd"]').tap();
  await waitMain(page, { period: `${monthPeriod}-YTD` });
  const ytd = rollup(seriesFromValues(own), `${monthPeriod}-YTD`, 'sum')!;
  assert.equal(await mainValue(page), ytd.value === null ? '—' : formatNumber(ytd.value));
  const online = await mainValue(page);

  // Offline: the shell from the service worker, the figures from IndexedDB, and how old they are.
  await page.locator('html[data-offline-ready="1"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(1500); // the cache writes at most once a second
  await ctx.setOffline(true);
  await page.reload();
  await waitMain(page, { indicator: INDICATOR, area: '56', period: `${monthPeriod}-YTD` }, 30_000);
  assert.equal(await mainValue(page), online, 'the cached figure');
  const line = page.locator('[data-testid="connection-line"]');
  await line.waitFor({ timeout: 15_000 });
  assert.match(await line.innerText(), /cập nhật .*phút trước/);

  // Online again: live, the line goes; then sign out from the menu: the device cache is gone.
  await ctx.setOffline(false);
  await line.waitFor({ state: 'detached', timeout: 30_000 });
  const before = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.ok(before.includes('ioc-tablet'), 'the tablet keeps its figures on the device');
  await page.locator('[data-testid="tablet-menu"]').tap();
  assert.equal(await page.locator('[data-testid="tablet-compliance"]').getAttribute('href'), '/compliance');
  await page.locator('[data-testid="sign-out"]').tap();
  await page.waitForURL((u) => u.pathname === '/', { timeout: 15_000 });
  const after = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.ok(!after.includes('ioc-tablet'), `no tablet data after sign-out: ${after.join(',')}`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** The band's mode, read in one step: counting then reading races with a band that is just going away. */
function meetingMode(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-testid="meeting-band"]')?.getAttribute('data-mode') ?? null);
}

async function waitMode(page: Page, mode: string | null, timeout = 10_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if ((await meetingMode(page)) === mode) return;
    await page.waitForTimeout(100);
  }
  assert.equal(await meetingMode(page), mode);
}

/**
 * A tap as a DOM click: two software-WebGL maps on a busy machine can starve the renderer of frames, and
 * Playwright's tap waits for a stable frame; the click still goes through the page's own handlers.
 */
async function press(l: Locator, opts: { timeout?: number } = {}): Promise<void> {
  await l.waitFor({ timeout: opts.timeout ?? 20_000 });
  await l.dispatchEvent('click');
}

test('meeting: the presenter drives a follower; the follower browses away and returns; hand-over', async () => {
  const ctxA = await tabletContext();
  const ctxB = await tabletContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await signIn(a, base, 'lanh-dao', PASSWORD, '/tablet');
  await signIn(b, base, 'chuyen-vien', PASSWORD, '/tablet');

  // A starts a meeting.
  await press(a.locator('[data-testid="meeting-open"]'), { timeout: 20_000 });
  await a.locator('[data-testid="meeting-title-input"]').fill('Giao ban kinh tế - xã hội');
  await press(a.locator('[data-testid="meeting-start"]'));
  await waitMode(a, 'presenting');
  await press(a.locator('[data-testid="group-budget"]'));

  // B joins and follows: it shows what A shows.
  await press(b.locator('[data-testid="meeting-open"]'), { timeout: 20_000 });
  await press(b.locator('[data-testid^="meeting-join-"]').first(), { timeout: 10_000 });
  await waitMode(b, 'following');
  await b.locator('[data-testid="group-kpis"]').waitFor({ timeout: 10_000 });
  const tile = a.locator(`[data-testid="group-kpis"] [data-testid="kpi-tile"][data-indicator="${INDICATOR}"]`);
  const meetingId = new URL(a.url()).searchParams.get('m')!;
  const meetingView = async () =>
    ((await (await a.request.get(`${base}/api/meetings/${meetingId}`)).json()) as MeetingContext).state.view;
  // The group's view carries the month A's tiles show (opened before its figures were in): the wall draws
  // those tiles, not its live ones (the year's running total), and B's tiles name the same month.
  const groupPeriod = await tile.getAttribute('data-period', { timeout: 20_000 });
  assert.ok(groupPeriod, "the group's tile names its period");
  assert.match(await tile.locator('[data-testid="kpi-value"]').innerText(), /\d/, 'a month with figures, not a dash');
  assert.equal((await meetingView())?.period, groupPeriod, "the wall is told the group's period");
  const followerTile = b.locator(`[data-testid="group-kpis"] [data-testid="kpi-tile"][data-indicator="${INDICATOR}"]`);
  assert.equal(await followerTile.getAttribute('data-period', { timeout: 20_000 }), groupPeriod);
  await press(tile.locator('[data-testid="kpi-open"]'), { timeout: 20_000 });
  await waitMain(b, { indicator: INDICATOR, area: '56' }, 15_000);
  // The meeting's view carries the period A shows, so the wall draws the same figure, not its live tile.
  const shownPeriod = await a.locator('[data-testid="kpi-main"]').getAttribute('data-period');
  assert.ok(shownPeriod, 'the tile names its period');
  assert.equal((await meetingView())?.period, shownPeriod, "the wall is told the presenter's period");

  // B browses away: A's next move does not pull it back.
  await press(b.locator('[data-testid="crumb-home"]'));
  await waitMode(b, 'browsing');
  const rank = a.locator('[data-testid="ranking"] .t-rank-row').first();
  await rank.waitFor({ timeout: 20_000 });
  const code = (await rank.getAttribute('data-testid'))!.replace('rank-', '');
  await press(rank);
  await waitMain(a, { area: code });
  await b.waitForTimeout(1000);
  assert.equal(await b.locator('[data-testid="group-list"]').count(), 1, 'B stays where it browsed');
  // "Theo người trình bày": back to A's commune.
  await press(b.locator('[data-testid="meeting-return"]'));
  await waitMode(b, 'following');
  await waitMain(b, { indicator: INDICATOR, area: code }, 15_000);

  // Hand-over: B presents, A follows B.
  await press(a.locator('[data-testid="meeting-handover"]'));
  await press(a.locator('[data-testid^="handover-"]').first(), { timeout: 10_000 });
  await waitMode(b, 'presenting');
  await waitMode(a, 'following');
  await press(b.locator('[data-testid="crumb-province"]'));
  await waitMain(a, { indicator: INDICATOR, area: '56' }, 15_000);
  // The browser's back and forward are the presenter's moves too.
  await b.goBack();
  // (Right after the move before: B's tablet may not have the answer to it yet, and must send anyway.)
  await waitMain(a, { indicator: INDICATOR, area: code }, 15_000);
  await b.goForward();
  await waitMain(a, { indicator: INDICATOR, area: '56' }, 15_000);

  // Freeze: every member shows the frozen moment; end: the band goes.
  await press(b.locator('[data-testid="meeting-freeze"]'));
  await a.locator('[data-testid="meeting-frozen"]').waitFor({ timeout: 15_000 });
  assert.match(
    await a.locator('[data-testid="meeting-frozen"]').innerText(),
    /^Số liệu chốt lúc \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}$/,
  );

  // The pack: a member ticks the views shown in the meeting and downloads the PDF, stamped as frozen.
  const shown = await mainValue(a);
  await press(a.locator('[data-testid="meeting-pack"]'));
  const items = a.locator('[data-testid="pack-dialog"] .t-pack-item');
  // Group, indicator, commune; B's return to the province is the indicator's view again (same period).
  assert.equal(await items.count(), 3, 'every distinct view shown in the meeting');
  assert.match(await items.nth(2).innerText(), /Tổng thu NSNN trên địa bàn · (Xã|Phường|Đặc khu) /);
  await press(a.locator('[data-testid="pack-view"]').first()); // not the group's page
  const [download] = await Promise.all([
    a.waitForEvent('download', { timeout: 120_000 }),
    press(a.locator('[data-testid="pack-download"]')),
  ]);
  const file = join(tmpdir(), `ioc-pack-${process.pid}.pdf`);
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  rmSync(file, { force: true });
  assert.equal(text.split('\f').filter((pg) => pg.trim()).length, 2, 'two pages: the views ticked');
  assert.match(text, /Số liệu chốt lúc \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}/);
  assert.ok(text.includes(shown), `the figure on the tablet (${shown}) is in the pack`);
  await press(a.locator('[data-testid="pack-close"]'));

  // Frozen, the presenter drills into a commune: the follower ranks it among the others from the frozen
  // figures (it once stayed "Đang tải…": a commune's screen had no province values to rank from).
  const frozenRank = b.locator('[data-testid="ranking"] .t-rank-row').first();
  await frozenRank.waitFor({ timeout: 20_000 });
  const frozenCode = (await frozenRank.getAttribute('data-testid'))!.replace('rank-', '');
  await press(frozenRank);
  await waitMain(a, { indicator: INDICATOR, area: frozenCode }, 15_000);
  await a.locator('[data-testid="ranking"] .t-rank-row').first().waitFor({ timeout: 15_000 });
  assert.equal(
    await a.locator(`[data-testid="ranking"] [data-testid="rank-${frozenCode}"]`).count(),
    1,
    'the commune shown is in the frozen ranking',
  );

  await press(b.locator('[data-testid="meeting-end"]'));
  await waitMode(a, null);
  await waitMode(b, null);
  await ctxA.close();
  await ctxB.close();
});
