/**
 * The demo on 2 December (IOC_DEMO_NOW, and the page's clock fixed to the same instant), as a leader sees
 * it in Chromium: the wall shows November — the latest month actually reported — with its status, never
 * a December that has barely begun; the ranking says how many communes have reported ("N/65"); and
 * staff signed in through the sign-in page download the same ranking as XLSX with the same figures.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { signIn } from '../testing/pages.ts';

const TOKEN = 'demo-calendar-e2e-0123456789';
const PASSWORD = 'demo-calendar-e2e-mat-khau';
const NOW = '2026-12-02T03:00:00Z'; // 10:00 in Khánh Hòa
let demo: DemoSystem;

before(async () => {
  demo = await startDemoSystem('calendar', { token: TOKEN, password: PASSWORD, env: { IOC_DEMO_NOW: NOW } });
});

after(async () => {
  await demo?.close();
});

async function newPage(): Promise<Page> {
  const page = await demo.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.clock.setFixedTime(new Date(NOW));
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  return page;
}

const panelText = (page: Page, i: number) => page.locator(`[data-testid="panel-${i}"]`).innerText();

test('on 2 December the wall shows November with its status and the ranking says how many communes reported', async () => {
  const page = await newPage();
  await page.goto(`${demo.base}/wall/tong-quan?token=${TOKEN}`);
  await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="panel-5"] .ranking-row', { timeout: 30_000 });
  const budget = await panelText(page, 0);
  assert.match(budget, /11 tháng năm 2026 \(lũy kế, ước tính\)/, budget);
  assert.match(budget, /Riêng tháng 11:/, budget);
  const ranking = await panelText(page, 5);
  assert.match(ranking, /Tháng 11\/2026 \((ước tính|chính thức|sơ bộ)\)/, ranking);
  const reported = /(\d+)\/65 xã, phường đã báo cáo/.exec(ranking);
  assert.ok(reported, ranking);
  const n = Number(reported[1]);
  assert.ok(n >= 33 && n <= 65, `${n}/65 reported`);
  const wall = await page.locator('body').innerText();
  assert.doesNotMatch(wall, /[Tt]háng 12\/2026|Riêng tháng 12|12 tháng năm 2026/, 'December has barely begun');
  await page.close();
});

test('staff download the ranking as XLSX through the page: same period, same count, figures as numbers', async () => {
  const page = await newPage();
  await signIn(page, demo.base, 'chuyen-vien', PASSWORD);
  const got = await page.evaluate(async () => {
    // The page's own cookie API client, as the ExportXlsxButton uses it.
    const res = await fetch('/api/exports/xlsx', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'ranking', group: 'public_admin', indicator: 'public_admin.online_rate' }),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      b64: btoa(bin),
    };
  });
  assert.equal(got.status, 200);
  assert.match(got.disposition ?? '', /ioc-ranking-public_admin\.online_rate-2026-11\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(Buffer.from(got.b64, 'base64')).buffer);
  const ws = wb.worksheets[0]!;
  const col1: unknown[] = [];
  for (let r = 1; r <= ws.rowCount; r++) col1.push(ws.getRow(r).getCell(1).value);
  assert.ok(
    col1.some((v) => typeof v === 'string' && /^Kỳ báo cáo: Tháng 11\/2026/.test(v)),
    JSON.stringify(col1.slice(0, 8)),
  );
  const count = col1.find((v) => typeof v === 'string' && /\/65 xã, phường đã báo cáo$/.test(v)) as string;
  assert.ok(count, 'the sheet says how many reported');
  const header = col1.indexOf('Hạng') + 1;
  const first = ws.getRow(header + 1);
  assert.equal(first.getCell(1).value, 1);
  assert.equal(typeof first.getCell(3).value, 'number');
  assert.equal(first.getCell(4).value, '%');
  assert.equal(ws.rowCount - header, Number(count.split('/')[0]), 'one row per reporting commune');

  await page.close();
});
