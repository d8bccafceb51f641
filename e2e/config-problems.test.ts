/**
 * End to end: a configuration file broken by hand while the server runs is shown to staff at the top of
 * /admin ("Tệp cấu hình lỗi", with the file, the line and the field), while the running configuration
 * stays (the page is still served as it was); fixed again, the notice goes away.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigList } from '../contract/workspace.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie, signIn } from '../testing/pages.ts';
import { eventually } from '../testing/eventually.ts';

const PASSWORD = 'e2e-cau-hinh-mat-khau-2026';
const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-config-'));
let demo: DemoSystem;

before(async () => {
  cpSync('config', dir, { recursive: true });
  demo = await startDemoSystem('config-problems', {
    token: 'e2e-config-demo-token-0123',
    password: PASSWORD,
    env: { CONFIG_DIR: dir },
  });
});

after(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a file broken by hand is reported in /admin with its line, the wall keeps its page, and the notice goes when fixed', async () => {
  const file = join(dir, 'screens', 'tong-quan.yaml');
  const original = readFileSync(file, 'utf8');
  const cookie = await sessionCookie(demo.base, 'chuyen-vien', PASSWORD);
  const invalid = async () =>
    ((await (await fetch(`${demo.base}/api/config/pages`, { headers: { cookie } })).json()) as ConfigList).invalid;
  writeFileSync(
    file,
    original.replace('indicator: budget.revenue_total, at: { col: 0', 'indicator: budget.khong_co, at: { col: 0'),
  );
  await eventually(async () => (await invalid()).length === 1, 'the server noticed the broken file');

  const page = await demo.browser.newPage();
  try {
    await signIn(page, demo.base, 'chuyen-vien', PASSWORD, '/admin');
    const notice = page.locator('[data-testid="admin-config-problems"]');
    await notice.waitFor({ timeout: 15_000 });
    const text = await notice.innerText();
    assert.match(text, /Tệp cấu hình lỗi/);
    assert.match(text, /screens\/tong-quan\.yaml/);
    assert.match(text, /dòng 7 · panels\.0\.indicator: unknown indicator "budget\.khong_co"/);
    assert.match(text, /vẫn chạy theo phiên bản hợp lệ trước đó/);
    const served = await fetch(`${demo.base}/api/screens/tong-quan`, { headers: { cookie } });
    const body = (await served.json()) as { screen: { panels: { indicator?: string }[] } };
    assert.equal(body.screen.panels[0]!.indicator, 'budget.revenue_total', 'the running page is the last valid one');

    writeFileSync(file, original);
    await eventually(async () => (await invalid()).length === 0, 'the server saw the fix');
    await page.reload();
    await page.locator('[data-testid="admin-page"]').waitFor();
    await page.locator('[role="tablist"]').waitFor({ timeout: 15_000 });
    assert.equal(await notice.count(), 0, 'no notice once the file loads again');
  } finally {
    await page.close();
  }
});

test('a hand edit of a screen file goes live on an open wall without a reload; a broken one leaves the wall running', async () => {
  const file = join(dir, 'screens', 'tong-quan.yaml');
  const original = readFileSync(file, 'utf8');
  const first = 'indicator: budget.revenue_total, at: { col: 0';
  assert.ok(original.includes(first), 'the first panel of tong-quan is the revenue tile');
  const page = await demo.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  try {
    await page.goto(`${demo.base}/wall/tong-quan?token=e2e-config-demo-token-0123`);
    const tile = page.locator('[data-testid="panel-0"]');
    await tile.locator('[data-testid="kpi-value"]').waitFor({ timeout: 60_000 });
    // A mark on this very document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { handEditMark: number }).handEditMark = 1));

    writeFileSync(file, original.replace(first, 'indicator: budget.revenue_total, title: Thu ngân sách (sửa tay), at: { col: 0'));
    await eventually(
      async () => (await tile.innerText()).includes('Thu ngân sách (sửa tay)'),
      'the new title on the open wall',
      30_000,
    );
    assert.equal(await page.evaluate(() => (window as unknown as { handEditMark?: number }).handEditMark), 1, 'no reload');

    // Broken by hand: the wall keeps what it shows, still live; the server reports the file.
    writeFileSync(file, original.replace(first, 'indicator: budget.khong_co, at: { col: 0'));
    const cookie = await sessionCookie(demo.base, 'chuyen-vien', PASSWORD);
    await eventually(
      async () =>
        ((await (await fetch(`${demo.base}/api/config/pages`, { headers: { cookie } })).json()) as ConfigList).invalid.length ===
        1,
      'the broken file reported',
    );
    await page.waitForTimeout(1000);
    assert.match(await tile.innerText(), /Thu ngân sách \(sửa tay\)/, 'the wall still shows the last valid page');
    assert.ok(await tile.locator('[data-testid="kpi-value"]').isVisible());
    assert.equal(await page.evaluate(() => (window as unknown as { handEditMark?: number }).handEditMark), 1, 'still no reload');
  } finally {
    writeFileSync(file, original);
    await page.close();
  }
});
