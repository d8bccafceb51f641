/**
 * Who is asking, end to end, as people use it: the demo in one process (embedded PGlite in a temp
 * DATA_DIR, IOC_DEMO_PASSWORD set), the built dashboard in Debian's Chromium.
 *  - every demo role signs in on `/` and sees its own home: greeting, role, the links of GET /api/home,
 *    /admin only for staff and admins; a wrong password is told in Vietnamese and sets no cookie;
 *  - the tablet needs a person: without a session it sends the browser to `/?next=/tablet`, which returns
 *    there after signing in; the commune official sees only commune 22333 and only their groups;
 *  - signing out ends the session on the server (a reload shows the sign-in form, the old cookie is dead);
 *  - a first password given by an admin is changed before anything else, checked in the form first;
 *  - `?next=` never leaves the site, `?sso=` says why single sign-on failed;
 *  - every page (sign-in, home, walls with KPI, chart and map panels, a display, the pairing page, the
 *    tablet with its map and a commune's chart, /admin) runs under the server's CSP with no violation, no
 *    script error, and no `token=` in any address it asks for.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { System } from '../bin/system.ts';
import type { SessionInfo } from '../contract/identity.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { sessionCookie, signIn, watchPages } from '../testing/pages.ts';

const PASSWORD = 'e2e-mat-khau-demo-2026';
const TOKEN = 'e2e-identity-demo-token-0123456789';
let demo: DemoSystem;
let system: System;
let base: string;
let browser: Browser;

before(async () => {
  demo = await startDemoSystem('identity', { token: TOKEN, password: PASSWORD });
  ({ system, base, browser } = demo);
});

after(async () => {
  await demo?.close();
});

async function withContext<T>(fn: (ctx: BrowserContext, page: Page) => Promise<T>, viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  try {
    return await fn(ctx, await ctx.newPage());
  } finally {
    await ctx.close();
  }
}

const hrefsOf = (page: Page) =>
  page.locator('[data-testid="home-link"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));

async function sessionOf(username: string): Promise<Extract<SessionInfo, { kind: 'user' }>> {
  const cookie = await sessionCookie(base, username, PASSWORD);
  return (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as Extract<SessionInfo, { kind: 'user' }>;
}

test('every demo role signs in on the sign-in page and sees its own home', async () => {
  // notes: leaders, agencies, staff and admins read the notes and explanation requests (/notes).
  const rows: { username: string; role: string; admin: boolean; users: boolean; notes: boolean }[] = [
    { username: 'lanh-dao', role: 'Lãnh đạo', admin: false, users: false, notes: true },
    { username: 'nguoi-xem', role: 'Người xem', admin: false, users: false, notes: false },
    { username: 'stc', role: 'Cơ quan báo cáo', admin: false, users: false, notes: true },
    { username: 'chuyen-vien', role: 'Chuyên viên', admin: true, users: false, notes: true },
    { username: 'quan-tri', role: 'Quản trị viên', admin: true, users: true, notes: true },
    { username: 'can-bo-xa', role: 'Người xem', admin: false, users: false, notes: false },
  ];
  const pages = system.config.screens.map((s) => `/wall/${s.id}`);
  const displays = system.config.walls.flatMap((w) => w.displays.map((d) => `/wall/${d.id}`));
  for (const r of rows) {
    const who = await sessionOf(r.username);
    await withContext(async (ctx, page) => {
      await signIn(page, base, r.username, PASSWORD);
      assert.equal(await page.locator('[data-testid="home-greeting"]').innerText(), `Xin chào, ${who.name}`, r.username);
      assert.ok((await page.locator('[data-testid="home-role"]').innerText()).startsWith(r.role), `${r.username}: ${r.role}`);
      await page.locator('[data-testid="home-links"]').waitFor();
      const hrefs = await hrefsOf(page);
      assert.deepEqual(
        hrefs,
        [
          '/tablet',
          '/compliance',
          ...(r.notes ? ['/notes'] : []),
          ...pages,
          ...displays,
          ...(r.admin ? ['/workspace', '/admin'] : []),
        ],
        `${r.username}: the tablet, reporting compliance${r.notes ? ', the notes' : ''}, the wall pages and displays${r.admin ? ', the workspace and /admin' : ''}`,
      );
      if (r.admin)
        assert.equal(
          /người dùng và nhật ký/.test(await page.locator('[data-testid="home-section-admin"]').innerText()),
          r.users,
          `${r.username}: users and the audit log are for admins only`,
        );
      // The credential is the HttpOnly cookie: no script on the page can read it.
      const cookies = await ctx.cookies();
      assert.ok(
        cookies.some((c) => c.name === 'ioc_session' && c.httpOnly),
        'an HttpOnly session cookie',
      );
      assert.equal(await page.evaluate(() => document.cookie.includes('ioc_')), false);
    });
  }
  // The commune official's scope is shown in words on the home.
  await withContext(async (_ctx, page) => {
    await signIn(page, base, 'can-bo-xa', PASSWORD);
    assert.match(await page.locator('[data-testid="home-role"]').innerText(), /1 xã, phường · 3 nhóm chỉ tiêu/);
  });
});

test('a wrong password is told in Vietnamese, and no session is made', async () => {
  await withContext(async (ctx, page) => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="signin-username"]').fill('lanh-dao');
    await page.locator('[data-testid="signin-password"]').fill('khong-phai-mat-khau');
    await page.locator('[data-testid="signin-submit"]').click();
    const error = page.locator('[data-testid="signin-error"]');
    await error.waitFor({ timeout: 10_000 });
    assert.equal(await error.innerText(), 'Sai tên đăng nhập hoặc mật khẩu.');
    assert.equal(await page.locator('[data-testid="home-page"]').count(), 0);
    assert.deepEqual(
      (await ctx.cookies()).filter((c) => c.name === 'ioc_session'),
      [],
    );
    // Empty fields are caught before anything is sent.
    await page.locator('[data-testid="signin-password"]').fill('');
    await page.locator('[data-testid="signin-submit"]').click();
    assert.equal(await error.innerText(), 'Nhập mật khẩu.');
  });
});

test('the tablet needs a person: sign-in with ?next= returns to it; the commune official sees only commune 22333 and their groups', async () => {
  assert.equal(system.config.province.communes[0]!.code, '22333', 'the demo commune official’s commune');
  await withContext(async (_ctx, page) => {
    await page.goto(`${base}/tablet`);
    await page.waitForURL(`${base}/?next=%2Ftablet`, { timeout: 10_000 });
    await page.locator('[data-testid="signin-username"]').fill('can-bo-xa');
    await page.locator('[data-testid="signin-password"]').fill(PASSWORD);
    await page.locator('[data-testid="signin-submit"]').click();
    await page.waitForURL(`${base}/tablet`, { timeout: 15_000 });
    const tablet = page.locator('[data-testid="tablet-page"][data-communes]');
    await tablet.waitFor({ timeout: 30_000 });
    assert.equal(await tablet.getAttribute('data-communes'), '22333', 'only their commune');
    const groups = ['budget', 'citizen_feedback', 'health'];
    assert.deepEqual((await tablet.getAttribute('data-groups'))!.split(','), groups, 'only their groups');
    const offered = await page
      .locator('[data-testid="group-list"] [data-testid^="group-"]')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')!.slice('group-'.length)));
    assert.deepEqual(offered, groups, 'only their groups are offered');
    // A group opens on their own commune, with its figures.
    await page.locator('[data-testid="group-budget"]').click();
    const tiles = page.locator('[data-testid="group-kpis"] [data-testid="kpi-tile"]');
    await tiles.first().waitFor({ timeout: 15_000 });
    assert.deepEqual([...new Set(await tiles.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-area'))))], ['22333']);
    // Who is signed in, and sign-out, are in the tablet's menu.
    await page.locator('[data-testid="tablet-menu"]').click();
    assert.equal(await page.locator('[data-testid="tablet-user"]').innerText(), (await sessionOf('can-bo-xa')).name);
    const signOut = await page.locator('[data-testid="sign-out"]').boundingBox();
    assert.ok(signOut && signOut.height >= 44 && signOut.width >= 44, 'the sign-out control is a 44 px target');
  });
  // A provincial leader sees the whole province.
  await withContext(async (_ctx, page) => {
    await signIn(page, base, 'lanh-dao', PASSWORD, '/tablet');
    const tablet = page.locator('[data-testid="tablet-page"][data-communes]');
    await tablet.waitFor({ timeout: 30_000 });
    assert.equal((await tablet.getAttribute('data-communes'))!.split(',').length, 65);
    assert.equal(await page.locator('[data-testid="group-kpis"]').count(), 0, 'nothing opened by itself: the groups first');
  });
});

test('signing out ends the session: a reload shows the sign-in form, the old cookie is refused', async () => {
  await withContext(async (ctx, page) => {
    await signIn(page, base, 'nguoi-xem', PASSWORD);
    const cookie = (await ctx.cookies()).find((c) => c.name === 'ioc_session')!;
    await page.locator('[data-testid="sign-out"]').click();
    await page.locator('[data-testid="signin-form"]').waitFor({ timeout: 10_000 });
    await page.reload();
    await page.locator('[data-testid="signin-form"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(async () => (await fetch('/api/session')).status), 401);
    const old = await fetch(`${base}/api/session`, { headers: { cookie: `ioc_session=${cookie.value}` } });
    assert.equal(old.status, 401, 'the session ended on the server, not only in this browser');
  });
  // From the tablet too.
  await withContext(async (_ctx, page) => {
    await signIn(page, base, 'stc', PASSWORD, '/tablet');
    await page.locator('[data-testid="tablet-menu"]').click();
    await page.locator('[data-testid="sign-out"]').click();
    await page.waitForURL(`${base}/`, { timeout: 10_000 });
    await page.locator('[data-testid="signin-form"]').waitFor({ timeout: 10_000 });
    await page.goto(`${base}/tablet`);
    await page.waitForURL(`${base}/?next=%2Ftablet`, { timeout: 10_000 });
  });
});

test('a first password given by an admin is changed first, checked in the form before it is sent', async () => {
  const admin = await sessionCookie(base, 'quan-tri', PASSWORD);
  const created = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({
      username: 'e2e-nguoi-moi',
      name: 'Người dùng mới',
      role: 'viewer',
      scope: { groups: '*', areas: '*' },
      password: 'mat-khau-tam-thoi',
    }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  await withContext(async (_ctx, page) => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/session/password')) sent.push(r.method());
    });
    await page.goto(`${base}/?next=%2Ftablet`);
    await page.locator('[data-testid="signin-username"]').fill('e2e-nguoi-moi');
    await page.locator('[data-testid="signin-password"]').fill('mat-khau-tam-thoi');
    await page.locator('[data-testid="signin-submit"]').click();
    await page.locator('[data-testid="password-required"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid="home-links"]').count(), 0, 'nothing else before the new password');

    const fill = async (current: string, next: string, confirm = next) => {
      await page.locator('[data-testid="password-current"]').fill(current);
      await page.locator('[data-testid="password-next"]').fill(next);
      await page.locator('[data-testid="password-confirm"]').fill(confirm);
      await page.locator('[data-testid="password-submit"]').click();
    };
    const problems = page.locator('[data-testid="password-problems"]');
    await fill('mat-khau-tam-thoi', 'ngan');
    assert.equal(await problems.innerText(), 'Mật khẩu phải có ít nhất 10 ký tự.');
    await fill('mat-khau-tam-thoi', 'mot-mat-khau-moi-2026', 'mot-mat-khau-moi-2025');
    assert.equal(await problems.innerText(), 'Mật khẩu nhập lại không khớp.');
    assert.deepEqual(sent, [], 'nothing sent while the form finds a problem');
    await fill('khong-dung-mat-khau', 'mot-mat-khau-moi-2026');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="password-problems"]')?.textContent?.includes('không đúng'),
    );
    assert.equal(await problems.innerText(), 'Mật khẩu hiện tại không đúng.');
    await fill('mat-khau-tam-thoi', 'mot-mat-khau-moi-2026');
    // Changed: on to where the sign-in was going.
    await page.waitForURL(`${base}/tablet`, { timeout: 15_000 });
    assert.deepEqual(sent, ['PUT', 'PUT']);
  });
  await sessionCookie(base, 'e2e-nguoi-moi', 'mot-mat-khau-moi-2026');
  await assert.rejects(sessionCookie(base, 'e2e-nguoi-moi', 'mat-khau-tam-thoi'), /401/);
});

test('?next= never leaves the site; ?sso= says why single sign-on failed', async () => {
  await withContext(async (_ctx, page) => {
    await page.goto(`${base}/?sso=oidc-denied`);
    assert.equal(await page.locator('[data-testid="sso-message"]').innerText(), 'Đăng nhập một lần đã bị từ chối hoặc bị hủy.');
    await page.goto(`${base}/?next=${encodeURIComponent('//evil.example/x')}`);
    await page.locator('[data-testid="signin-username"]').fill('lanh-dao');
    await page.locator('[data-testid="signin-password"]').fill(PASSWORD);
    await page.locator('[data-testid="signin-submit"]').click();
    await page.locator('[data-testid="home-page"]').waitFor({ timeout: 10_000 });
    assert.equal(new URL(page.url()).origin, base, 'still on this server');
  });
});

test('every page runs under the CSP with no violation, no script error and no token in any address', async () => {
  const report: Record<string, { violations: string[]; errors: string[]; tokenUrls: string[] }> = {};
  /** Opens `path` in a context of its own (signed in as `as`, or with the page's ?token=), waits for `ready`. */
  async function visit(name: string, path: string, ready: (page: Page) => Promise<void>, as?: string) {
    const viewport = path.startsWith('/wall/') ? { width: 1920, height: 1080 } : { width: 1280, height: 800 };
    await withContext(async (ctx, page) => {
      const watch = (await watchPages(ctx))(page);
      if (as) await signIn(page, base, as, PASSWORD);
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      await page.goto(`${base}${path}`);
      await ready(page);
      await page.waitForTimeout(1000);
      assert.equal(new URL(page.url()).searchParams.has('token'), false, `${name}: the address keeps no token`);
      // The one address allowed a token is the page's own first one (the server exchanges it, 303).
      const tokenUrls = asked.filter((u) => u.includes('token=') && u !== `${base}${path}`);
      report[name] = { violations: await watch.violations(), errors: watch.errors, tokenUrls };
    }, viewport);
  }
  // The watch itself sees a violation when there is one.
  await withContext(async (ctx, page) => {
    const watch = (await watchPages(ctx))(page);
    await page.goto(`${base}/`);
    await page.locator('[data-testid="signin-form"]').waitFor();
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.appendChild(style);
    });
    await page.waitForTimeout(300);
    const seen = await watch.violations();
    assert.ok(
      seen.some((v) => v.includes('style-src')),
      `an inline <style> is reported: ${JSON.stringify(seen)}`,
    );
  });

  const panelsReady = async (page: Page) => {
    await page.waitForSelector('[data-testid="panel-0"][data-state="ready"]', { timeout: 30_000 });
  };

  await visit('sign-in', '/', (p) => p.locator('[data-testid="signin-form"]').waitFor());
  await visit('home', '/', (p) => p.locator('[data-testid="home-links"]').waitFor(), 'quan-tri');
  await visit('admin', '/admin', (p) => p.locator('#root > *').first().waitFor(), 'chuyen-vien');
  await visit(
    'tablet',
    // An indicator with commune figures: the tablet draws the map there.
    '/tablet?g=budget&i=budget.revenue_total',
    async (p) => {
      await p.waitForSelector('[data-testid="tablet-map"] [data-testid="map-view"]', { timeout: 30_000 });
      await p.waitForFunction(
        () => !!(window as unknown as { __iocMap?: { map: { loaded(): boolean } } }).__iocMap?.map.loaded(),
        null,
        {
          timeout: 30_000,
        },
      );
    },
    'lanh-dao',
  );
  await visit(
    'tablet, a commune and its chart',
    // The commune official's tablet opens on their commune: the indicator's tile and trend chart.
    '/tablet?g=budget&i=budget.revenue_total',
    async (p) => {
      await p.locator('.tablet-trend canvas').first().waitFor({ timeout: 30_000 });
      // The chart's tooltip on hover: drawn on the canvas, no HTML with style attributes.
      const box = await p.locator('.tablet-trend canvas').first().boundingBox();
      if (box) await p.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
    },
    'can-bo-xa',
  );
  await visit('wall: KPI and chart panels', `/wall/tong-quan?token=${TOKEN}`, async (p) => {
    await panelsReady(p);
    await p.waitForSelector('[data-kind="trend-chart"][data-state="ready"] canvas', { timeout: 30_000 });
    const box = await p.locator('[data-kind="trend-chart"] canvas').first().boundingBox();
    if (box) await p.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  });
  await visit('wall: the map (kinh-te-xa-hoi)', `/wall/kinh-te-xa-hoi?token=${TOKEN}`, async (p) => {
    await p.waitForSelector('[data-testid="map-panel"]', { timeout: 30_000 });
  });
  await visit('wall: a display of the wall', `/wall/man-hinh-1?token=${TOKEN}`, panelsReady);
  await visit('wall: the pairing page', '/wall/an-ninh-trat-tu', (p) => p.locator('[data-testid="pairing-code"]').waitFor());

  for (const [name, r] of Object.entries(report))
    console.log(`# ${name}: ${r.violations.length} CSP violations, ${r.errors.length} errors`);
  assert.deepEqual(
    Object.entries(report).filter(([, r]) => r.violations.length || r.errors.length || r.tokenUrls.length),
    [],
    'no page has a CSP violation, a script error or a token in an address',
  );
  assert.equal(Object.keys(report).length, 9);
});
