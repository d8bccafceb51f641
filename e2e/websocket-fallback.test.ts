/**
 * A network that blocks websockets (some hotel and agency networks do): the wall still gets its figures
 * and its live changes over Socket.IO's long-polling, both when websockets never worked and when they
 * stop working after they had (a tablet carried from the office to a hotel): the reconnection must go
 * back to polling, not retry websockets for good (which socket.io-client's `rememberUpgrade` does when
 * websockets are closed rather than failing: this test failed with it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, WebSocketRoute } from 'playwright-core';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';

const TOKEN = 'demo-token-ws-fallback-0123456789';
let demo: DemoSystem;

before(async () => {
  demo = await startDemoSystem('ws-fallback', { token: TOKEN, password: 'demo-ws-fallback-password' });
});
after(async () => {
  await demo?.close();
});

/** Doubles this month's province revenue; the wall's first tile (the year's total) must change. */
async function correctRevenue(): Promise<void> {
  const db = demo.system.db!;
  await db.query(
    `UPDATE ioc_report_values SET value = value * 2, updated_at = now()
      WHERE indicator_id = 'budget.revenue_total' AND area_code = '56'
        AND period = (SELECT max(period) FROM ioc_report_values
                       WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period ~ '^\\d{4}-\\d{2}$' AND value IS NOT NULL)`,
  );
}

async function tileValue(page: Page): Promise<string> {
  const figure = page.locator('[data-testid="panel-0"] [data-testid="kpi-value"]');
  await figure.waitFor({ timeout: 30_000 });
  return figure.innerText();
}

async function changes(page: Page, from: string, what: string): Promise<void> {
  await page.waitForFunction(
    (was) => {
      const el = document.querySelector('[data-testid="panel-0"] [data-testid="kpi-value"]');
      return !!el && el.textContent !== was;
    },
    from,
    { timeout: 20_000 },
  );
  assert.notEqual(await tileValue(page), from, what);
}

test('websockets blocked from the start: figures and live changes over long-polling', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  let refused = 0;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    refused++;
    void ws.close();
  });
  await page.goto(`${demo.base}/wall/tong-quan?token=${TOKEN}`);
  const before = await tileValue(page);
  assert.ok(refused > 0, 'the page tried a websocket and was refused');
  await correctRevenue();
  await changes(page, before, 'the change reached the wall over polling');
  await page.close();
});

test('websockets stop working after they had: the wall goes back to polling and keeps its figures live', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  let blocked = false;
  const open = new Set<WebSocketRoute>();
  let connected = 0;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (blocked) return void ws.close();
    connected++;
    ws.connectToServer();
    open.add(ws);
  });
  await page.goto(`${demo.base}/wall/tong-quan?token=${TOKEN}`);
  const before = await tileValue(page);
  assert.ok(connected > 0, 'the wall was on a websocket');
  // The network changes: open websockets drop, new ones are refused.
  blocked = true;
  for (const ws of open) await ws.close();
  await correctRevenue();
  await changes(page, before, 'the change reached the wall after the websocket failed');
  await page.close();
});
