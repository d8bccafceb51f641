/**
 * The workspace API against a real PostgreSQL center database and a temporary copy of config/ per test:
 * read with an ETag, publish with If-Match (the YAML keeps its comments, the screen hears of it), stale
 * versions get 409 and never overwrite, drafts that do not validate get 422 at the field, create with
 * If-None-Match, history with diffs, rollback, hand edits picked up (or reported, the running config
 * kept), and the refusals: a path in an id, a 5 MB body, someone who is not staff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../contract/load-config.ts';
import type { Config, ScreenConfig } from '../../contract/config.ts';
import type { ScreenPayload } from '../../contract/http.ts';
import type { Ack, ScreenHeartbeat, StaffAlert } from '../../contract/messages.ts';
import type { ConfigHistory, ConfigItem, ConfigList, DataHealth } from '../../contract/workspace.ts';
import { openCenterDb, type CenterDb } from '../../center/db.ts';
import { createIdentityServices, type IdentityServices } from '../identity/services.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import { createMemoryScreenRegistry } from '../../store/screen-registry.ts';
import { createRealtimeServer } from '../app.ts';
import { createScreensPlugin } from '../screens/plugin.ts';
import { createWorkspacePlugin, type WorkspacePluginOptions } from './plugin.ts';
import { createTestDatabase } from '../../testing/databases.ts';
import { eventually } from '../../testing/eventually.ts';

interface Harness {
  url: string;
  store: Store;
  dir: string;
  config: Config;
  identity: IdentityServices;
  db: CenterDb;
  staff: string;
  device(screen: string): string;
  req(path: string, init?: RequestInit & { as?: string }): Promise<Response>;
  screenSocket(screen: string): Promise<{ socket: Socket; changes: string[] }>;
}

async function withWorkspace(
  label: string,
  fn: (h: Harness) => Promise<void>,
  opts: Partial<WorkspacePluginOptions> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `ioc-ws-${label}-`));
  cpSync('config', dir, { recursive: true });
  const config = loadConfig(dir);
  const database = await createTestDatabase(`ws_${label}`);
  const db = await openCenterDb({ databaseUrl: database.url });
  const sockets: Socket[] = [];
  const store = createMemoryStore();
  await createIdentityServices(db, config).devices.importConfigDevices(config.devices.devices);
  const identity = createIdentityServices(db, config);
  const server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    plugins: [
      createScreensPlugin({ registry: createMemoryScreenRegistry() }),
      createWorkspacePlugin({ configDir: dir, db, debounceMs: 100, ...opts }),
    ],
  });
  const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const staff = config.devices.users.find((u) => u.role === 'staff')!.token;
  const device = (screen: string) => config.devices.devices.find((d) => d.screen === screen)!.token;
  try {
    await fn({
      url,
      store,
      dir,
      config,
      identity,
      db,
      staff,
      device,
      req: (path, init = {}) =>
        fetch(`${url}${path}`, {
          ...init,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${init.as ?? staff}`, ...init.headers },
        }),
      async screenSocket(screen) {
        const socket = connect(url, { auth: { token: device(screen) }, transports: ['websocket'], reconnection: false });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', resolve);
          socket.once('connect_error', reject);
        });
        const changes: string[] = [];
        socket.on('screen:layout-changed', (c) => changes.push(c.screen));
        const hb: ScreenHeartbeat = {
          screen,
          page: screen,
          index: 0,
          count: 1,
          paused: false,
          version: 'test',
          heapBytes: 1e7,
          uptimeS: 1,
          takeover: null,
        };
        const ack = await new Promise<Ack<{ at: string }>>((resolve) => socket.emit('screen:heartbeat', hb, resolve));
        assert.ok(ack.ok, 'the screen joined its room');
        return { socket, changes };
      },
    });
  } finally {
    for (const s of sockets) s.close();
    await server.close();
    await store.close();
    await db.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const PAGE = 'tong-quan';
const pageFile = (h: Harness) => join(h.dir, 'screens', `${PAGE}.yaml`);
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const put = (h: Harness, path: string, body: unknown, headers: Record<string, string>) =>
  h.req(path, { method: 'PUT', body: JSON.stringify(body), headers });

test('read a page with its version, publish it: the file keeps its comments, the screen is told, the payload is new', async () => {
  await withWorkspace('publish', async (h) => {
    const list = await json<ConfigList<ScreenConfig>>(await h.req('/api/config/pages'));
    assert.deepEqual(
      list.items.map((i) => i.id),
      ['an-ninh-trat-tu', 'che-do-bao-cao', 'kinh-te-xa-hoi', 'tong-quan'],
    );
    assert.deepEqual(list.invalid, []);
    const res = await h.req(`/api/config/pages/${PAGE}`);
    assert.equal(res.status, 200);
    const got = await json<ConfigItem<ScreenConfig>>(res);
    assert.equal(res.headers.get('etag'), `"${got.version}"`);
    assert.deepEqual(got.page, got.item, 'the architecture’s `page` field carries the same value');
    const wall = await h.screenSocket('man-hinh-2'); // pinned to tong-quan
    const other = await h.screenSocket('an-ninh-trat-tu');

    const edited = { ...got.item, title: 'Tổng quan (đã sửa)' };
    edited.panels[0]!.at.w = 2;
    const pub = await put(h, `/api/config/pages/${PAGE}`, { page: edited }, { 'if-match': `"${got.version}"` });
    assert.equal(pub.status, 200, await pub.clone().text());
    assert.deepEqual(await pub.json(), { id: PAGE, version: got.version + 1 });

    const text = readFileSync(pageFile(h), 'utf8');
    assert.match(text, /^# Wall screen 1: the province at a glance\./, 'the comment at the top survived');
    assert.match(text, /title: Tổng quan \(đã sửa\)/);
    await eventually(() => wall.changes.includes('man-hinh-2'), 'the display showing the page hears of it');
    const payload = await json<ScreenPayload>(
      await fetch(`${h.url}/api/screens/man-hinh-2`, { headers: { authorization: `Bearer ${h.device('man-hinh-2')}` } }),
    );
    assert.equal(payload.screen.title, 'Tổng quan (đã sửa)', 'the display’s layout is the published one, without a restart');
    assert.deepEqual(other.changes, [], 'a screen that does not show the page is left alone');

    const history = await json<ConfigHistory>(await h.req(`/api/config/history?kind=pages&id=${PAGE}`));
    assert.deepEqual(
      history.versions.map((v) => [v.version, v.action, v.actor.name]),
      [
        [got.version + 1, 'publish', h.config.devices.users.find((u) => u.role === 'staff')!.name],
        [got.version, 'file', 'Tệp cấu hình (sửa trực tiếp)'],
      ],
    );
    assert.match(history.versions[0]!.diff, /^-title: Tổng quan kinh tế – xã hội$/m);
    assert.match(history.versions[0]!.diff, /^\+title: Tổng quan \(đã sửa\)$/m);
    const audit = await h.identity.audit.search({ action: 'config.publish' });
    assert.equal(audit.entries[0]?.target, `pages:${PAGE}`);
  });
});

test('a stale version gets 409 with the current one and never overwrites; no version at all gets 428', async () => {
  await withWorkspace('conflict', async (h) => {
    const got = await json<ConfigItem<ScreenConfig>>(await h.req(`/api/config/pages/${PAGE}`));
    const first = await put(
      h,
      `/api/config/pages/${PAGE}`,
      { page: { ...got.item, title: 'Người thứ nhất' } },
      {
        'if-match': `"${got.version}"`,
      },
    );
    assert.equal(first.status, 200);
    const before = readFileSync(pageFile(h), 'utf8');
    const second = await put(
      h,
      `/api/config/pages/${PAGE}`,
      { page: { ...got.item, title: 'Người thứ hai' } },
      {
        'if-match': `"${got.version}"`,
      },
    );
    assert.equal(second.status, 409);
    const body = await json<{ error: { code: string; version: number; item: ScreenConfig } }>(second);
    assert.equal(body.error.code, 'conflict');
    assert.equal(body.error.version, got.version + 1, 'the current version, to merge or reload');
    assert.equal(body.error.item.title, 'Người thứ nhất');
    assert.equal(readFileSync(pageFile(h), 'utf8'), before, 'the file is untouched');
    const none = await put(h, `/api/config/pages/${PAGE}`, { page: got.item }, {});
    assert.equal(none.status, 428);
    const refused = await h.identity.audit.search({ action: 'config.refused' });
    assert.ok(
      refused.entries.some((e) => (e.detail as { status: number }).status === 409),
      'the conflict is audited',
    );
  });
});

test('drafts that do not validate get 422 at the field, and nothing changes on disk or on screen', async () => {
  await withWorkspace('invalid', async (h) => {
    const got = await json<ConfigItem<ScreenConfig>>(await h.req(`/api/config/pages/${PAGE}`));
    const before = readFileSync(pageFile(h), 'utf8');
    const wall = await h.screenSocket('man-hinh-2');
    const cases: [string, (p: ScreenConfig) => void, string, RegExp][] = [
      ['off the grid', (p) => (p.panels[0]!.at.col = 11), 'panels.0.at', /beyond the 12×6 grid/],
      ['overlapping', (p) => (p.panels[1]!.at.col = 1), 'panels.1.at', /overlaps panel 0/],
      [
        'unknown indicator',
        (p) => ((p.panels[0] as { indicator: string }).indicator = 'budget.nope'),
        'panels.0.indicator',
        /unknown indicator/,
      ],
      ['a key the schema lacks', (p) => ((p as unknown as Record<string, unknown>).colour = 'red'), 'colour', /unknown key/],
    ];
    for (const [name, edit, path, message] of cases) {
      const draft = structuredClone(got.item);
      edit(draft);
      const res = await put(h, `/api/config/pages/${PAGE}`, { page: draft }, { 'if-match': `"${got.version}"` });
      assert.equal(res.status, 422, name);
      const body = await json<{ error: { code: string; issues: { path: string; message: string }[] } }>(res);
      assert.equal(body.error.code, 'invalid-config');
      const issue = body.error.issues.find((i) => i.path === path);
      assert.ok(issue, `${name}: an issue at ${path} in ${JSON.stringify(body.error.issues)}`);
      assert.match(issue.message, message, name);
    }
    // An invalid threshold on an indicator is named at its field too.
    const ind = await json<ConfigItem>(await h.req('/api/config/indicators/budget.revenue_total'));
    const bad = await put(
      h,
      '/api/config/indicators/budget.revenue_total',
      { indicator: { thresholds: { on: 'pctOfPlan', good: 80, bad: 95 } } },
      { 'if-match': `"${ind.version}"` },
    );
    assert.equal(bad.status, 422);
    const badBody = await json<{ error: { issues: { path: string; message: string }[] } }>(bad);
    assert.equal(badBody.error.issues[0]?.path, 'thresholds.good');
    assert.equal(readFileSync(pageFile(h), 'utf8'), before, 'nothing on disk changed');
    assert.deepEqual(wall.changes, [], 'nothing on screen changed');
    assert.equal((await json<ConfigItem>(await h.req(`/api/config/pages/${PAGE}`))).version, got.version);
  });
});

test('create with If-None-Match: *, then 409 for a second create; rollback is a new version with the old content', async () => {
  await withWorkspace('create', async (h) => {
    const base = await json<ConfigItem<ScreenConfig>>(await h.req(`/api/config/pages/${PAGE}`));
    const page = { ...base.item, id: 'trang-moi', title: 'Trang mới' };
    const created = await put(h, '/api/config/pages/trang-moi', { page }, { 'if-none-match': '*' });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(created.headers.get('etag'), '"1"');
    assert.match(readFileSync(join(h.dir, 'screens', 'trang-moi.yaml'), 'utf8'), /^# Created in the workspace by /);
    assert.equal((await put(h, '/api/config/pages/trang-moi', { page }, { 'if-none-match': '*' })).status, 409);

    const v2 = await put(
      h,
      '/api/config/pages/trang-moi',
      { page: { ...page, title: 'Trang mới, bản 2' } },
      { 'if-match': '"1"' },
    );
    assert.equal(v2.status, 200);
    const back = await h.req('/api/config/pages/trang-moi/rollback', { method: 'POST', body: JSON.stringify({ version: 1 }) });
    assert.equal(back.status, 200, await back.clone().text());
    assert.deepEqual(await back.json(), { id: 'trang-moi', version: 3 });
    const now = await json<ConfigItem<ScreenConfig>>(await h.req('/api/config/pages/trang-moi'));
    assert.equal(now.item.title, 'Trang mới');
    const history = await json<ConfigHistory>(await h.req('/api/config/history?kind=pages&id=trang-moi'));
    assert.deepEqual(
      history.versions.map((v) => v.action),
      ['rollback', 'publish', 'create'],
    );
    const missing = await h.req('/api/config/pages/trang-moi/rollback', {
      method: 'POST',
      body: JSON.stringify({ version: 99 }),
    });
    assert.equal(missing.status, 404);
  });
});

test('indicator display settings: name and thresholds written into the group file, comments kept, live in /api/groups', async () => {
  await withWorkspace('indicator', async (h) => {
    const path = '/api/config/indicators/budget.revenue_total';
    const got = await json<ConfigItem<{ name: string }>>(await h.req(path));
    assert.equal(got.item.name, 'Tổng thu NSNN trên địa bàn');
    const res = await put(
      h,
      path,
      { indicator: { name: 'Thu ngân sách', thresholds: { on: 'pctOfPlan', good: 95, bad: 80 } } },
      { 'if-match': `"${got.version}"` },
    );
    assert.equal(res.status, 200, await res.clone().text());
    const text = readFileSync(join(h.dir, 'groups', 'budget.yaml'), 'utf8');
    assert.match(text, /^# Thu ngân sách nhà nước — generated from the shared indicator catalog/);
    assert.match(text, /name: Thu ngân sách\n/);
    const groups = await json<{ id: string; indicators: { id: string; name: string; thresholds?: unknown }[] }[]>(
      await h.req('/api/groups'),
    );
    const ind = groups.find((g) => g.id === 'budget')!.indicators.find((i) => i.id === 'budget.revenue_total')!;
    assert.equal(ind.name, 'Thu ngân sách');
    assert.deepEqual(ind.thresholds, { on: 'pctOfPlan', good: 95, bad: 80 });
    assert.doesNotThrow(() => loadConfig(h.dir), 'the folder still loads at the next start');
  });
});

test('refusals: a path in an id is 400 naming the field, a 5 MB body is 413, people who are not staff get 403; all audited', async () => {
  await withWorkspace('refusals', async (h) => {
    const dots = await h.req('/api/config/pages/..%2F..%2Fetc%2Fpasswd');
    assert.equal(dots.status, 400);
    const body = await json<{ error: { code: string; message: string; field: string } }>(dots);
    assert.equal(body.error.code, 'invalid-payload');
    assert.equal(body.error.field, 'id');
    assert.match(body.error.message, /^id: /);
    const big = await put(
      h,
      `/api/config/pages/${PAGE}`,
      { page: { title: 'x'.repeat(5 * 1024 * 1024) } },
      { 'if-match': '"1"' },
    );
    assert.equal(big.status, 413);
    assert.equal((await json<{ error: { code: string } }>(big)).error.code, 'payload-too-large');
    const device = await h.req(`/api/config/pages/${PAGE}`, { as: h.device(PAGE) });
    assert.equal(device.status, 403);
    assert.equal((await fetch(`${h.url}/api/config/pages`)).status, 401);
    const refused = await eventually(async () => {
      const page = await h.identity.audit.search({ action: 'config.refused' });
      return page.entries.length >= 4 ? page.entries : null;
    }, 'four audited refusals');
    assert.deepEqual(refused.map((e) => (e.detail as { status: number }).status).sort(), [400, 401, 403, 413]);
  });
});

test('hand edits: a valid one goes live and is versioned, a broken one is reported with its line and the running config stays', async () => {
  await withWorkspace('hand', async (h) => {
    const screen = await h.screenSocket(PAGE);
    const before = await json<ConfigItem<ScreenConfig>>(await h.req(`/api/config/pages/${PAGE}`));
    const original = readFileSync(pageFile(h), 'utf8');
    // As an editor saves: write a temporary file, rename it over the original.
    const tmp = join(h.dir, 'screens', '.tong-quan.yaml.swp');
    writeFileSync(tmp, original.replace('title: Tổng quan kinh tế – xã hội', 'title: Sửa tay'));
    renameSync(tmp, pageFile(h));
    await eventually(() => screen.changes.includes(PAGE), 'the screen hears of the hand edit');
    const title = async () =>
      (
        await json<ScreenPayload>(
          await fetch(`${h.url}/api/screens/${PAGE}`, { headers: { authorization: `Bearer ${h.device(PAGE)}` } }),
        )
      ).screen.title;
    assert.equal(await title(), 'Sửa tay');
    const after = await json<ConfigItem<ScreenConfig>>(await h.req(`/api/config/pages/${PAGE}`));
    assert.equal(after.version, before.version + 1);
    const history = await json<ConfigHistory>(await h.req(`/api/config/history?kind=pages&id=${PAGE}`));
    assert.equal(history.versions[0]!.action, 'file');

    // Broken by hand: an unknown indicator on line 7.
    writeFileSync(
      pageFile(h),
      original.replace('indicator: budget.revenue_total, at: { col: 0', 'indicator: budget.khong_co, at: { col: 0'),
    );
    const list = await eventually(async () => {
      const l = await json<ConfigList>(await h.req('/api/config/pages'));
      return l.invalid.length ? l : null;
    }, 'the broken file is reported');
    assert.equal(list.invalid[0]!.file, 'screens/tong-quan.yaml');
    assert.equal(list.invalid[0]!.issues[0]!.path, 'panels.0.indicator');
    assert.equal(list.invalid[0]!.issues[0]!.line, 7);
    assert.equal(await title(), 'Sửa tay', 'the running configuration is kept');
    const audited = await eventually(async () => {
      const page = await h.identity.audit.search({ action: 'config.file' });
      return page.entries.length >= 2 ? page.entries : null;
    }, 'both hand edits audited');
    assert.deepEqual(
      audited.map((e) => e.outcome),
      ['refused', 'ok'],
    );
    assert.equal((await json<ConfigItem>(await h.req(`/api/config/pages/${PAGE}`))).version, after.version);

    // Fixed again: the report goes away.
    writeFileSync(pageFile(h), original);
    await eventually(
      async () => (await json<ConfigList>(await h.req('/api/config/pages'))).invalid.length === 0,
      'report cleared',
    );
    assert.equal(await title(), 'Tổng quan kinh tế – xã hội');
  });
});

test('affected screens and data health', async () => {
  await withWorkspace('affected', async (h) => {
    const affected = await json<{ screens: { id: string; kind: string }[] }>(await h.req(`/api/config/pages/${PAGE}/affected`));
    assert.deepEqual(
      affected.screens.map((s) => `${s.kind}:${s.id}`),
      ['display:man-hinh-1', 'display:man-hinh-2', 'page:tong-quan'],
    );
    const health = await json<DataHealth>(await h.req('/api/health/data'));
    assert.equal(health.groups.length, 22);
    assert.ok(
      health.groups.every((g) => g.state === 'silent' && g.latestPeriod === null),
      'nothing reported yet',
    );
    assert.equal(health.sources[0]!.id, 'reporting-db');
  });
});

test('a source that goes silent raises one staff alert however often it is checked, and one when it is back', async () => {
  const silence = { lateAfterMs: 100, silentAfterMs: 300, realertAfterMs: 60_000 };
  await withWorkspace(
    'silence',
    async (h) => {
      const staff = connect(h.url, { auth: { token: h.staff }, transports: ['websocket'], reconnection: false });
      const viewer = connect(h.url, { auth: { token: h.device(PAGE) }, transports: ['websocket'], reconnection: false });
      try {
        const alerts: StaffAlert[] = [];
        const leaked: StaffAlert[] = [];
        staff.on('staff:alert', (a) => alerts.push(a));
        viewer.on('staff:alert', (a) => leaked.push(a));
        await Promise.all([staff, viewer].map((s) => new Promise<void>((resolve) => s.once('connect', () => resolve()))));
        // Nothing was ever reported: after silentAfterMs the reporting database counts as silent.
        await eventually(() => alerts.length > 0, 'a staff alert', 5000);
        assert.deepEqual([alerts[0]!.kind, alerts[0]!.source], ['source-silent', 'reporting-db']);
        await eventually(async () => {
          const health = await json<DataHealth>(await h.req('/api/health/data'));
          return health.sources.find((s) => s.id === 'reporting-db')?.state === 'silent';
        }, 'the data health shows the source silent');
        // Many more checks (every 20 ms) while it stays silent: still one alert, one audit entry.
        const audited = async () => (await h.identity.audit.search({ action: 'data.source-silent' })).entries.length;
        await eventually(async () => (await audited()) === 1, 'one audit entry');
        const before = alerts.length;
        await h.store.applyChanges(
          'budget',
          [
            {
              indicator: 'budget.revenue_total',
              area: '56',
              period: '2026-10',
              value: 1,
              plan: null,
              status: 'official',
              updatedAt: new Date().toISOString(),
            },
          ],
          new Date().toISOString(),
        );
        await eventually(() => alerts.some((a) => a.kind === 'source-recovered'), 'the recovery');
        assert.equal(before, 1, 'one alert while silent');
        assert.equal(await audited(), 1);
        assert.deepEqual(leaked, [], 'screens and other callers never get staff alerts');
      } finally {
        staff.close();
        viewer.close();
      }
    },
    { health: { reporting: silence, checkEveryMs: 20 } },
  );
});
