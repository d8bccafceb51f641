/**
 * End to end, as the chairman's meeting runs: the demo system (embedded databases, the built dashboard),
 * a wall display page (/wall/man-hinh-1, kiosk-style) and a live wall page (/wall/tong-quan) in Chromium,
 * and the presenter's tablet driving the meeting over its socket with the leader's session (the tablet UI
 * is its own issue; this is the protocol it speaks). The display shows the commune the presenter drills
 * into; a frozen meeting keeps its figures while the live wall moves; unfreezing catches up; the PDF pack
 * has the frozen figures, the names and the "as of" line; a quarter the presenter picks is the quarter's
 * figure on the wall and in the pack, frozen with the meeting; ending the meeting restores the playlist.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack } from '../contract/messages.ts';
import type { MeetingState } from '../contract/meetings.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie } from '../testing/pages.ts';
import { bareFootShares } from '../testing/pdf-pages.ts';
import { eventually, sleep } from '../testing/eventually.ts';
import { rollup, seriesFromValues } from '../contract/rollup.ts';
import { formatNumber } from '../dashboard/src/format/vi.ts';

const TOKEN = 'e2e-meetings-demo-token-0123456789';
const PASSWORD = 'mat-khau-hop-0123';
const COMMUNE = '22333';
const IND = 'budget.revenue_total';
let demo: DemoSystem;
let display: Page;
let live: Page;
let presenter: Socket;
let cookie: string;
let meeting: MeetingState;
const tmp = mkdtempSync(join(tmpdir(), 'ioc-meetings-pdf-'));

const call = (event: string, req: unknown) => presenter.timeout(10_000).emitWithAck(event, req) as Promise<Ack<MeetingState>>;
const inMeeting = (sel: string) => display.locator(`[data-testid="meeting-wall"] ${sel}`);
const meetingKpi = () => inMeeting('[data-area="56"] [data-testid="kpi-value"]').first().innerText();
const liveKpi = () => live.locator('[data-testid="panel-0"] [data-testid="kpi-value"]').innerText();

before(async () => {
  demo = await startDemoSystem('meetings', { token: TOKEN, password: PASSWORD });
  const ctxDisplay = await demo.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const ctxLive = await demo.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  display = await ctxDisplay.newPage();
  live = await ctxLive.newPage();
  await display.goto(`${demo.base}/wall/man-hinh-1?token=${TOKEN}`);
  await live.goto(`${demo.base}/wall/tong-quan?token=${TOKEN}`);
  await display.locator('[data-testid="kpi-value"]').first().waitFor({ timeout: 30_000 });
  await live.locator('[data-testid="panel-0"] [data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
  cookie = await sessionCookie(demo.base, 'lanh-dao', PASSWORD);
  presenter = connect(demo.base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    presenter.once('connect', resolve);
    presenter.once('connect_error', reject);
  });
});

after(async () => {
  presenter?.close();
  await demo?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('the display follows the presenter into a commune, within a second', async (t) => {
  const started = await call('meeting:start', { title: 'Giao ban UBND tỉnh tháng 12', displays: ['man-hinh-1'] });
  assert.ok(started.ok, JSON.stringify(started));
  meeting = started.data;
  await inMeeting('[data-testid="meeting-title"]').waitFor({ timeout: 30_000 });
  // (The band's parts are flex items, each cut on its own: innerText puts a line break between them.)
  assert.match(
    (await inMeeting('[data-testid="meeting-title"]').innerText()).replace(/\s+/g, ' '),
    /Giao ban UBND tỉnh tháng 12 · Chủ trì: /,
  );

  const t0 = Date.now();
  const nav = await call('meeting:navigate', { id: meeting.id, view: { group: 'budget', indicator: IND, area: COMMUNE } });
  assert.ok(nav.ok);
  await display.waitForFunction(
    () => /Bắc Nha Trang/.test(document.querySelector('[data-testid="meeting-view"]')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  t.diagnostic(`navigate → commune on the wall: ${Date.now() - t0} ms`);
  // The commune's own figure, beside the province's ranking.
  const communeKpi = inMeeting(`[data-area="${COMMUNE}"] [data-testid="kpi-value"]`);
  await communeKpi.waitFor({ timeout: 30_000 });
  assert.match(await communeKpi.innerText(), /\d/);
  await inMeeting('[data-area="56"][class="panel-slot"] [data-kind="commune-ranking"]').waitFor({ timeout: 30_000 });
});

test('a frozen meeting does not move when new figures arrive; the live wall does; unfreezing catches up', async (t) => {
  // The group's tiles (its first is the revenue the live wall's first tile shows).
  assert.ok((await call('meeting:navigate', { id: meeting.id, view: { group: 'budget' } })).ok);
  await inMeeting('[data-area="56"] [data-testid="kpi-value"]').first().waitFor({ timeout: 30_000 });
  await eventually(
    async () => (await meetingKpi()) === (await liveKpi()),
    'the meeting and the live wall agree while live',
    10_000,
  );

  const frozen = await call('meeting:freeze', { id: meeting.id });
  assert.ok(frozen.ok && frozen.data.frozenAt);
  await inMeeting('[data-testid="meeting-frozen"]').waitFor({ timeout: 30_000 });
  assert.match(
    await inMeeting('[data-testid="meeting-frozen"]').innerText(),
    /^Số liệu chốt lúc \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}$/,
  );
  await sleep(500); // the display resubscribes through the meeting
  const frozenText = await meetingKpi();

  // New figures: the province's latest revenue doubles.
  const snap = await demo.system.store.getGroup('budget');
  const latest = snap.values
    .filter((v) => v.indicator === IND && v.area === '56' && v.value !== null && /^\d{4}-\d{2}$/.test(v.period))
    .sort((a, b) => a.period.localeCompare(b.period))
    .at(-1)!;
  const double = (x: number | null | undefined) => (x === null || x === undefined ? null : x * 2);
  await demo.system.store.applyChanges(
    'budget',
    [
      {
        ...latest,
        value: latest.value! * 2,
        updatedAt: new Date().toISOString(),
        ...(latest.derived ? { derived: { ...latest.derived, ytd: double(latest.derived.ytd) } } : {}),
      },
    ],
    new Date().toISOString(),
  );
  await eventually(async () => (await liveKpi()) !== frozenText, 'the live wall moves', 30_000);
  await sleep(500);
  assert.equal(await meetingKpi(), frozenText, 'the frozen meeting keeps the figure of its moment');

  // The meeting pack while frozen: the frozen figure, the names, the "as of" line.
  const t0 = Date.now();
  const pdfText = await exportPdf([
    { group: 'budget', indicator: IND },
    { group: 'budget', indicator: IND, area: COMMUNE },
  ]);
  t.diagnostic(`PDF of 2 views: ${Date.now() - t0} ms`);
  assert.match(pdfText, /Giao ban UBND tỉnh tháng 12/);
  assert.match(pdfText, /Khánh Hòa/);
  assert.match(pdfText, /Bắc Nha Trang/);
  assert.match(pdfText, /Số liệu tính đến \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}/);
  assert.match(pdfText, /Số liệu chốt lúc/);
  assert.ok(pdfText.replace(/\s+/g, ' ').includes(frozenText.trim()), `the frozen figure ${frozenText} is in the PDF`);

  const un = await call('meeting:unfreeze', { id: meeting.id });
  assert.ok(un.ok);
  await inMeeting('[data-testid="meeting-frozen"]').waitFor({ state: 'detached', timeout: 30_000 });
  await eventually(async () => (await meetingKpi()) === (await liveKpi()), 'live again: the meeting catches up', 30_000);
});

test("a quarter the presenter picks is the wall's figure; frozen, it stays while new figures arrive; the pack has it", async () => {
  const Q = '2026-Q3';
  /** The province's Q3 roll-up as the store has it now (the tablet's roll-up code), as the wall writes it. */
  const storeQuarter = async () => {
    const snap = await demo.system.store.getGroup('budget');
    const r = rollup(seriesFromValues(snap.values.filter((v) => v.indicator === IND && v.area === '56')), Q, 'sum');
    return r?.value === null || r?.value === undefined ? '—' : formatNumber(r.value);
  };
  const tile = () => inMeeting(`[data-area="56"][data-period="${Q}"] [data-kind="kpi-tile"]`);
  const shown = () => tile().locator('[data-testid="kpi-value"]').innerText();

  assert.ok((await call('meeting:navigate', { id: meeting.id, view: { group: 'budget', indicator: IND, period: Q } })).ok);
  await tile().locator('[data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
  assert.match(await tile().innerText(), /Quý III\/2026/, 'the tile names the quarter');
  await eventually(async () => (await shown()) === (await storeQuarter()), "the wall shows the quarter's roll-up", 30_000);
  assert.match(await shown(), /\d/, 'a figure, not a dash: the quarter is complete');
  // The ranking ranks the communes on the quarter too.
  const ranking = inMeeting(`[data-period="${Q}"] [data-kind="commune-ranking"]`);
  await ranking.locator('.ranking-row').first().waitFor({ timeout: 30_000 });
  assert.match(await ranking.innerText(), /Quý III\/2026/);

  const frozen = await call('meeting:freeze', { id: meeting.id });
  assert.ok(frozen.ok && frozen.data.frozenAt);
  await inMeeting('[data-testid="meeting-frozen"]').waitFor({ timeout: 30_000 });
  await sleep(500); // the display resubscribes through the meeting
  await tile().locator('[data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
  const frozenText = await shown();

  // New figures for August: the quarter in the store moves, the frozen wall does not.
  const snap = await demo.system.store.getGroup('budget');
  const august = snap.values.find((v) => v.indicator === IND && v.area === '56' && v.period === '2026-08')!;
  const reportedQ = snap.values.find((v) => v.indicator === IND && v.area === '56' && v.period === Q);
  const now = new Date().toISOString();
  await demo.system.store.applyChanges(
    'budget',
    [august, ...(reportedQ ? [reportedQ] : [])].map((v) => ({ ...v, value: v.value! * 3, updatedAt: now })),
    now,
  );
  await eventually(async () => (await storeQuarter()) !== frozenText, 'the quarter moved in the store', 10_000);
  await sleep(1000);
  assert.equal(await shown(), frozenText, "the frozen meeting keeps the quarter's figure of its moment");

  const pdfText = (await exportPdf([{ group: 'budget', indicator: IND, period: Q }])).replace(/\s+/g, ' ');
  assert.ok(pdfText.includes('Quý III/2026'), 'the pack names the quarter');
  assert.ok(pdfText.includes(frozenText.trim()), `the frozen quarter ${frozenText} is in the PDF`);

  assert.ok((await call('meeting:unfreeze', { id: meeting.id })).ok);
  await inMeeting('[data-testid="meeting-frozen"]').waitFor({ state: 'detached', timeout: 30_000 });
  await eventually(async () => (await shown()) === (await storeQuarter()), 'live again: the new quarter', 30_000);
});

test("a yearly figure in a month's view: the wall's tile and ranking and the pack read its latest reported year", async () => {
  const YEARLY = 'ntp_poverty.poverty_rate';
  const snap = await demo.system.store.getGroup('ntp_poverty');
  const years = snap.values
    .filter((v) => v.indicator === YEARLY && v.area === '56' && v.value !== null && /^\d{4}$/.test(v.period))
    .map((v) => v.period)
    .sort();
  const latest = years.at(-1)!;
  assert.ok(latest && latest < '2026', `the demo has no 2026 poverty rate yet (latest ${latest})`);
  assert.ok(
    (await call('meeting:navigate', { id: meeting.id, view: { group: 'ntp_poverty', indicator: YEARLY, period: '2026-11' } })).ok,
  );
  // The year's ranking (the view before had a ranking too: wait for this one, not any).
  const ranking = inMeeting(`[data-kind="commune-ranking"]:has(ol.ranking[data-period="${latest}"])`);
  await ranking
    .locator('.ranking-row')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(async (err: Error) => {
      const shown = await inMeeting('ol.ranking')
        .getAttribute('data-period')
        .catch(() => null);
      throw new Error(`${err.message} (the ranking reads period ${shown}, not ${latest})`);
    });
  assert.match(await ranking.innerText(), new RegExp(`Năm ${latest}`), 'the ranking names the year it ranks');
  const firstCommune = (await ranking.locator('.ranking-row').first().innerText()).split('\n').find((l) => /\p{L}{2}/u.test(l))!;
  const pdfText = (await exportPdf([{ group: 'ntp_poverty', indicator: YEARLY, period: '2026-11' }])).replace(/\s+/g, ' ');
  assert.ok(!pdfText.includes('Không có số liệu của kỳ'), 'the pack has the ranking, not "no figures for the period"');
  assert.ok(pdfText.includes(`Năm ${latest}`), `the pack names ${latest}`);
  assert.ok(pdfText.includes(firstCommune.trim()), `the ranking's first commune (${firstCommune}) is in the pack`);
});

test('an export of 500 views is refused with a code; ending the meeting restores the playlist', async (t) => {
  const res = await fetch(`${demo.base}/api/exports/pdf`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: demo.base },
    body: JSON.stringify({ views: Array.from({ length: 500 }, () => ({ group: 'budget' })) }),
  });
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid-payload');

  const ended = await call('meeting:end', { id: meeting.id });
  assert.ok(ended.ok);
  const t0 = Date.now();
  await display
    .locator('[data-testid="meeting-wall"]')
    .waitFor({ state: 'detached', timeout: 60_000 })
    .catch(async (err: Error) => {
      const seen = await display.evaluate(() => document.body.dataset.meetingState);
      throw new Error(`${err.message} (last meeting:state seen: ${seen}, ended: ${ended.ok && ended.data.version})`);
    });
  t.diagnostic(`end → playlist: ${Date.now() - t0} ms`);
  await display.locator('[data-testid="kpi-value"]').first().waitFor({ state: 'visible', timeout: 30_000 });
});

async function exportPdf(views: unknown[]): Promise<string> {
  const res = await fetch(`${demo.base}/api/exports/pdf`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: demo.base },
    body: JSON.stringify({ views, meeting: meeting.id }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(tmp, 'pack.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  assert.match(fonts, /BeVietnamPro/i, 'the Vietnamese font is embedded');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // Every page's panels reach down to the stamp: none is cut off part-way (it was, ~3/4 down, when the
  // sheet was scaled with a transform that print pagination ignores).
  bareFootShares(file).forEach((thirds, page) =>
    assert.ok(
      thirds.every((share) => share < 0.5),
      `page ${page + 1} has bare canvas above its stamp (${thirds.map((s) => s.toFixed(2)).join(' ')}): cut off`,
    ),
  );
  // The file is named by the day in Vietnam, as its pages say (not the UTC day, a day behind before 07:00).
  const [, d, m, y] = /Ngày (\d{2})\/(\d{2})\/(\d{4})/.exec(text) ?? [];
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="tai-lieu-hop-${y}-${m}-${d}.pdf"`);
  return text;
}
