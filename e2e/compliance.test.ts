/**
 * Compliance end to end, in Debian's Chromium against the in-process demo: the center's database holds
 * the submissions of the latest month with a passed deadline — every agency on time except the tourism
 * figures of Sở VHTT&DL, seen three days after their deadline. The wall's compliance page lists that
 * agency first, late by three days; a leader exports the /compliance page on screen to XLSX and reads the
 * same lines back; a commune official's /compliance page shows their commune only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { System } from '../bin/system.ts';
import { createComplianceRepo } from '../center/compliance.ts';
import { EMPTY_CALENDAR, calendarForGroup } from '../contract/config.ts';
import { STATUSES, deadline } from '../contract/deadlines.ts';
import { formatPeriod } from '../contract/period.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { signIn } from '../testing/pages.ts';

const TOKEN = 'demo-compliance-e2e-0123456789';
const PASSWORD = 'demo-compliance-e2e-mat-khau';
const DAY_MS = 86_400_000;
let demo: DemoSystem;
let system: System;

/** Every figure of the period already due, as the ingest records it; tourism's three days late. */
async function seedSubmissions(): Promise<string> {
  const { config } = system;
  const db = system.identity!.db;
  const period = createComplianceRepo(db, config).defaultPeriod();
  const now = Date.now();
  const rows: string[][] = [[], [], [], [], []];
  const areas = [config.province.code, ...config.province.communes.map((c) => c.code)];
  for (const g of config.groups) {
    const cal = calendarForGroup(config.calendar ?? EMPTY_CALENDAR, g.id);
    for (const status of STATUSES) {
      const due = deadline(period, status, cal);
      if (!due || due.getTime() > now) continue;
      for (const i of g.indicators.filter((x) => x.period === 'month'))
        for (const area of i.communeLevel ? areas : [config.province.code]) {
          const seenAt = g.id === 'tourism' ? due.getTime() + 2 * DAY_MS + 9 * 3_600_000 : due.getTime() - DAY_MS;
          rows[0]!.push(i.id);
          rows[1]!.push(area);
          rows[2]!.push(formatPeriod(period));
          rows[3]!.push(status);
          rows[4]!.push(new Date(seenAt).toISOString());
        }
    }
  }
  await db.query(
    `insert into value_submissions (indicator, area, period, status, first_seen_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
     on conflict (indicator, area, period, status) do update set first_seen_at = excluded.first_seen_at, submitted_at = null`,
    rows,
  );
  return formatPeriod(period);
}

const rowKeys = (page: Page, panel: string) =>
  page.locator(`[data-testid="${panel}"] .compliance-row`).evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));

before(async () => {
  demo = await startDemoSystem('compliance', { token: TOKEN, password: PASSWORD });
  system = demo.system;
  await seedSubmissions();
});

after(async () => {
  await demo?.close();
});

test('the compliance panel on the wall lists the late agency first, with how late it was', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.goto(`${demo.base}/wall/che-do-bao-cao?token=${TOKEN}`);
  const first = page.locator('[data-testid="panel-0"] .compliance-row').first();
  await first.waitFor({ timeout: 30_000 });
  assert.equal(await first.getAttribute('data-key'), 'SVHTTDL');
  const text = await first.innerText();
  assert.match(text, /Sở Văn hóa, Thể thao và Du lịch/);
  assert.match(text, /6 nộp muộn/, 'six tourism figures came late');
  assert.match(text, /chậm 3 ngày/);
  assert.match(await first.innerText(), /MUỘN|Muộn/i, 'a word, not colour alone');
  const clipped = await page
    .locator('[data-testid="panel-0"] .compliance-name')
    .evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
    );
  assert.deepEqual(clipped, [], 'every agency name is read whole, none cut to "Trung tâm …"');
  const others = (await rowKeys(page, 'panel-0')).slice(1);
  assert.ok(others.length >= 3, 'the other agencies follow');
  for (const t of await page.locator('[data-testid="panel-0"] .compliance-row').allInnerTexts())
    if (!t.includes('Du lịch')) assert.doesNotMatch(t, /nộp muộn|quá hạn/, `on time: ${t}`);
  assert.match(await page.locator('[data-testid="panel-0"] [data-testid="compliance-headline"]').innerText(), /6 nộp muộn/);
  // The communes' panel: every commune figure came on time.
  const communes = page.locator('[data-testid="panel-1"] .compliance-row');
  await communes.first().waitFor();
  assert.match(await communes.first().innerText(), /Đúng hạn/i);
  await page.close();
});

test("a commune official's /compliance page shows their commune only, with the month's trend", async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await signIn(page, demo.base, 'can-bo-xa', PASSWORD, '/compliance?by=commune');
  await page.waitForSelector('[data-testid="compliance-page"] .cp-row', { timeout: 30_000 });
  const names = await page.locator('.cp-row .cp-row-name').allInnerTexts();
  assert.equal(names.length, 1, `one commune: ${names.join(', ')}`);
  const box = await page.locator('.cp-row').first().boundingBox();
  assert.ok(box && box.height >= 44, 'a touch target of at least 44 px');
  await page.locator('.cp-row').first().click();
  assert.equal(await page.locator('.cp-row').first().getAttribute('aria-pressed'), 'true');
  assert.ok(await page.locator('.cp-chart canvas').count(), 'the on-time trend is drawn');
  await page.getByRole('tab', { name: 'Theo cơ quan' }).click();
  await page.waitForSelector('.cp-row');
  assert.match(page.url(), /by=agency/);
  await page.close();
});

test('a leader on /compliance taps "Xuất Excel" and gets the lines on screen, in the same order, with the same counts', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true, acceptDownloads: true });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await signIn(page, demo.base, 'lanh-dao', PASSWORD, '/compliance');
  await page.waitForSelector('[data-testid="compliance-page"] .cp-row', { timeout: 30_000 });
  const onScreen = await page.locator('.cp-row .cp-row-name').allInnerTexts();
  const cut = await page
    .locator('.cp-row .cp-row-name')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  assert.deepEqual(cut, [], 'every name is read whole');
  const firstFigures = await page.locator('.cp-row .cp-row-figures').first().innerText();
  const period = await page.getByTestId('compliance-period').innerText();
  const button = page.getByTestId('export-xlsx');
  const box = await button.boundingBox();
  assert.ok(box && box.height >= 44, 'a touch target');
  const [download] = await Promise.all([page.waitForEvent('download'), button.tap()]);
  assert.match(download.suggestedFilename(), /^ioc-compliance-agency-\d{4}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.worksheets[0]!;
  const col1: unknown[] = [];
  for (let r = 1; r <= ws.rowCount; r++) col1.push(ws.getRow(r).getCell(1).value);
  assert.ok(col1.includes(`Kỳ báo cáo: ${period}`), JSON.stringify(col1.slice(0, 8)));
  const header = col1.indexOf('Cơ quan') + 1;
  assert.deepEqual(col1.slice(header), onScreen, 'the agencies on screen, worst first');
  const first = ws.getRow(header + 1);
  assert.equal(first.getCell(2).value, 'Nộp muộn');
  assert.equal(first.getCell(5).value, 6, `six tourism figures came late, as on screen: ${firstFigures}`);
  assert.match(firstFigures, /6 nộp muộn/);
  assert.equal(first.getCell(8).value, 3, 'three days late');
  await page.close();
});
