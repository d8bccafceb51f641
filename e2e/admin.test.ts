/**
 * The staff desk end to end, in Debian's Chromium against the in-process demo (PGlite in a temp DATA_DIR,
 * memory store): who may open /admin; an admin creates a user in the form (client-side and server-side
 * refusals at their fields) and that user can sign in; staff enrol a waiting screen by its code (typed in
 * lower case with a dash) and the screen's claim answers `paired`; staff revoke it behind the
 * confirmation and the screen's credential stops working; the audit log, as an admin, lists the user
 * creation and the enrolment. No request of the pages carries a token.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { DeviceInfo, PairingClaim, PairingStart } from '../contract/identity.ts';
import { startDemoSystem, type DemoSystem } from '../testing/demo-system.ts';
import { eventually } from '../testing/eventually.ts';

const PASSWORD = 'demo-admin-e2e-password';
const TOKEN = 'demo-admin-e2e-0123456789';
const NEW_USER = { username: 'kiem-tra-e2e', name: 'Người kiểm tra <E2E>', password: 'mat-khau-dau-tien-42' };
const DEVICE_NAME = 'Màn hình thử E2E';

let demo: DemoSystem;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tokenRequests: string[] = [];
let enrolled: DeviceInfo | null = null;

before(async () => {
  demo = await startDemoSystem('admin', { token: TOKEN, password: PASSWORD });
  ({ base, browser } = demo);
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await demo?.close();
});

/** A browser of its own (cookies apart), signed in as `username` when given, through the page's cookies. */
async function desk(username: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  page.on('request', (r) => {
    if (/[?&]token=/.test(r.url())) tokenRequests.push(r.url());
  });
  if (username) {
    const res = await page.request.post(`${base}/api/session`, { data: { username, password: PASSWORD } });
    assert.equal(res.status(), 204, `${username} signs in`);
  }
  return page;
}

async function openSection(page: Page, hash: string): Promise<void> {
  await page.goto(`${base}/admin#${hash}`);
  await page.waitForSelector('[data-testid="admin-page"][data-state="ready"]', { timeout: 15_000 });
}

test('no session goes to sign-in and back; a viewer is told they have no access', async () => {
  const anon = await desk(null);
  await anon.goto(`${base}/admin`);
  await anon.waitForURL((u) => u.pathname === '/' && u.search === '?next=/admin', { timeout: 10_000 });

  const viewer = await desk('nguoi-xem');
  await viewer.goto(`${base}/admin`);
  await viewer.waitForSelector('[data-testid="admin-page"][data-state="forbidden"]', { timeout: 10_000 });
  assert.match(await viewer.locator('h1').innerText(), /Không có quyền/);
  assert.match(await viewer.locator('[data-testid="admin-forbidden"]').innerText(), /nguoi-xem/);
});

test('an admin creates a user in the form, and that user can sign in', async () => {
  const page = await desk('quan-tri');
  await openSection(page, 'nguoi-dung');
  assert.deepEqual(await page.locator('[role="tab"]').allInnerTexts(), [
    'Màn hình',
    'Thiết bị',
    'Người dùng',
    'Nhật ký',
    'Dữ liệu bị từ chối',
  ]);
  assert.equal(await page.locator('[data-testid="tab-users"]').getAttribute('aria-selected'), 'true');
  await page.waitForSelector('[data-testid="user-chuyen-vien"]', { timeout: 10_000 });
  assert.match(await page.locator('[data-testid="user-chuyen-vien"]').innerText(), /Chuyên viên/);
  assert.match(await page.locator('[data-testid="user-can-bo-xa"]').innerText(), /Phường Bắc Nha Trang/);

  await page.getByRole('button', { name: 'Tạo người dùng', exact: true }).click();
  const form = page.locator('[data-testid="user-form"]');
  await form.waitFor();
  // A taken name and a short password: the password is refused before sending, at its field.
  await page.fill('#user-username', 'chuyen-vien');
  await page.fill('#user-name', NEW_USER.name);
  await page.fill('#user-password', 'ngan');
  await form.getByRole('button', { name: 'Tạo người dùng' }).click();
  assert.match(await page.locator('[data-testid="user-password-error"]').innerText(), /ít nhất 10 ký tự/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'user-password', 'focus goes to the field');
  // The server refuses the taken name (409), at the username field.
  await page.fill('#user-password', NEW_USER.password);
  await form.getByRole('button', { name: 'Tạo người dùng' }).click();
  await page.waitForSelector('[data-testid="user-username-error"]', { timeout: 10_000 });
  assert.match(await page.locator('[data-testid="user-username-error"]').innerText(), /đã có người dùng/);

  // A viewer of one group in one commune.
  await page.fill('#user-username', NEW_USER.username);
  await form.getByLabel('Tất cả các nhóm').uncheck();
  await form.getByLabel('Thu ngân sách nhà nước').check();
  await form.getByLabel('Chỉ các xã, phường được chọn').check();
  await form.getByLabel('Tìm xã, phường').fill('bac nha');
  await form.getByLabel('Phường Bắc Nha Trang').check();
  await form.getByRole('button', { name: 'Tạo người dùng' }).click();

  const row = page.locator(`[data-testid="user-${NEW_USER.username}"]`);
  await row.waitFor({ timeout: 10_000 });
  const text = await row.innerText();
  assert.match(text, /Người kiểm tra <E2E>/, 'the name as text');
  assert.match(text, /Người xem/);
  assert.match(text, /Thu ngân sách nhà nước · Phường Bắc Nha Trang/);
  assert.match(text, /Phải đổi mật khẩu/);
  assert.match(await page.locator('[data-testid="admin-notice"]').innerText(), /Đã tạo người dùng kiem-tra-e2e/);

  // The only admin cannot lock themselves: the server's 409 shows in the confirmation.
  await page.locator('[data-testid="user-quan-tri"]').getByRole('button', { name: 'Khóa quan-tri' }).click();
  const lock = page.locator('[data-testid="lock-dialog"]');
  await lock.getByRole('button', { name: 'Khóa tài khoản' }).click();
  await eventually(
    async () =>
      /quản trị viên cuối cùng/.test(
        (await lock
          .locator('[role="alert"]')
          .textContent()
          .catch(() => '')) ?? '',
      ),
    'the last-admin refusal',
    10_000,
  );
  await lock.getByRole('button', { name: 'Hủy' }).click();
  await lock.waitFor({ state: 'detached' });

  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: NEW_USER.username, password: NEW_USER.password }),
  });
  assert.equal(signIn.status, 204, 'the new user signs in');
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  const me = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as {
    username: string;
    role: string;
    scope: unknown;
  };
  assert.equal(me.username, NEW_USER.username);
  assert.equal(me.role, 'viewer');
  assert.deepEqual(me.scope, { groups: ['budget'], areas: ['22333'] });
});

test('staff enrol a waiting screen by its code, and revoke it behind a confirmation', async () => {
  const screen = await request.newContext({ baseURL: base });
  try {
    const start = (await (await screen.post('/api/pairings')).json()) as PairingStart;
    const claim = async () =>
      (await (
        await screen.post(`/api/pairings/${start.pairingId}/claim`, { data: { claimSecret: start.claimSecret } })
      ).json()) as PairingClaim;
    assert.equal((await claim()).status, 'waiting');

    const page = await desk('chuyen-vien');
    await openSection(page, 'thiet-bi');
    assert.equal(await page.locator('[data-testid="tab-users"]').count(), 0, 'staff have no users section');
    assert.equal(await page.locator('[data-testid="tab-audit"]').count(), 0, 'nor the audit log');
    await page.waitForSelector('#enrol-screen option[value="man-hinh-1"]', { state: 'attached', timeout: 10_000 });

    // Nothing chosen: every field says what it needs.
    await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
    for (const f of ['code', 'screen', 'name']) assert.ok(await page.locator(`[data-testid="enrol-${f}-error"]`).isVisible(), f);

    // A well-formed code no screen is showing: refused by the server, at the code field.
    const other = start.code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    await page.fill('#enrol-code', other.toLowerCase());
    await page.selectOption('#enrol-screen', 'man-hinh-1');
    await page.fill('#enrol-name', DEVICE_NAME);
    await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
    await eventually(
      async () => /đang chờ với mã này/.test((await page.locator('[data-testid="enrol-code-error"]').textContent()) ?? ''),
      'the unknown code refused at its field',
      10_000,
    );

    // The real code, typed the way people type it.
    const typed = `${start.code.slice(0, 3).toLowerCase()}-${start.code.slice(3).toLowerCase()}`;
    await page.fill('#enrol-code', typed);
    await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
    await eventually(
      async () =>
        /Đã ghép nối/.test(
          (await page
            .locator('[data-testid="admin-notice"]')
            .textContent()
            .catch(() => '')) ?? '',
        ),
      'the enrolment notice',
      10_000,
    );
    assert.equal(await page.inputValue('#enrol-code'), '', 'the form is cleared');

    const paired = await claim();
    assert.equal(paired.status, 'paired');
    enrolled = paired.status === 'paired' ? paired.device : null;
    assert.ok(enrolled);
    assert.equal(enrolled.screen, 'man-hinh-1');
    assert.equal(enrolled.name, DEVICE_NAME);
    assert.equal((await screen.get('/api/session')).status(), 200, 'the screen holds its device cookie');

    const row = page.locator(`[data-testid="device-${enrolled.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    const text = await row.innerText();
    assert.match(text, /Màn hình 1 \(trái\)/);
    assert.match(text, /Ghép nối/);
    assert.match(text, /\(bạn\)/, 'created by the signed-in staff member');

    // Cancelling the confirmation revokes nothing.
    await row.getByRole('button', { name: /Thu hồi/ }).click();
    const dialog = page.locator('[data-testid="revoke-dialog"]');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Màn hình thử E2E/);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hủy', 'the focus starts on Hủy');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await screen.get('/api/session')).status(), 200, 'still enrolled after cancelling');

    await row.getByRole('button', { name: /Thu hồi/ }).click();
    await dialog.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal((await screen.get('/api/session')).status(), 401, 'the revoked screen’s credential no longer works');

    await page.getByLabel('Hiện cả thiết bị đã thu hồi').check();
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await row.getAttribute('data-revoked'), 'true');
    assert.match(await row.innerText(), /Đã thu hồi lúc \d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  } finally {
    await screen.dispose();
  }
});

test('the audit log, as an admin, lists the user creation and the enrolment', async () => {
  assert.ok(enrolled, 'the enrolment test ran');
  const page = await desk('quan-tri');
  await openSection(page, 'nhat-ky');
  await page.waitForSelector('[data-testid="audit-row"]', { timeout: 10_000 });
  const created = page.locator('[data-testid="audit-row"][data-action="user.create"][data-outcome="ok"]');
  await created.first().waitFor({ timeout: 10_000 });
  const createdText = await created.first().innerText();
  assert.match(createdText, /Tạo người dùng/);
  assert.match(createdText, /Người dùng kiem-tra-e2e/, 'the target by its username');
  assert.match(createdText, /\d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/, 'Vietnam time');

  // Only enrolments: the refused unknown code and the real one.
  await page.selectOption('#audit-action', 'device.enrol');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await eventually(
    async () => {
      const actions = await page
        .locator('[data-testid="audit-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      return actions.length >= 2 && actions.every((a) => a === 'device.enrol');
    },
    'only enrolments listed',
    10_000,
  );
  const ok = page.locator('[data-testid="audit-row"][data-outcome="ok"]');
  assert.equal(await ok.count(), 1);
  const okText = await ok.innerText();
  assert.match(okText, /Ghép nối thiết bị/);
  assert.match(okText, /Chuyên viên|chuyen-vien/);
  assert.match(okText, new RegExp(`Thiết bị ${DEVICE_NAME}`));
  await ok.getByText('Xem').click();
  assert.match(await ok.locator('pre').innerText(), /"screen": "man-hinh-1"/);
  assert.equal(await page.locator('[data-testid="audit-row"][data-outcome="refused"]').count(), 1, 'the unknown code');

  // Filtering by the staff member as actor keeps their rows only.
  await page.selectOption('#audit-action', '');
  const staffId = await page.locator('#audit-actor option', { hasText: '(chuyen-vien)' }).getAttribute('value');
  assert.ok(staffId);
  await page.selectOption('#audit-actor', staffId);
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await eventually(
    async () => {
      const actions = await page
        .locator('[data-testid="audit-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      return actions.includes('device.revoke') && !actions.includes('user.create');
    },
    'the staff member’s actions',
    10_000,
  );
});

test('the screens section lists the wall’s screens; no page request carried a token', async () => {
  const page = await desk('chuyen-vien');
  await openSection(page, 'man-hinh');
  await page.waitForSelector('[data-testid="screen-man-hinh-1"]', { timeout: 10_000 });
  assert.match(await page.locator('[data-testid="admin-summary"]').innerText(), /^\d+\/\d+ màn hình đang hoạt động$/);
  // The tabs work from the keyboard.
  await page.focus('[data-testid="tab-screens"]');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-testid="section-devices"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-devices');
  assert.equal(new URL(page.url()).hash, '#thiet-bi');
  assert.deepEqual(tokenRequests, []);
});
