/**
 * End to end, as a leader sees it: a real PostgreSQL reporting database, an ingest process and a realtime
 * process that meet only in a real Redis, the built dashboard in Debian's Chromium. A row written by hand
 * into ioc_report_values appears on the wall, formatted, without a reload; when the server goes away the
 * wall keeps its figures under a banner and resyncs by itself when the server returns.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type pg from 'pg';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../contract/load-config.ts';
import { openReportingDb } from '../reporting-db/db.ts';
import { migrate } from '../reporting-db/migrations.ts';
import { seedDemo } from '../reporting-db/demo/seed.ts';
import { parseEnv } from '../bin/env.ts';
import { startSystem, type System } from '../bin/system.ts';
import { TEST_REDIS_URL, createTestDatabase, openWriter, testRedisPrefix, type TestDatabase } from '../testing/databases.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/browser.ts';

const config = loadConfig('config');
const device = config.devices.devices.find((d) => d.screen === 'tong-quan')!;
const log = pino({ level: 'silent' });
let database: TestDatabase;
let redis: ReturnType<typeof testRedisPrefix>;
let ingest: System;
let realtime: System;
let port: number;
let writer: pg.Pool;
let browser: Browser;
let page: Page;

function realtimeEnv(p: number) {
  return parseEnv({
    IOC_ROLE: 'realtime',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    IOC_DATABASE_URL: database.url,
    PORT: String(p),
    HOST: '127.0.0.1',
    IOC_DEMO: '0',
    LOG_LEVEL: 'silent',
  });
}

/** The figure the budget tile shows: revenue so far this year (lũy kế). */
const kpiText = () => page.locator('[data-testid="panel-0"] [data-testid="kpi-value"]').innerText();

before(async () => {
  assert.ok(existsSync('dist/dashboard/index.html'), 'the dashboard is built (npm run build)');
  database = await createTestDatabase('e2e');
  redis = testRedisPrefix('e2e');
  const db = await openReportingDb({ databaseUrl: database.url });
  await migrate(db);
  await seedDemo(db, config, { now: new Date() });
  await db.close();
  writer = openWriter(database.url);

  ingest = await startSystem(
    parseEnv({
      IOC_ROLE: 'ingest',
      DATABASE_URL: database.url,
      IOC_DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      IOC_DEMO: '0',
      IOC_MIGRATE: '0',
      LOG_LEVEL: 'silent',
    }),
    { log },
  );
  realtime = await startSystem(realtimeEnv(0), { log, staticDir: 'dist/dashboard' });
  port = realtime.port!;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
});

after(async () => {
  await browser?.close();
  await realtime?.close();
  await ingest?.close();
  await writer?.end();
  await database?.drop();
  await redis?.cleanup();
});

test('a row written into the reporting database reaches the wall, formatted, without a reload', async () => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`http://127.0.0.1:${port}/`)) foreign.push(r.url());
  });
  const first = `http://127.0.0.1:${port}/wall/tong-quan?token=${device.token}`;
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(first);
  await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout: 15_000 });
  // The token was exchanged for the HttpOnly device cookie (303): the page and its requests never carry it.
  assert.equal(page.url(), `http://127.0.0.1:${port}/wall/tong-quan`);
  assert.deepEqual(
    asked.filter((u) => u !== first && u.includes('token=')),
    [],
  );
  const before = await kpiText();
  assert.match(before, /^\d{1,3}(\.\d{3})*(,\d)?$/, `vi-VN figure, got "${before}"`);
  await page.evaluate(() => ((window as unknown as { __e2eSamePage: boolean }).__e2eSamePage = true));

  // The latest month with a figure, and what the other months of its year add up to.
  const { rows } = await writer.query<{ period: string; others: string }>(
    `SELECT period, (SELECT coalesce(sum(value), 0) FROM ioc_report_values o
                      WHERE o.indicator_id = v.indicator_id AND o.area_code = v.area_code
                        AND o.period LIKE left(v.period, 4) || '-__' AND o.period <> v.period)::text AS others
       FROM ioc_report_values v
      WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND value IS NOT NULL AND period ~ '^\\d{4}-\\d{2}$'
      ORDER BY period DESC LIMIT 1`,
  );
  const { period, others } = rows[0]!;
  const target = 31_234.5; // the year-to-date figure the tile should show after the update
  await writer.query(
    `UPDATE ioc_report_values SET value = $1, status = 'official', updated_at = now()
      WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period = $2`,
    [(target - Number(others)).toFixed(1), period],
  );

  await page.waitForFunction(
    () => document.querySelector('[data-testid="panel-0"] [data-testid="kpi-value"]')?.textContent?.includes('31.234,5'),
    null,
    { timeout: 10_000 },
  );
  assert.equal(await kpiText(), '31.234,5');
  assert.match(await page.locator('[data-testid="panel-0"]').innerText(), /chính thức/i, 'the status follows the revision');
  assert.equal(
    await page.evaluate(() => (window as unknown as { __e2eSamePage?: boolean }).__e2eSamePage),
    true,
    'no page reload',
  );
  assert.deepEqual(foreign, [], 'nothing is fetched from another origin');
});

test('when the server is lost the wall keeps its figures under a banner, then resyncs by itself', async () => {
  await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]');
  const shown = await kpiText();
  await realtime.close();

  await page.waitForSelector('[data-testid="connection-banner"]', { timeout: 15_000 });
  assert.match(await page.locator('[data-testid="connection-banner"]').innerText(), /Mất kết nối máy chủ/);
  assert.equal(await kpiText(), shown, 'the last figures stay on the wall');

  // While the wall is cut off, an agency revises a figure.
  await writer.query(
    `UPDATE ioc_report_values SET value = value + 100, updated_at = now()
      WHERE indicator_id = 'budget.revenue_total' AND area_code = '56'
        AND period = (SELECT max(period) FROM ioc_report_values WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND value IS NOT NULL AND period ~ '^\\d{4}-\\d{2}$')`,
  );
  realtime = await startSystem(realtimeEnv(port), { log, staticDir: 'dist/dashboard' });

  await page.waitForSelector('[data-testid="connection-banner"]', { state: 'detached', timeout: 20_000 });
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="panel-0"] [data-testid="kpi-value"]')?.textContent === expected,
    '31.334,5',
    { timeout: 10_000 },
  );
  assert.equal(
    await page.evaluate(() => (window as unknown as { __e2eSamePage?: boolean }).__e2eSamePage),
    true,
    'resynced without a reload',
  );
});
