/**
 * The staff workspace end to end, in Debian's Chromium against the demo system (a copy of config/ in a
 * temporary folder, so publishing writes there): a staff member on a 1366×768 laptop makes room on the
 * overview page, adds a panel, drags it into place with the mouse, turns it into a gauge, sees it in the
 * live preview, and publishes after seeing which screens change; a wall open in another browser shows
 * the gauge without reloading. A threshold the wrong way round is refused at its field. Two editors
 * racing: the second gets the conflict dialog (not a lost edit) and merges. A rollback restores the
 * previous wall, again without a reload. Data health names the reporting agencies with figures past their
 * deadline (as the compliance answer counts them). A screen file broken by hand is named, with its line,
 * at the top of the workspace while the wall keeps running. A KPI tile set to a commune and to its
 * in-period figure shows that commune's figure, named, on the open wall.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { ScreenConfig } from '../contract/config.ts';
import type { CompliancePayload } from '../contract/compliance.ts';
import type { GroupSnapshot } from '../contract/messages.ts';
import { formatNumber } from '../dashboard/src/format/vi.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { signIn } from '../testing/pages.ts';

const PASSWORD = 'demo-workspace-e2e-password';
const TOKEN = 'demo-workspace-e2e-0123456789';
const LAPTOP = { width: 1366, height: 768 };

let demo: DemoSystem;
let configDir: string;
const contexts: BrowserContext[] = [];
let wall: Page;
let editor: Page;

before(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'ioc-workspace-config-'));
  cpSync('config', configDir, { recursive: true });
  demo = await startDemoSystem('workspace', { token: TOKEN, password: PASSWORD, env: { CONFIG_DIR: configDir } });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await demo?.close();
  rmSync(configDir, { recursive: true, force: true });
});

async function newPage(viewport = LAPTOP): Promise<Page> {
  const ctx = await demo.browser.newContext({ viewport });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  return page;
}

async function openEditor(username: string): Promise<Page> {
  const page = await newPage();
  await signIn(page, demo.base, username, PASSWORD);
  await page.locator('a[href="/workspace"]').click();
  await page.waitForSelector('[data-testid="workspace"][data-state="ready"]', { timeout: 15_000 });
  await page.locator('#ws-page').selectOption('tong-quan');
  await page.waitForFunction(() => document.querySelector('[data-testid="ws-state"]')?.textContent?.includes('Phiên bản'));
  return page;
}

async function livePage(): Promise<ScreenConfig> {
  const res = await editor.request.get(`${demo.base}/api/config/pages/tong-quan`);
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { item?: ScreenConfig; page?: ScreenConfig };
  return (body.item ?? body.page)!;
}

async function publish(page: Page): Promise<void> {
  await page.locator('[data-testid="ws-publish"]').click();
  await page.locator('[data-testid="ws-confirm-publish"]:not([disabled])').click();
}

test('a staff member adds a panel by dragging, previews it and publishes; the open wall shows it without reloading', async () => {
  wall = await newPage({ width: 1920, height: 1080 });
  await wall.goto(`${demo.base}/wall/tong-quan?token=${TOKEN}`);
  await wall.waitForSelector('[data-testid="panel-6"][data-kind="group-overview"]', { timeout: 20_000 });
  await wall.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  editor = await openEditor('chuyen-vien');
  // The overview page is full: remove the group overview on the right to make room.
  await editor.locator('[data-testid="ws-box-6"]').click();
  await editor.locator('[data-testid="ws-remove-panel"]').click();
  await editor.locator('[data-testid="ws-add-panel"]').click();
  const box = editor.locator('[data-testid="ws-box-6"]');
  assert.equal(await box.getAttribute('data-at'), '9,2,3,2', 'the new panel takes the first free place');

  // Drag it two rows down with the mouse.
  const r = (await box.boundingBox())!;
  await editor.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await editor.mouse.down();
  for (let k = 1; k <= 5; k++) await editor.mouse.move(r.x + r.width / 2, r.y + r.height / 2 + (r.height * k) / 5);
  await editor.mouse.up();
  assert.equal(await box.getAttribute('data-at'), '9,4,3,2', 'dropped two rows lower');

  // The keyboard moves it back up one row; dragging onto another panel is refused (it stays).
  await box.focus();
  await editor.keyboard.press('ArrowUp');
  assert.equal(await box.getAttribute('data-at'), '9,3,3,2');
  await editor.keyboard.press('Shift+ArrowLeft');
  assert.equal(await box.getAttribute('data-at'), '9,3,2,2', 'shift+arrow resizes');
  await editor.keyboard.press('Shift+ArrowRight');

  await editor.locator('#ws-f-kind').selectOption('gauge');
  await editor.locator('#ws-f-indicator').selectOption('budget.revenue_total');
  await editor.locator('#ws-f-title').fill('Thu ngân sách so với dự toán');
  // The live preview draws the real gauge with the live figures.
  await editor.waitForSelector(
    '[data-testid="ws-preview"] [data-testid="panel-6"][data-kind="gauge"] [data-testid="gauge-value"]',
    {
      timeout: 15_000,
    },
  );
  assert.match(await editor.locator('[data-testid="ws-preview"] [data-testid="gauge-value"]').innerText(), /^\d[\d.]*,?\d*%$/);

  await editor.locator('[data-testid="ws-publish"]').click();
  await editor.waitForSelector('[data-testid="ws-affected"]', { timeout: 10_000 });
  const affected = await editor.locator('[data-testid="ws-affected"]').innerText();
  assert.match(affected, /man-hinh-2|tong-quan/, 'the screens that will change are listed before publishing');
  await editor.locator('[data-testid="ws-confirm-publish"]').click();
  await editor.waitForSelector('[data-testid="admin-notice"]:has-text("Đã xuất bản")', { timeout: 10_000 });

  await wall.waitForSelector('[data-testid="panel-6"][data-kind="gauge"]', { timeout: 10_000 });
  assert.equal(await wall.locator('[data-testid="panel-6"] .panel-title').innerText(), 'Thu ngân sách so với dự toán');
  assert.equal(await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload');
  const live = await livePage();
  assert.deepEqual(live.panels[6], {
    kind: 'gauge',
    indicator: 'budget.revenue_total',
    title: 'Thu ngân sách so với dự toán',
    at: { col: 9, row: 3, w: 3, h: 2 },
  });
});

test('a threshold the wrong way round is refused at its field, and nothing is published', async () => {
  const before = await livePage();
  await editor.locator('[data-testid="ws-box-6"]').click();
  await editor.locator('[data-testid="ws-f-thresholds-enabled"]').check();
  await editor.locator('#ws-f-thresholds-good').fill('70');
  await editor.locator('#ws-f-thresholds-bad').fill('90');
  const error = editor.locator('[data-testid="ws-f-thresholds-good-error"]');
  await error.waitFor();
  assert.match(await error.innerText(), /ngưỡng tốt phải lớn hơn ngưỡng xấu/);
  assert.equal(await editor.locator('#ws-f-thresholds-good').getAttribute('aria-invalid'), 'true');
  await editor.locator('[data-testid="ws-publish"]').click();
  await editor.waitForSelector('[data-testid="admin-notice"]:has-text("Chưa xuất bản")');
  assert.deepEqual(await livePage(), before);

  // The catalogue refuses the same at its field.
  await editor.locator('[data-testid="ws-tab-catalog"]').click();
  await editor.locator('[data-testid="ws-edit-budget.revenue_total"]').click();
  await editor.locator('[data-testid="ws-ind-thresholds-enabled"]').check();
  await editor.locator('#ws-ind-thresholds-good').fill('50');
  await editor.locator('#ws-ind-thresholds-bad').fill('95');
  await editor.locator('[data-testid="ws-ind-save"]').click();
  assert.match(await editor.locator('[data-testid="ws-ind-thresholds-good-error"]').innerText(), /lớn hơn ngưỡng xấu/);
  await editor.locator('[data-testid="ws-tab-pages"]').click();
  await editor.locator('#ws-page').selectOption('tong-quan');
});

test('two editors racing: the second gets a conflict, not a lost edit, and merges', async () => {
  const a = await openEditor('chuyen-vien');
  const b = await openEditor('quan-tri');
  await a.locator('#ws-title').fill('Tổng quan (đã sửa bởi A)');
  await publish(a);
  await a.waitForSelector('[data-testid="admin-notice"]:has-text("Đã xuất bản")');

  // B, still on the version before, moves the gauge up a row with the keyboard and publishes.
  await b.locator('[data-testid="ws-box-6"]').focus();
  await b.keyboard.press('ArrowUp');
  await publish(b);
  const dialog = b.locator('[data-testid="ws-conflict"]');
  await dialog.waitFor({ timeout: 10_000 });
  assert.match(await dialog.innerText(), /Trang đã được người khác sửa/);
  assert.match(await b.locator('[data-testid="ws-conflict-diff"]').innerText(), /Tổng quan \(đã sửa bởi A\)/);
  assert.equal((await livePage()).panels[6]!.at.row, 3, "B's move is not written over A's publish");
  await b.locator('[data-testid="ws-conflict-merge"]').click();
  await publish(b);
  await b.waitForSelector('[data-testid="admin-notice"]:has-text("Đã xuất bản")', { timeout: 10_000 });
  const merged = await livePage();
  assert.equal(merged.title, 'Tổng quan (đã sửa bởi A)', "A's change kept");
  assert.equal(merged.panels[6]!.at.row, 2, "B's change applied");
  await wall.waitForFunction(() => document.title.startsWith('Tổng quan (đã sửa bởi A)'), undefined, { timeout: 10_000 });
});

test('a rollback restores the previous wall without a reload', async () => {
  const page = await openEditor('chuyen-vien');
  const history = page.locator('[data-testid="ws-history"]');
  await history.locator('li').first().waitFor();
  // The oldest version is the page as it came from the file.
  const oldest = history.locator('li').last();
  await oldest.locator('button:has-text("Khôi phục")').click();
  await page.waitForSelector('[data-testid="admin-notice"]:has-text("Đã khôi phục")', { timeout: 10_000 });
  await wall.waitForSelector('[data-testid="panel-6"][data-kind="group-overview"]', { timeout: 10_000 });
  assert.equal(await wall.locator('[data-kind="gauge"]').count(), 0);
  assert.equal(await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload');
  assert.equal((await livePage()).title, 'Tổng quan kinh tế – xã hội');
});

test('data health lists each source and group with its state; the screens section is the one of /admin', async () => {
  await editor.locator('[data-testid="ws-tab-health"]').click();
  const sources = editor.locator('[data-testid="ws-health-sources"] tbody tr');
  await sources.first().waitFor({ timeout: 15_000 });
  assert.match(await sources.first().innerText(), /reporting|frigate|webhook|hik|onvif|dahua/i);
  const groups = editor.locator('[data-testid="ws-health-groups"] tbody tr');
  assert.ok((await groups.count()) >= 1);
  assert.match(await groups.first().innerText(), /Im lặng|Chậm|Bình thường/);
  // Periods as the wall writes them, never a code such as 2026-11.
  assert.match(await groups.first().innerText(), /Tháng \d{1,2}\/\d{4}|Quý [IV]+\/\d{4}|Năm \d{4}/);

  // Which agency is late: every agency of the compliance answer, those with figures past their deadline marked.
  const res = await editor.request.get(`${demo.base}/api/compliance?by=agency`);
  assert.equal(res.status(), 200);
  const compliance = (await res.json()) as CompliancePayload;
  assert.ok(compliance.rows.length > 0, 'the demo has reporting obligations');
  const agencies = editor.locator('[data-testid="ws-health-agencies"] tbody tr');
  await agencies.first().waitFor({ timeout: 15_000 });
  assert.equal(await agencies.count(), compliance.rows.length);
  for (const r of compliance.rows) {
    const row = editor.locator(`[data-testid="ws-health-agencies"] tr[data-agency="${r.key}"]`);
    const text = await row.innerText();
    assert.ok(text.includes(r.name), `${r.key} is named`);
    if (r.missing > 0) {
      assert.match((await row.getAttribute('data-state')) ?? '', /^(late|silent)$/, `${r.key} is marked late`);
      assert.match(text, new RegExp(`${r.missing.toLocaleString('vi-VN').replace('.', '\\.')} số liệu quá hạn`));
    } else assert.equal(await row.getAttribute('data-state'), 'ok', `${r.key} owes nothing overdue`);
  }
  const worst = compliance.rows.filter((r) => r.missing > 0);
  if (worst.length)
    assert.match(
      await editor.locator('[data-testid="ws-health"] .admin-summary').innerText(),
      /\d+ đơn vị, nguồn hoặc nhóm chậm/,
    );
  await editor.locator('[data-testid="admin-rejected"]').waitFor();
  await editor.locator('[data-testid="ws-tab-screens"]').click();
  await editor.waitForSelector(
    '[data-testid="section-screens"] [data-testid="admin-summary"]:has-text("màn hình đang hoạt động")',
    {
      timeout: 15_000,
    },
  );
});

test('a screen file broken by hand is named with its line at the top of the workspace, and the wall keeps running', async () => {
  const file = join(configDir, 'screens', 'tong-quan.yaml');
  const original = readFileSync(file, 'utf8');
  const first = 'indicator: budget.revenue_total, at: { col: 0';
  assert.ok(original.includes(first), 'the first panel of tong-quan is the revenue tile');
  try {
    writeFileSync(file, original.replace(first, 'indicator: budget.khong_co, at: { col: 0'));
    const page = await openEditor('chuyen-vien');
    const problems = page.locator('[data-testid="admin-config-problems"]');
    await problems.waitFor({ timeout: 20_000 });
    const text = await problems.innerText();
    assert.match(text, /Tệp cấu hình lỗi/);
    assert.match(text, /screens\/tong-quan\.yaml/);
    assert.match(text, /dòng \d+ · panels\.0\.indicator: unknown indicator "budget\.khong_co"/);
    // The editor still opens the running version of the page, and the wall still shows it.
    assert.match(await page.locator('[data-testid="ws-state"]').innerText(), /Phiên bản \d+/);
    await wall.locator('[data-testid="panel-0"] [data-testid="kpi-value"]').waitFor();
    assert.equal(
      await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
      true,
      'no reload',
    );

    writeFileSync(file, original);
    await problems.waitFor({ state: 'detached', timeout: 30_000 });
  } finally {
    writeFileSync(file, original);
  }
});

test("a KPI tile set to a commune, in-period, shows that commune's figure on the open wall", async () => {
  const page = await openEditor('chuyen-vien');
  const INDICATOR = 'budget.revenue_total';
  // The province snapshot the wall subscribes to carries the communes' latest period.
  const res = await page.request.get(`${demo.base}/api/groups/budget/snapshot`);
  assert.equal(res.status(), 200);
  const snap = (await res.json()) as GroupSnapshot;
  const pick = snap.values
    .filter((v) => v.indicator === INDICATOR && v.area.length === 5 && v.value !== null && /^\d{4}-\d{2}$/.test(v.period))
    .sort((a, b) => b.period.localeCompare(a.period) || a.area.localeCompare(b.area))[0];
  assert.ok(pick && pick.value !== null, 'the wall snapshot carries commune figures');
  const want = formatNumber(pick.value);

  await page.locator('[data-testid="ws-box-0"]').click();
  await page.locator('#ws-f-area').selectOption(pick.area);
  await page.locator('#ws-f-basis').selectOption('period');
  const name = (await page.locator('#ws-f-area option:checked').innerText()).trim();
  const preview = page.locator('[data-testid="ws-preview"] [data-testid="panel-0"]');
  await preview.locator(`.panel-period:has-text("${name}")`).waitFor({ timeout: 15_000 });
  assert.equal(await preview.locator('[data-testid="kpi-value"]').innerText(), want, 'the preview shows it');

  await publish(page);
  await page.waitForSelector('[data-testid="admin-notice"]:has-text("Đã xuất bản")', { timeout: 10_000 });
  const tile = wall.locator('[data-testid="panel-0"][data-kind="kpi-tile"]');
  await tile.locator(`.panel-period:has-text("${name}")`).waitFor({ timeout: 10_000 });
  assert.equal(await tile.locator('[data-testid="kpi-value"]').innerText(), want);
  // The commune first, then the month (not "… (lũy kế)").
  assert.match(await tile.locator('.panel-period').innerText(), new RegExp(`^${name} · Tháng \\d{1,2}/\\d{4}`));
  assert.equal(await wall.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload');
  assert.deepEqual((await livePage()).panels[0], {
    kind: 'kpi-tile',
    indicator: INDICATOR,
    area: pick.area,
    basis: 'period',
    at: { col: 0, row: 0, w: 3, h: 2 },
  });
});
