/**
 * What a leader sees of a figure's trust, on the demo wall in Chromium: an agency corrects this month's
 * revenue to a figure twenty times last year's; the budget tile says "Cần kiểm tra" (with the rule) and
 * "Đã điều chỉnh" with the earlier figure, without a reload, and the figure itself stays on screen.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { eventually } from '../testing/eventually.ts';

const TOKEN = 'demo-token-trust-e2e-0123456789';
let demo: DemoSystem;

before(async () => {
  demo = await startDemoSystem('trust', { token: TOKEN, password: 'demo-trust-e2e-password' });
});
after(async () => {
  await demo?.close();
});

test('a corrected, implausible revenue figure is marked on the wall tile, never shown as normal', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${demo.base}/wall/tong-quan?token=${TOKEN}`);
  const tile = page.locator('[data-testid="panel-0"]');
  await tile.locator('[data-testid="kpi-value"]').waitFor({ timeout: 30_000 });
  assert.equal(await tile.locator('[data-testid="trust-revised"]').count(), 0, 'nothing marked before the correction');

  const db = demo.system.db!;
  const { rows } = await db.query<{ period: string; value: string; status: string }>(
    `SELECT period, value::text AS value, status FROM ioc_report_values
      WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period ~ '^\\d{4}-\\d{2}$' AND value IS NOT NULL
      ORDER BY period DESC LIMIT 1`,
  );
  const latest = rows[0]!;
  // The tile shows the year-to-date total; after the correction "trước" must give that total as it was,
  // never the month's own earlier value beside a total.
  const totalBefore = await tile.locator('[data-testid="kpi-value"]').innerText();
  await db.query(
    `UPDATE ioc_report_values SET value = value * 20, updated_at = now()
      WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period = $1`,
    [latest.period],
  );

  const implausible = tile.locator('[data-testid="trust-implausible"]');
  await implausible.waitFor({ timeout: 15_000 });
  assert.match(await implausible.innerText(), /Cần kiểm tra/);
  assert.match((await implausible.getAttribute('title')) ?? '', /cùng kỳ năm trước/, 'the rule broken, on demand');
  const revised = tile.locator('[data-testid="trust-revised"]');
  await eventually(async () => (await revised.count()) === 1, 'the revision is marked');
  const text = await tile.locator('.trust-line').innerText();
  assert.match(text, /Đã điều chỉnh/);
  assert.match(text, /trước: [\d.]+(,\d+)? tỷ đồng \((ước tính|sơ bộ|chính thức), \d{2}\/\d{2}\)/);
  assert.ok(text.includes(`trước: ${totalBefore} tỷ đồng (`), `${text} — earlier total ${totalBefore}`);
  assert.match((await implausible.getAttribute('title')) ?? '', /^Riêng tháng \d+: /, 'the rule is about the month');
  assert.match(
    (await tile.locator('[data-testid="kpi-value"]').getAttribute('class')) ?? '',
    /kpi-figure--check/,
    'the figure is amber',
  );
  const box = await implausible.boundingBox();
  assert.ok(box && box.height >= 20, 'legible at wall size');

  // The commune ranking on the same wall: a commune reporting 130 % online dossiers is marked in its row.
  const { rows: online } = await db.query<{ period: string }>(
    `SELECT max(period) AS period FROM ioc_report_values
      WHERE indicator_id = 'public_admin.online_rate' AND period ~ '^\\d{4}-\\d{2}$' AND value IS NOT NULL`,
  );
  await db.query(
    `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
     VALUES ('public_admin.online_rate', $1, $2, 130, 'official', 'TTPVHCC')
     ON CONFLICT (indicator_id, area_code, period) DO UPDATE SET value = 130, updated_at = now()`,
    [demo.system.config.province.communes[0]!.code, online[0]!.period],
  );
  const ranking = page.locator('[data-kind="commune-ranking"]');
  const badge = ranking.locator('.trust-badge.trust-implausible');
  await badge.first().waitFor({ timeout: 15_000 });
  assert.match(await badge.first().innerText(), /Cần kiểm tra/);
  assert.match((await badge.first().getAttribute('aria-label')) ?? '', /ngoài khoảng hợp lý 0–100%/);
  await page.screenshot({ path: 'bench/results/wall-trust.png' }).catch(() => {});
  await page.close();
});
