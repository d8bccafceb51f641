/**
 * The province map end to end, in Debian's Chromium against the in-process demo (PGlite in a temp
 * DATA_DIR, memory store): the wall's map panel draws Khánh Hòa's communes (pixels, not a blank canvas),
 * a tap on a commune on the tablet opens its figures and one tap returns to the province, and the pages
 * fetch nothing from any origin but their own. WebGL here is software (SwiftShader); the renderer
 * string is printed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import type { System } from '../bin/system.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { signIn } from '../testing/pages.ts';
import { labelPoint, type CommuneFeature, type FeatureCollection } from '../dashboard/src/map/geo.ts';

const TOKEN = 'demo-map-e2e-0123456789';
const PASSWORD = 'demo-map-e2e-mat-khau';
let demo: DemoSystem;
let system: System;
let base: string;
let browser: Browser;
const foreign: string[] = [];

const communes = JSON.parse(
  readFileSync('dashboard/src/map/geo/khanh-hoa-communes.geojson', 'utf8'),
) as FeatureCollection<CommuneFeature>;

function watch(page: Page): void {
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${base}/`) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
}

/** Non-background pixels of an element, and how many of them are choropleth colours (orange/blue ramp). */
async function paintedPixels(page: Page, selector: string): Promise<{ total: number; painted: number; ramp: number }> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    let ramp = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
      // Background of the map is #071421.
      if (Math.abs(r - 7) + Math.abs(g - 20) + Math.abs(b - 33) > 30) painted++;
      const orange = r > 200 && g > 80 && g < 200 && b < 120;
      const blue = b > 150 && r < 160 && g > 90;
      if (orange || blue) ramp++;
    }
    return { total: d.length / 4, painted, ramp };
  }, png.toString('base64'));
}

before(async () => {
  // A fixed day: which communes have reported this month follows the demo's calendar.
  demo = await startDemoSystem('map', { token: TOKEN, password: PASSWORD, env: { IOC_DEMO_NOW: '2026-12-02T03:00:00Z' } });
  ({ system, base, browser } = demo);
});

after(async () => {
  await demo?.close();
});

test('the wall map panel draws the province: communes coloured, legend in vi-VN, attribution shown', async () => {
  const device = system.config.devices.devices.find((d) => d.screen === 'kinh-te-xa-hoi');
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watch(page);
  await page.goto(`${base}/wall/kinh-te-xa-hoi?token=${device?.token ?? TOKEN}`);
  await page.waitForSelector('[data-testid="map-panel"]', { timeout: 30_000 });
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
  });
  console.log(`# WebGL renderer: ${renderer}`);
  // Wait until the choropleth has drawn (software GL takes a moment).
  let px = { total: 1, painted: 0, ramp: 0 };
  for (let i = 0; i < 30 && px.ramp / px.total < 0.03; i++) {
    await page.waitForTimeout(500);
    px = await paintedPixels(page, '[data-testid="map-view"]');
  }
  console.log(
    `# map pixels: ${px.total}, painted ${px.painted} (${((100 * px.painted) / px.total).toFixed(1)} %), choropleth colours ${px.ramp}`,
  );
  assert.ok(px.painted / px.total > 0.15, 'the map is not a blank canvas');
  assert.ok(px.ramp / px.total > 0.03, 'communes are coloured by the indicator');
  const legend = await page.locator('[data-testid="map-legend"]').innerText();
  assert.match(legend, /Tháng \d{1,2}\/\d{4}/, 'period in Vietnamese');
  assert.match(legend, /Đơn vị: %/, 'unit');
  assert.match(legend, /\d+,\d/, 'vi-VN decimal comma');
  assert.match(await page.locator('.map-attribution').innerText(), /vietnamese-provinces-database \(MIT, © 2021 Thang Le Quoc\)/);
  assert.equal(await page.locator('[data-testid="map-inset"]').count(), 1, 'Trường Sa inset in the province view');
  await page.close();
});

test('tablet: a tap on a commune opens its figures; one tap on "Khánh Hòa" returns to the province', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, isMobile: false });
  const page = await ctx.newPage();
  watch(page);
  // The tablet is a person's: signed in as the demo leader, on an indicator with commune figures.
  const at0 = '/tablet?g=budget&i=budget.revenue_total';
  await signIn(page, base, 'lanh-dao', PASSWORD, at0);
  await page.waitForSelector('[data-testid="tablet-map"] [data-testid="map-view"]', { timeout: 30_000 });
  await page.waitForFunction(
    () => !!(window as unknown as { __iocMap?: { map: { loaded(): boolean } } }).__iocMap?.map.loaded(),
    null,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(1500);
  // Phường Nha Trang (22366): tap its label point.
  const f = communes.features.find((x) => x.properties.code === '22366')!;
  const [lon, lat] = labelPoint(f.geometry);
  const at = await page.evaluate(
    ([lo, la]) => {
      const m = (
        window as unknown as {
          __iocMap: { map: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } };
        }
      ).__iocMap.map;
      const pt = m.project([lo!, la!]);
      const r = m.getContainer().getBoundingClientRect();
      return { x: r.left + pt.x, y: r.top + pt.y };
    },
    [lon, lat],
  );
  await page.touchscreen.tap(at.x, at.y);
  const main = page.locator('[data-testid="kpi-main"][data-area="22366"]');
  await main.waitFor({ timeout: 15_000 });
  assert.equal((await page.locator('[data-testid="crumb-commune"]').innerText()).trim(), 'Phường Nha Trang');
  const figure = await main.locator('[data-testid="kpi-value"]').innerText();
  assert.match(figure, /^\d{1,3}(\.\d{3})*(,\d+)?$/, `vi-VN figure, got "${figure}"`);
  // Its row in the commune ranking is marked.
  assert.equal(await page.locator('[data-testid="rank-22366"]').getAttribute('aria-pressed'), 'true');
  // Touch targets: the province crumb is at least 44 px.
  const crumb = await page.locator('[data-testid="crumb-province"]').boundingBox();
  assert.ok(crumb && crumb.height >= 44 && crumb.width >= 44, 'breadcrumb is a 44 px target');
  await page.locator('[data-testid="crumb-province"]').tap();
  await page.locator('[data-testid="kpi-main"][data-area="56"]').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('[data-testid="crumb-commune"]').count(), 0);
  // Mouse works too: a click on the same commune opens it again.
  await page.mouse.click(at.x, at.y);
  await main.waitFor({ timeout: 10_000 });
  await ctx.close();
});

test("history across the reform: a commune's figures before July 2025 come from its former units", async () => {
  const res = await fetch(`${base}/api/tablet/history?area=22333&group=public_admin`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    figures: { period: string; value: number | null; approximate: boolean; sources: { code: string }[] }[];
  };
  const jan = body.figures.find((f) => f.period === '2025-01');
  assert.ok(jan && jan.value !== null, 'Bắc Nha Trang has a figure for 2025-01 through the crosswalk');
  assert.ok(jan.sources.length >= 2, 'from several former wards');
  const map = await fetch(`${base}/api/map/values?indicator=public_admin.dossiers_received&period=2025-03`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const mv = (await map.json()) as { crosswalk: boolean; values: unknown[]; approximate: string[] };
  assert.equal(mv.crosswalk, true);
  assert.equal(mv.values.length, 65, 'every commune of today gets a figure');
  assert.ok(mv.approximate.length > 0 && mv.approximate.length < 65, 'communes formed from split units are marked approximate');
});

test('a new alert appears on the map without a reload (demo camera feeds)', async () => {
  const device = system.config.devices.devices.find((d) => d.screen === 'kinh-te-xa-hoi');
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watch(page);
  await page.goto(`${base}/wall/kinh-te-xa-hoi?token=${device?.token ?? TOKEN}`);
  await page.waitForSelector('[data-testid="map-alert-count"]', { timeout: 30_000 });
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  // The demo's simulated Frigate raises events every few seconds; a pulse layer appears when one arrives.
  await page.waitForTimeout(2000);
  const before = Number(await page.locator('[data-testid="map-view"]').getAttribute('data-alert-points'));
  // A new point and its pulse, seen together (software WebGL here can block the page for a second per frame).
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid="map-view"]');
      return Number(el?.getAttribute('data-alert-points')) > n && Number(el?.getAttribute('data-pulses')) > 0;
    },
    before,
    { timeout: 60_000, polling: 100 },
  );
  const after = Number(await page.locator('[data-testid="map-view"]').getAttribute('data-alert-points'));
  console.log(`# alert points on the map: ${before} → ${after}`);
  assert.ok(after > before, 'the new alert is a point on the map, and it pulses');
  assert.ok(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true), 'no reload');
  await page.close();
});

test('the pages fetched nothing from any origin but their own', () => {
  assert.deepEqual(foreign, []);
});
