/**
 * Who may read what, over every path that returns data (issue "Who is asking"): the real server on port 0
 * with the real identity services (PGlite center database), a commune official, staff, an admin, wall
 * devices, real sockets. The route table must name every route the server answers, so a new route
 * without a decision here fails the first test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Ack, GroupUpdated, IndicatorValue, SubscribeResult } from '../contract/messages.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createMemoryAlertStore } from '../store/memory-alert-store.ts';
import { createMemoryScreenRegistry } from '../store/screen-registry.ts';
import { sampleAlert } from '../testing/fixtures.ts';
import { eventually, sleep } from '../testing/eventually.ts';
import { openTestIdentity, type TestIdentity } from '../testing/identity.ts';
import { createRealtimeServer, type RealtimeServer } from './app.ts';
import { createAlertsPlugin } from './alerts/plugin.ts';
import { createWorkspacePlugin } from './workspace/plugin.ts';
import { createScreensPlugin } from './screens/plugin.ts';
import { createTabletPlugin } from './tablet/plugin.ts';
import { createNotesPlugin } from './notes/plugin.ts';
import { createNoteRepo } from '../center/notes.ts';
import { createValuesPlugin } from './values/plugin.ts';
import { createValueHistory } from '../center/value-history.ts';
import { createCompliancePlugin } from './compliance/plugin.ts';
import { createComplianceRepo } from '../center/compliance.ts';
import { createExportsPlugin } from './exports/plugin.ts';
import { createMeetingsPlugin } from './meetings/plugin.ts';
import { createMemoryMeetingStore } from '../store/meeting-store.ts';

const config = loadConfig('config');
const PASSWORD = 'mat-khau-thu-nghiem-01';
const MINE = '22333';
const OTHER = '22366';
const store = createMemoryStore();
const alertStore = createMemoryAlertStore();
const otherAlertId = '00000000-0000-4000-8000-000000000001';
let identity: TestIdentity;
let server: RealtimeServer;
let url: string;
const sockets: Socket[] = [];
const cookies: Record<'xa' | 'staff' | 'admin', string> = { xa: '', staff: '', admin: '' };
const wallDevice = config.devices.devices.find((d) => d.screen === 'tong-quan')!;

const value = (indicator: string, area: string, period: string, v: number): IndicatorValue => ({
  indicator,
  area,
  period,
  value: v,
  plan: null,
  status: 'official',
  updatedAt: new Date().toISOString(),
});

async function signIn(username: string, password = PASSWORD): Promise<Response> {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': username },
    body: JSON.stringify({ username, password }),
  });
}
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

function socket(auth: { cookie?: string; token?: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(auth.token ? { auth: { token: auth.token } } : {}),
      ...(auth.cookie ? { extraHeaders: { cookie: auth.cookie } } : {}),
    });
    sockets.push(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
const subscribe = (s: Socket, req: unknown) =>
  s.timeout(3000).emitWithAck('group:subscribe', req) as Promise<Ack<SubscribeResult>>;

before(async () => {
  identity = await openTestIdentity(config);
  await identity.users.create({
    username: 'xa',
    name: 'Cán bộ xã',
    role: 'viewer',
    scope: { groups: ['budget', 'alerts'], areas: [MINE] },
    password: PASSWORD,
  });
  await identity.users.create({
    username: 'staff1',
    name: 'Chuyên viên',
    role: 'staff',
    scope: { groups: [], areas: [] },
    password: PASSWORD,
  });
  await identity.users.create({
    username: 'admin1',
    name: 'Quản trị',
    role: 'admin',
    scope: { groups: '*', areas: '*' },
    password: PASSWORD,
  });
  const at = new Date().toISOString();
  await store.applyChanges(
    'budget',
    [
      value('budget.revenue_total', '56', '2026-10', 100),
      value('budget.revenue_total', MINE, '2026-10', 7),
      value('budget.revenue_total', OTHER, '2026-10', 9),
    ],
    at,
  );
  await store.applyChanges('traffic_safety', [value('traffic_safety.crashes', MINE, '2026-10', 3)], at);
  await alertStore.put(sampleAlert({ id: otherAlertId, cameraId: 'nt-cho-dam', area: OTHER }), 0, 'alert:raised');
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    metricsToken: 'scrape-token-0123456789',
    trustProxy: true,
    plugins: [
      createTabletPlugin(),
      createAlertsPlugin({ alertStore }),
      createScreensPlugin({ registry: createMemoryScreenRegistry() }),
      createNotesPlugin({ notes: createNoteRepo(identity.db) }),
      createWorkspacePlugin({ configDir: 'config', db: identity.db, watch: false }),
      createValuesPlugin({ history: createValueHistory(identity.db) }),
      createCompliancePlugin({ repo: createComplianceRepo(identity.db, config) }),
      createExportsPlugin(),
      createMeetingsPlugin({ store: createMemoryMeetingStore() }),
    ],
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  cookies.xa = cookieOf(await signIn('xa'));
  cookies.staff = cookieOf(await signIn('staff1'));
  cookies.admin = cookieOf(await signIn('admin1'));
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
  await store.close();
  await alertStore.close();
  await identity.close();
});

type Who = 'nobody' | 'xa' | 'staff' | 'admin';
interface RouteCase {
  /** As the server lists it: `METHOD /pattern`. */
  route: string;
  /** A concrete request; several may test one route. */
  path: string;
  method?: string;
  body?: unknown;
  /** public: answers without a caller (sign-in, pairing, health, pages, key-checked webhooks). */
  public?: true;
  /** The commune official's answer (a status), when it is not 200. */
  xa?: number;
}

const ROUTES: RouteCase[] = [
  { route: 'GET /healthz', path: '/healthz', public: true },
  { route: 'GET /readyz', path: '/readyz', public: true },
  { route: 'GET /metrics', path: '/metrics', public: true },
  { route: 'POST /api/session', path: '/api/session', method: 'POST', public: true },
  { route: 'GET /api/session', path: '/api/session' },
  { route: 'DELETE /api/session', path: '/api/session', method: 'DELETE', public: true },
  { route: 'PUT /api/session/password', path: '/api/session/password', method: 'PUT', body: {}, xa: 400 },
  { route: 'POST /api/pairings', path: '/api/pairings', method: 'POST', public: true },
  { route: 'POST /api/pairings/:id/claim', path: '/api/pairings/abc/claim', method: 'POST', public: true },
  { route: 'GET /api/devices', path: '/api/devices', xa: 403 },
  { route: 'POST /api/devices', path: '/api/devices', method: 'POST', body: {}, xa: 403 },
  { route: 'DELETE /api/devices/:id', path: '/api/devices/wall-1', method: 'DELETE', xa: 403 },
  { route: 'GET /api/users', path: '/api/users', xa: 403 },
  { route: 'POST /api/users', path: '/api/users', method: 'POST', body: {}, xa: 403 },
  { route: 'PATCH /api/users/:id', path: '/api/users/x', method: 'PATCH', body: {}, xa: 403 },
  { route: 'POST /api/users/:id/password', path: '/api/users/x/password', method: 'POST', body: {}, xa: 403 },
  { route: 'GET /api/audit', path: '/api/audit', xa: 403 },
  { route: 'GET /api/groups', path: '/api/groups' },
  { route: 'GET /api/groups/:group/snapshot', path: '/api/groups/budget/snapshot' },
  { route: 'GET /api/groups/:group/snapshot', path: `/api/groups/budget/snapshot?area=${MINE}` },
  { route: 'GET /api/groups/:group/snapshot', path: `/api/groups/budget/snapshot?area=${OTHER}`, xa: 403 },
  { route: 'GET /api/groups/:group/snapshot', path: '/api/groups/traffic_safety/snapshot', xa: 403 },
  { route: 'GET /api/screens/:screen', path: '/api/screens/tong-quan' },
  { route: 'GET /api/screens', path: '/api/screens', xa: 403 },
  { route: 'GET /api/home', path: '/api/home' },
  {
    route: 'POST /api/screens/:screen/commands',
    path: '/api/screens/tong-quan/commands',
    method: 'POST',
    body: { type: 'reload' },
    xa: 403,
  },
  { route: 'POST /api/screens/:screen/thumbnail', path: '/api/screens/tong-quan/thumbnail', method: 'POST', xa: 403 },
  { route: 'GET /api/screens/:screen/thumbnail', path: '/api/screens/tong-quan/thumbnail', xa: 403 },
  { route: 'GET /api/rejected', path: '/api/rejected', xa: 403 },
  { route: 'GET /api/tablet', path: '/api/tablet' },
  { route: 'GET /api/tablet/history', path: `/api/tablet/history?area=${MINE}&group=budget` },
  { route: 'GET /api/tablet/history', path: `/api/tablet/history?area=${OTHER}&group=budget`, xa: 403 },
  { route: 'GET /api/tablet/history', path: `/api/tablet/history?area=${MINE}&group=traffic_safety`, xa: 403 },
  { route: 'GET /api/tablet/rollup', path: '/api/tablet/rollup?indicator=budget.revenue_total&period=2026-9M' },
  { route: 'GET /api/tablet/rollup', path: '/api/tablet/rollup?indicator=traffic_safety.crashes&period=2026-Q3', xa: 403 },
  { route: 'GET /api/tablet/displays', path: '/api/tablet/displays', xa: 403 },
  { route: 'GET /api/map/values', path: '/api/map/values?indicator=budget.revenue_total&period=2026-10' },
  { route: 'GET /api/map/values', path: '/api/map/values?indicator=traffic_safety.crashes&period=2026-10', xa: 403 },
  { route: 'GET /api/cameras', path: '/api/cameras' },
  { route: 'GET /api/alerts/:id/snapshot.jpg', path: `/api/alerts/${otherAlertId}/snapshot.jpg`, xa: 403 },
  { route: 'GET /api/notes', path: '/api/notes', xa: 403 },
  { route: 'POST /api/notes', path: '/api/notes', method: 'POST', body: {}, xa: 403 },
  { route: 'POST /api/notes/:id/replies', path: '/api/notes/x/replies', method: 'POST', body: {}, xa: 403 },
  { route: 'PATCH /api/notes/:id', path: '/api/notes/x', method: 'PATCH', body: {}, xa: 403 },
  // Meetings: a meeting's layout context (members, staff, its displays), the PDF pack (scope-checked per view),
  // and the print job, which opens only with its own one-time credential (not a session: xa gets 401).
  { route: 'GET /api/meetings/:id', path: '/api/meetings/nope', xa: 404 },
  {
    route: 'GET /api/meetings/:id/rollup',
    path: '/api/meetings/nope/rollup?indicator=budget.revenue_total&period=2026-Q3',
    xa: 404,
  },
  { route: 'POST /api/exports/pdf', path: '/api/exports/pdf', method: 'POST', body: {}, xa: 400 },
  {
    route: 'POST /api/exports/pdf',
    path: '/api/exports/pdf',
    method: 'POST',
    body: { views: [{ group: 'traffic_safety' }] },
    xa: 403,
  },
  { route: 'GET /api/exports/pdf/jobs/:id', path: '/api/exports/pdf/jobs/nope', xa: 401 },
  { route: 'POST /api/feeds/:source/events', path: '/api/feeds/frigate-nt/events', method: 'POST', public: true },
  // The workspace (realtime/workspace): staff only.
  { route: 'GET /api/config/history', path: '/api/config/history?kind=pages&id=tong-quan', xa: 403 },
  { route: 'GET /api/config/pages', path: '/api/config/pages', xa: 403 },
  { route: 'GET /api/config/pages/:id', path: '/api/config/pages/tong-quan', xa: 403 },
  { route: 'PUT /api/config/pages/:id', path: '/api/config/pages/tong-quan', method: 'PUT', body: {}, xa: 403 },
  {
    route: 'POST /api/config/pages/:id/rollback',
    path: '/api/config/pages/tong-quan/rollback',
    method: 'POST',
    body: {},
    xa: 403,
  },
  { route: 'GET /api/config/walls', path: '/api/config/walls', xa: 403 },
  { route: 'GET /api/config/walls/:id', path: '/api/config/walls/phong-dieu-hanh', xa: 403 },
  { route: 'PUT /api/config/walls/:id', path: '/api/config/walls/phong-dieu-hanh', method: 'PUT', body: {}, xa: 403 },
  {
    route: 'POST /api/config/walls/:id/rollback',
    path: '/api/config/walls/phong-dieu-hanh/rollback',
    method: 'POST',
    body: {},
    xa: 403,
  },
  { route: 'GET /api/config/indicators', path: '/api/config/indicators', xa: 403 },
  { route: 'GET /api/config/indicators/:id', path: '/api/config/indicators/budget.revenue_total', xa: 403 },
  {
    route: 'PUT /api/config/indicators/:id',
    path: '/api/config/indicators/budget.revenue_total',
    method: 'PUT',
    body: {},
    xa: 403,
  },
  {
    route: 'POST /api/config/indicators/:id/rollback',
    path: '/api/config/indicators/budget.revenue_total/rollback',
    method: 'POST',
    body: {},
    xa: 403,
  },
  { route: 'GET /api/config/pages/:id/affected', path: '/api/config/pages/tong-quan/affected', xa: 403 },
  { route: 'GET /api/health/data', path: '/api/health/data', xa: 403 },
  {
    route: 'GET /api/values/history',
    path: `/api/values/history?indicator=budget.revenue_total&area=${MINE}&period=2026-10`,
  },
  {
    route: 'GET /api/values/history',
    path: `/api/values/history?indicator=budget.revenue_total&area=${OTHER}&period=2026-10`,
    xa: 403,
  },
  {
    route: 'GET /api/values/history',
    path: '/api/values/history?indicator=budget.revenue_total&area=56&period=2026-10',
    xa: 403,
  },
  {
    route: 'GET /api/values/history',
    path: `/api/values/history?indicator=traffic_safety.crashes&area=${MINE}&period=2026-10`,
    xa: 403,
  },
  { route: 'GET /api/values/implausible', path: '/api/values/implausible', xa: 403 },
  { route: 'GET /api/compliance', path: '/api/compliance?period=2026-11&by=commune' },
  { route: 'GET /api/compliance', path: `/api/compliance?area=${MINE}` },
  { route: 'GET /api/compliance', path: `/api/compliance?area=${OTHER}`, xa: 403 },
  // Its XLSX: the same query and scope as the GET (realtime/compliance/plugin.ts).
  {
    route: 'POST /api/compliance/xlsx',
    path: '/api/compliance/xlsx',
    method: 'POST',
    body: { kind: 'compliance', by: 'agency', area: MINE },
  },
  {
    route: 'POST /api/compliance/xlsx',
    path: '/api/compliance/xlsx',
    method: 'POST',
    body: { kind: 'compliance', by: 'agency', area: OTHER },
    xa: 403,
  },
  {
    route: 'POST /api/exports/xlsx',
    path: '/api/exports/xlsx',
    method: 'POST',
    body: { kind: 'tile', group: 'budget', indicator: 'budget.revenue_total', area: MINE },
  },
  {
    route: 'POST /api/exports/xlsx',
    path: '/api/exports/xlsx',
    method: 'POST',
    body: { kind: 'tile', group: 'budget', indicator: 'budget.revenue_total', area: OTHER },
    xa: 403,
  },
  {
    route: 'POST /api/exports/xlsx',
    path: '/api/exports/xlsx',
    method: 'POST',
    body: { kind: 'ranking', group: 'traffic_safety', indicator: 'traffic_safety.crashes' },
    xa: 403,
  },
];
const PAGE_ROUTES = [
  '/',
  '/wall/{*rest}',
  '/tablet',
  '/tablet/{*rest}',
  '/admin',
  '/admin/{*rest}',
  '/notes',
  '/workspace',
  '/compliance',
  '/print',
];

function send(c: RouteCase, who: Who): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who !== 'nobody') headers.cookie = cookies[who];
  return fetch(`${url}${c.path}`, {
    method: c.method ?? 'GET',
    headers,
    ...(c.method && c.method !== 'GET' ? { body: JSON.stringify(c.body ?? {}) } : {}),
  });
}

test('every route the server answers has a decision in this table', () => {
  const known = new Set([...ROUTES.map((r) => r.route), ...PAGE_ROUTES.map((p) => `GET ${p}`)]);
  const missing = server.routes().filter((r) => !known.has(r));
  assert.deepEqual(missing, [], 'routes without an access decision in realtime/access.test.ts');
});

test('without a credential every data route is refused with 401', async () => {
  for (const c of ROUTES.filter((r) => !r.public)) {
    const res = await send(c, 'nobody');
    assert.equal(res.status, 401, `${c.method ?? 'GET'} ${c.path}`);
  }
});

test('a commune official gets 403 outside their commune and groups, and only their commune inside', async () => {
  for (const c of ROUTES.filter((r) => !r.public)) {
    const res = await send(c, 'xa');
    assert.equal(res.status, c.xa ?? 200, `${c.method ?? 'GET'} ${c.path}: ${await res.clone().text()}`);
  }
  const get = async <T>(path: string) => (await (await fetch(`${url}${path}`, { headers: { cookie: cookies.xa } })).json()) as T;
  const snap = await get<{ values: IndicatorValue[] }>('/api/groups/budget/snapshot');
  assert.deepEqual([...new Set(snap.values.map((v) => v.area))], [MINE], 'a province snapshot carries only their commune');
  const groups = await get<{ id: string }[]>('/api/groups');
  assert.deepEqual(
    groups.map((g) => g.id),
    ['budget'],
  );
  const tablet = await get<{ province: { communes: { code: string }[] }; groups: { id: string }[] }>('/api/tablet');
  assert.deepEqual(
    tablet.province.communes.map((c) => c.code),
    [MINE],
  );
  assert.deepEqual(
    tablet.groups.map((g) => g.id),
    ['budget'],
  );
  const map = await get<{ values: IndicatorValue[] }>('/api/map/values?indicator=budget.revenue_total&period=2026-10');
  assert.deepEqual(
    map.values.map((v) => v.area),
    [MINE],
  );
  const rollup = await get<{ rows: { area: string }[] }>('/api/tablet/rollup?indicator=budget.revenue_total&period=2026-10-YTD');
  assert.ok(
    rollup.rows.every((r) => r.area === MINE),
    'roll-ups only of their commune',
  );
  const cameras = await get<{ area: string }[]>('/api/cameras');
  assert.ok(cameras.length > 0 && cameras.every((c) => c.area === MINE), 'only the cameras of their commune');
});

test('staff read everything; only admins read users and the audit log', async () => {
  const staff = (path: string) => fetch(`${url}${path}`, { headers: { cookie: cookies.staff } });
  assert.equal((await staff('/api/groups/traffic_safety/snapshot')).status, 200);
  assert.equal((await staff('/api/screens')).status, 200);
  for (const path of [
    '/api/config/pages',
    '/api/config/walls/phong-dieu-hanh',
    '/api/config/history?kind=pages&id=tong-quan',
    '/api/health/data',
  ])
    assert.equal((await staff(path)).status, 200, path);
  assert.equal((await staff('/api/users')).status, 403);
  const audit = await fetch(`${url}/api/audit?action=session.sign-in`, { headers: { cookie: cookies.admin } });
  assert.equal(audit.status, 200);
  const { entries } = (await audit.json()) as { entries: { actor: { name: string | null }; outcome: string }[] };
  assert.ok(
    entries.some((e) => e.actor.name === 'Cán bộ xã' && e.outcome === 'ok'),
    'sign-ins are audited',
  );
});

test('over the socket: out-of-scope groups and areas are forbidden; a province subscription and its deltas carry only the commune', async () => {
  const s = await socket({ cookie: cookies.xa });
  for (const req of [{ groups: ['traffic_safety'] }, { groups: ['budget'], area: OTHER }, { groups: ['budget', 'tourism'] }]) {
    const ack = await subscribe(s, req);
    assert.equal(!ack.ok && ack.error.code, 'forbidden', JSON.stringify(req));
  }
  const ack = await subscribe(s, { groups: ['budget', 'budget', 'budget'] });
  assert.ok(ack.ok);
  assert.equal(ack.data.snapshots.length, 1, 'a group named three times is one snapshot');
  assert.deepEqual([...new Set(ack.data.snapshots[0]!.values.map((v) => v.area))], [MINE]);
  const got: GroupUpdated[] = [];
  s.on('group:updated', (u: GroupUpdated) => got.push(u));
  const v0 = ack.data.snapshots[0]!.version;
  await store.applyChanges('budget', [value('budget.revenue_total', OTHER, '2026-11', 1)], new Date().toISOString());
  await store.applyChanges(
    'budget',
    [value('budget.revenue_total', MINE, '2026-11', 2), value('budget.revenue_total', OTHER, '2026-11', 3)],
    new Date().toISOString(),
  );
  await eventually(() => got.length >= 2, 'two deltas');
  assert.deepEqual(
    got.map((u) => u.version),
    [v0 + 1, v0 + 2],
    'versions stay contiguous, even for an update with nothing of theirs',
  );
  assert.deepEqual(
    got.map((u) => u.changes.map((c) => c.area)),
    [[], [MINE]],
  );

  const alerts = await subscribe(s, { groups: ['alerts'] });
  assert.ok(alerts.ok && alerts.data.alerts);
  assert.ok(!alerts.data.alerts.alerts.some((a) => a.area === OTHER), "another commune's alerts are not in the snapshot");
});

test('a wall device reads only the groups its pages show, and cannot act as another screen', async () => {
  const s = await socket({ token: wallDevice.token });
  const bad = await subscribe(s, { groups: ['health'] });
  assert.equal(!bad.ok && bad.error.code, 'forbidden');
  assert.ok((await subscribe(s, { groups: ['budget'] })).ok);
  const hb = {
    screen: 'kinh-te-xa-hoi',
    page: null,
    index: 0,
    count: 1,
    paused: false,
    version: 't',
    heapBytes: null,
    uptimeS: 1,
    takeover: null,
  };
  const other = (await s.timeout(2000).emitWithAck('screen:heartbeat', hb)) as Ack<unknown>;
  assert.equal(!other.ok && other.error.code, 'forbidden');
  const user = await socket({ cookie: cookies.staff });
  const asUser = (await user.timeout(2000).emitWithAck('screen:heartbeat', { ...hb, screen: 'tong-quan' })) as Ack<unknown>;
  assert.equal(!asUser.ok && asUser.error.code, 'forbidden', "a person's page does not pose as a screen");
});

test('tokens never in API URLs; the page exchange sets a cookie and drops the token from the address', async () => {
  const inUrl = await fetch(`${url}/api/groups?token=${wallDevice.token}`);
  assert.equal(inUrl.status, 400);
  assert.equal(((await inUrl.json()) as { error: { code: string } }).error.code, 'token-in-url');
  const page = await fetch(`${url}/wall/tong-quan?token=${wallDevice.token}&x=1`, { redirect: 'manual' });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/wall/tong-quan?x=1');
  const cookie = cookieOf(page);
  assert.match(page.headers.getSetCookie()[0]!, /ioc_device=.*HttpOnly/i);
  const me = (await (await fetch(`${url}/api/session`, { headers: { cookie } })).json()) as { kind: string; screen: string };
  assert.deepEqual([me.kind, me.screen], ['device', 'tong-quan']);
});

test('sign-in: one answer for a wrong password and an unknown user; sign-out ends the session on the server; forged cookies fail', async () => {
  const wrong = await signIn('xa', 'sai-mat-khau-0000');
  const unknown = await signIn('khong-co-ai', 'sai-mat-khau-0000');
  assert.equal(wrong.status, 401);
  assert.deepEqual(await wrong.json(), await unknown.json());
  assert.equal((await fetch(`${url}/api/session`, { headers: { cookie: 'ioc_session=forged-value' } })).status, 401);
  const cookie = cookieOf(await signIn('admin1'));
  assert.equal((await fetch(`${url}/api/session`, { headers: { cookie } })).status, 200);
  assert.equal((await fetch(`${url}/api/session`, { method: 'DELETE', headers: { cookie } })).status, 204);
  assert.equal((await fetch(`${url}/api/session`, { headers: { cookie } })).status, 401, 'the old cookie is dead');
});

test('repeated bad passwords are throttled with Retry-After', async () => {
  let last: Response | undefined;
  for (let i = 0; i < 7; i++) last = await signIn('staff1', `sai-mat-khau-${i}-xx`);
  assert.equal(last!.status, 429);
  assert.ok(Number(last!.headers.get('retry-after')) > 0);
  assert.equal(((await last!.json()) as { error: { code: string } }).error.code, 'throttled');
});

test('pairing a new screen end to end, then revoking it disconnects its socket within a second', async () => {
  const start = (await (await fetch(`${url}/api/pairings`, { method: 'POST' })).json()) as {
    pairingId: string;
    code: string;
    claimSecret: string;
  };
  const claim = () =>
    fetch(`${url}/api/pairings/${start.pairingId}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claimSecret: start.claimSecret }),
    });
  assert.equal(((await (await claim()).json()) as { status: string }).status, 'waiting');
  const enrol = await fetch(`${url}/api/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.staff },
    body: JSON.stringify({ code: start.code.toLowerCase(), screen: 'an-ninh-trat-tu', name: 'Màn hình sảnh' }),
  });
  assert.equal(enrol.status, 201);
  const device = (await enrol.json()) as { id: string };
  const paired = await claim();
  const body = (await paired.json()) as { status: string };
  assert.equal(body.status, 'paired');
  assert.ok(!JSON.stringify(body).includes('credential'), 'the credential is a cookie, never in the body');
  const cookie = cookieOf(paired);
  const s = await socket({ cookie });
  assert.ok((await subscribe(s, { groups: ['alerts'] })).ok);
  let disconnectedAt = 0;
  s.on('disconnect', () => (disconnectedAt = Date.now()));
  const revokedAt = Date.now();
  assert.equal(
    (await fetch(`${url}/api/devices/${device.id}`, { method: 'DELETE', headers: { cookie: cookies.staff } })).status,
    204,
  );
  await eventually(() => disconnectedAt, 'the revoked screen is disconnected', 1000);
  assert.ok(disconnectedAt - revokedAt < 1000);
  assert.equal((await fetch(`${url}/api/session`, { headers: { cookie } })).status, 401, 'its credential opens nothing');
  await sleep(10);
});

test('a socket from a page of another site is refused (CORS closed); the same origin is fine', async () => {
  const at = (origin: string) =>
    new Promise<string>((resolve) => {
      const s = connect(url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin, cookie: cookies.staff },
      });
      sockets.push(s);
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', (e) => resolve(e.message));
    });
  assert.notEqual(await at('https://evil.example'), 'connected');
  assert.equal(await at(url), 'connected');
  const cors = await fetch(`${url}/api/groups`, { headers: { origin: 'https://evil.example', cookie: cookies.staff } });
  assert.equal(cors.headers.get('access-control-allow-origin'), null, 'no CORS grant for other sites');
  const crossSite = await fetch(`${url}/api/session`, {
    method: 'DELETE',
    headers: { origin: 'https://evil.example', cookie: cookies.staff },
  });
  assert.equal(crossSite.status, 403, 'a cross-site request changes nothing');
  assert.equal(
    (await fetch(`${url}/api/session`, { headers: { cookie: cookies.staff } })).status,
    200,
    'the session is still there',
  );
});

test('every answer carries the security headers; no page can be framed', async () => {
  for (const path of ['/api/groups', '/healthz', '/no/such/page']) {
    const res = await fetch(`${url}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
  }
  assert.equal((await fetch(`${url}/metrics`)).status, 401, 'metrics need the scrape token');
  const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } })).text();
  assert.match(metrics, /ioc_http_refused_total\{status="401"\} [1-9]/, 'refusals are counted');
  assert.match(metrics, /ioc_http_refused_total\{status="403"\} [1-9]/);
  assert.match(metrics, /ioc_sign_ins_total\{outcome="refused"\} [1-9]/);
});

test('an admin disabling a user ends their sessions and closes their sockets at once', async () => {
  await identity.users.create({
    username: 'tam-thoi',
    name: 'Tạm thời',
    role: 'viewer',
    scope: { groups: '*', areas: '*' },
    password: PASSWORD,
  });
  const cookie = cookieOf(await signIn('tam-thoi'));
  const s = await socket({ cookie });
  let closed = false;
  s.on('disconnect', () => (closed = true));
  const list = (await (await fetch(`${url}/api/users`, { headers: { cookie: cookies.admin } })).json()) as {
    id: string;
    username: string;
  }[];
  const id = list.find((u) => u.username === 'tam-thoi')!.id;
  const res = await fetch(`${url}/api/users/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: cookies.admin },
    body: JSON.stringify({ disabled: true }),
  });
  assert.equal(res.status, 200);
  await eventually(() => closed, 'the disabled user is disconnected', 1000);
  assert.equal((await fetch(`${url}/api/session`, { headers: { cookie } })).status, 401);
  assert.equal((await signIn('tam-thoi')).status, 401, 'a disabled user cannot sign in');
});

test('the tablet offers the whole catalog to someone who sees the province, and a commune official only groups with commune figures', async () => {
  const tabletGroups = async (who: Who) =>
    (
      (await (await send({ route: 'GET /api/tablet', path: '/api/tablet' }, who)).json()) as { groups: { id: string }[] }
    ).groups.map((g) => g.id);
  assert.deepEqual(
    await tabletGroups('staff'),
    config.groups.map((g) => g.id),
    'all 22 groups, tourism and yearly plans included',
  );
  for (const id of await tabletGroups('xa')) {
    const group = config.groups.find((g) => g.id === id)!;
    assert.ok(
      group.indicators.some((i) => i.communeLevel),
      `${id} has commune figures`,
    );
  }
});
