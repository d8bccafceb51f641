/**
 * Meetings on two realtime nodes sharing Redis (meeting store in Redis, `meeting:state` through the
 * Socket.IO streams adapter) and PostgreSQL (users, sessions, audit): the presenter on node A drives a
 * wall display connected to node B; followers cannot navigate or freeze; bad views get their codes and
 * change nothing; a frozen subscription keeps its figures while the live group moves; hand-over, end,
 * and a display reconnecting mid-meeting.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { parseEnv } from '../../bin/env.ts';
import { startSystem, type System } from '../../bin/system.ts';
import type { Ack, GroupUpdated, IndicatorValue, SubscribeResult } from '../../contract/messages.ts';
import type { MeetingState } from '../../contract/meetings.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../testing/databases.ts';
import { eventually, sleep } from '../../testing/eventually.ts';

const log = pino({ level: 'silent' });
let redis: ReturnType<typeof testRedisPrefix>;
let a: System;
let b: System;
let database: TestDatabase;
const sockets: Socket[] = [];
const cookies: Record<string, string> = {};
const COMMUNE = '22333';
const GROUP = 'health'; // not on display man-hinh-1's own pages: it reads it through the meeting
const IND = 'health.dengue_cases';

const env = () =>
  parseEnv({
    IOC_ROLE: 'realtime',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    IOC_DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    IOC_DEMO: '0',
    LOG_LEVEL: 'silent',
  });
const deviceToken = (screen: string) => a.config.devices.devices.find((d) => d.screen === screen)!.token;
const programToken = (role: string) => a.config.devices.users.find((u) => u.role === role)!.token;
const value = (area: string, v: number): IndicatorValue => ({
  indicator: IND,
  area,
  period: '2026-11',
  value: v,
  plan: null,
  status: 'official',
  updatedAt: new Date().toISOString(),
});

function open(sys: System, auth: { token?: string; cookie?: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(`http://127.0.0.1:${sys.port}`, {
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
const call = <T = MeetingState>(s: Socket, event: string, req?: unknown) =>
  (req === undefined ? s.timeout(5000).emitWithAck(event) : s.timeout(5000).emitWithAck(event, req)) as Promise<Ack<T>>;
const codeOf = (r: Ack<unknown>) => (r.ok ? 'ok' : r.error.code);
/** Every meeting:state a socket receives, in order. */
function states(s: Socket): MeetingState[] {
  const got: MeetingState[] = [];
  s.on('meeting:state', (m: MeetingState) => got.push(m));
  return got;
}

before(async () => {
  redis = testRedisPrefix('meetings');
  database = await createTestDatabase('meetings');
  a = await startSystem(env(), { log, staticDir: 'none' });
  b = await startSystem(env(), { log, staticDir: 'none' });
  const users = a.identity!.services.users;
  const mk = async (username: string, role: 'leader' | 'viewer', scope: { groups: string[] | '*'; areas: string[] | '*' }) => {
    const u = await users.create({ username, name: `Người ${username}`, role, scope });
    const { token } = await a.identity!.services.sessions.create(u.id);
    cookies[username] = `ioc_session=${token}`;
  };
  await mk('pho-chu-tich', 'leader', { groups: '*', areas: '*' });
  await mk('thu-ky', 'viewer', { groups: '*', areas: '*' });
  await mk('can-bo-xa', 'viewer', { groups: [GROUP], areas: [COMMUNE] });
  await a.store.applyChanges(GROUP, [value('56', 100), value(COMMUNE, 7)], new Date().toISOString());
});

after(async () => {
  for (const s of sockets) s.close();
  await a?.close();
  await b?.close();
  await redis?.cleanup();
  await database?.drop();
});

test('two nodes: the presenter on A drives the display on B; followers and bad views are refused and change nothing', async () => {
  const presenter = await open(a, { token: programToken('leader') });
  const display = await open(b, { token: deviceToken('man-hinh-1') });
  const onDisplay = states(display);

  const started = await call(presenter, 'meeting:start', { title: 'Giao ban tháng 12', displays: ['man-hinh-1'] });
  assert.ok(started.ok, JSON.stringify(started));
  const id = started.data.id;
  await eventually(() => onDisplay.some((s) => s.id === id), 'the display on node B learns of the meeting');

  const nav = await call(presenter, 'meeting:navigate', { id, view: { group: GROUP, indicator: IND, area: COMMUNE } });
  assert.ok(nav.ok);
  await eventually(() => onDisplay.find((s) => s.view?.area === COMMUNE), 'the commune on the display');
  assert.equal(onDisplay.at(-1)!.version, nav.data.version);

  // A follower on node B, full scope: joins, but cannot navigate or freeze.
  const follower = await open(b, { cookie: cookies['thu-ky']! });
  const joined = await call(follower, 'meeting:join', { id });
  assert.ok(joined.ok);
  assert.deepEqual(
    joined.data.members.map((m) => m.id),
    ['chu-tich', joined.data.members[1]!.id],
  );
  const before = joined.data.version;
  assert.equal(codeOf(await call(follower, 'meeting:navigate', { id, view: { group: 'budget' } })), 'forbidden');
  assert.equal(codeOf(await call(follower, 'meeting:freeze', { id })), 'forbidden');
  assert.equal(codeOf(await call(follower, 'meeting:end', { id })), 'forbidden');

  // Bad views from the presenter: each with its code.
  const bad: [unknown, string][] = [
    [{ group: 'nope' }, 'unknown-group'],
    [{ group: GROUP, indicator: 'budget.revenue_total' }, 'unknown-indicator'],
    [{ group: GROUP, area: '99999' }, 'unknown-area'],
    [{ group: GROUP, period: '1900-10' }, 'bad-period'],
    [{ group: GROUP, period: '2026-13' }, 'invalid-payload'],
    [{ group: GROUP, html: '<b>' }, 'invalid-payload'],
  ];
  for (const [view, code] of bad)
    assert.equal(codeOf(await call(presenter, 'meeting:navigate', { id, view })), code, JSON.stringify(view));
  assert.equal(codeOf(await call(presenter, 'meeting:navigate', { id: 'no-such', view: { group: GROUP } })), 'not-found');
  const list = await call<MeetingState[]>(follower, 'meeting:list');
  assert.ok(list.ok);
  assert.equal(list.data.find((m) => m.id === id)!.version, before, 'nothing changed');

  // A commune official's scope does not cover the meeting's: refused, not listed.
  const xa = await open(a, { cookie: cookies['can-bo-xa']! });
  assert.equal(codeOf(await call(xa, 'meeting:join', { id })), 'forbidden');
  const xaList = await call<MeetingState[]>(xa, 'meeting:list');
  assert.ok(xaList.ok && !xaList.data.some((m) => m.id === id));
  // Nor may they read the meeting's figures.
  const peek = (await xa.timeout(3000).emitWithAck('group:subscribe', { groups: [GROUP], meeting: id })) as Ack<SubscribeResult>;
  assert.equal(codeOf(peek), 'forbidden');

  // A display that reconnects mid-meeting (to the other node) gets the current view at once.
  const again = await open(a, { token: deviceToken('man-hinh-1') });
  const onAgain = states(again);
  await eventually(() => onAgain.find((s) => s.id === id && s.view?.area === COMMUNE), 'the current view after reconnecting');

  const ended = await call(presenter, 'meeting:end', { id });
  assert.ok(ended.ok && ended.data.endedAt);
  await eventually(() => onDisplay.find((s) => s.id === id && s.endedAt), 'the end reaches the display');
  const after = await call<MeetingState[]>(follower, 'meeting:list');
  assert.ok(after.ok && !after.data.some((m) => m.id === id), 'an ended meeting is gone');
});

test('frozen figures: a meeting subscription keeps the frozen values and gets no deltas while the live group moves', async () => {
  const presenter = await open(b, { token: programToken('leader') });
  const display = await open(a, { token: deviceToken('man-hinh-2') });
  const onDisplay = states(display);
  const started = await call(presenter, 'meeting:start', { title: 'Họp chốt số liệu', displays: ['man-hinh-2'] });
  assert.ok(started.ok);
  const id = started.data.id;
  await eventually(() => onDisplay.some((s) => s.id === id), 'the display follows');

  // Not a member, not the presenter: refused.
  const follower = await open(a, { cookie: cookies['thu-ky']! });
  assert.ok((await call(follower, 'meeting:join', { id })).ok);
  assert.equal(codeOf(await call(follower, 'meeting:freeze', { id })), 'forbidden');

  const frozen = await call(presenter, 'meeting:freeze', { id });
  assert.ok(frozen.ok && frozen.data.frozenAt);
  await eventually(() => onDisplay.find((s) => s.frozenAt), 'the display knows the meeting is frozen');

  const sub = (s: Socket, req: object) => s.timeout(5000).emitWithAck('group:subscribe', req) as Promise<Ack<SubscribeResult>>;
  const figure = (r: Ack<SubscribeResult>, area: string) =>
    r.ok ? r.data.snapshots[0]!.values.find((v) => v.indicator === IND && v.area === area)?.value : undefined;
  // The display reads a group outside its own pages through the meeting, and only through it.
  assert.equal(codeOf(await sub(display, { groups: [GROUP] })), 'forbidden');
  const deltas: GroupUpdated[] = [];
  display.on('group:updated', (u: GroupUpdated) => deltas.push(u));
  const onDisplayFrozen = await sub(display, { groups: [GROUP], meeting: id });
  assert.equal(figure(onDisplayFrozen, '56'), 100);
  const live = await sub(follower, { groups: [GROUP] });
  const liveDeltas: GroupUpdated[] = [];
  follower.on('group:updated', (u: GroupUpdated) => liveDeltas.push(u));
  assert.equal(figure(live, '56'), 100);

  await a.store.applyChanges(GROUP, [value('56', 250)], new Date().toISOString());
  await eventually(() => liveDeltas.some((u) => u.changes.some((c) => c.value === 250)), 'the live view moves');
  await sleep(200);
  assert.equal(deltas.length, 0, 'no deltas on the frozen subscription');
  assert.equal(figure(await sub(display, { groups: [GROUP], meeting: id }), '56'), 100, 'still the frozen figure');
  const commune = await sub(follower, { groups: [GROUP], area: COMMUNE, meeting: id });
  assert.equal(figure(commune, COMMUNE), 7, 'a member reads the frozen commune series');

  const un = await call(presenter, 'meeting:unfreeze', { id });
  assert.ok(un.ok && un.data.frozenAt === null);
  await eventually(() => onDisplay.at(-1)!.frozenAt === null, 'the display is told it is live again');
  assert.equal(figure(await sub(display, { groups: [GROUP], meeting: id }), '56'), 250, 'live again');
  await a.store.applyChanges(GROUP, [value('56', 300)], new Date().toISOString());
  await eventually(() => deltas.some((u) => u.changes.some((c) => c.value === 300)), 'deltas again after unfreezing');

  // Hand-over: to a viewer refused; to a leader member accepted, after which the old presenter is a follower.
  const deputy = await open(a, { cookie: cookies['pho-chu-tich']! });
  const dj = await call(deputy, 'meeting:join', { id });
  assert.ok(dj.ok);
  const deputyId = dj.data.members.find((m) => m.name === 'Người pho-chu-tich')!.id;
  const viewerId = dj.data.members.find((m) => m.name === 'Người thu-ky')!.id;
  assert.equal(codeOf(await call(presenter, 'meeting:handover', { id, to: viewerId })), 'forbidden');
  assert.equal(codeOf(await call(presenter, 'meeting:handover', { id, to: 'nobody' })), 'invalid-payload');
  const handed = await call(presenter, 'meeting:handover', { id, to: deputyId });
  assert.ok(handed.ok && handed.data.presenter.id === deputyId);
  assert.equal(codeOf(await call(presenter, 'meeting:navigate', { id, view: { group: GROUP } })), 'forbidden');
  assert.ok((await call(deputy, 'meeting:navigate', { id, view: { group: GROUP } })).ok);

  // Staff may end a meeting they do not present.
  const staff = await open(b, { token: programToken('staff') });
  assert.ok((await call(staff, 'meeting:end', { id })).ok);
  await eventually(() => onDisplay.find((s) => s.endedAt), 'the display returns to its playlist');

  // Audit entries are written after the answer (the log never holds a meeting up): wait for the last one.
  const wanted = [
    'meeting.start:ok',
    'meeting.freeze:ok',
    'meeting.freeze:refused',
    'meeting.unfreeze:ok',
    'meeting.handover:ok',
    'meeting.end:ok',
  ];
  let actions: string[] = [];
  await eventually(async () => {
    const audit = await a.identity!.services.audit.search({ target: `meeting:${id}` });
    actions = audit.entries.map((e) => `${e.action}:${e.outcome}`);
    return wanted.every((x) => actions.includes(x));
  }, 'every meeting action in the audit log').catch(() => {});
  for (const x of wanted) assert.ok(actions.includes(x), `${x} in ${actions.join(', ')}`);
});

test('a display already following a meeting cannot be taken by another; start is for leaders and staff', async () => {
  const presenter = await open(a, { token: programToken('leader') });
  const first = await call(presenter, 'meeting:start', { title: 'Họp A', displays: ['man-hinh-1'] });
  assert.ok(first.ok);
  assert.equal(codeOf(await call(presenter, 'meeting:start', { title: 'Họp B', displays: ['man-hinh-1'] })), 'forbidden');
  assert.equal(codeOf(await call(presenter, 'meeting:start', { title: 'Họp C', displays: ['khong-co'] })), 'invalid-payload');
  assert.equal(codeOf(await call(presenter, 'meeting:start', { title: '', displays: [] })), 'invalid-payload');
  const viewer = await open(b, { cookie: cookies['thu-ky']! });
  assert.equal(codeOf(await call(viewer, 'meeting:start', { title: 'Họp D', displays: [] })), 'forbidden');
  const display = await open(b, { token: deviceToken('man-hinh-2') });
  assert.equal(codeOf(await call(display, 'meeting:join', { id: first.data.id })), 'forbidden');
  assert.ok((await call(presenter, 'meeting:end', { id: first.data.id })).ok);
});

test("GET /api/meetings/:id/rollup: a period's figures by area, frozen while the meeting is, for members and displays only", async () => {
  const months = ['2026-07', '2026-08', '2026-09'];
  const at = (area: string, period: string, v: number): IndicatorValue => ({ ...value(area, v), period });
  await a.store.applyChanges(
    GROUP,
    months.flatMap((m, i) => [at('56', m, 10 + i), at(COMMUNE, m, 1 + i)]),
    new Date().toISOString(),
  );
  const presenter = await open(a, { token: programToken('leader') });
  const started = await call(presenter, 'meeting:start', { title: 'Họp quý III', displays: ['man-hinh-2'] });
  assert.ok(started.ok, JSON.stringify(started));
  const id = started.data.id;
  const base = (sys: System) => `http://127.0.0.1:${sys.port}`;
  const get = (sys: System, path: string, auth: { token?: string; cookie?: string }) =>
    fetch(`${base(sys)}${path}`, {
      headers: auth.token ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie! },
    });
  const q3 = `/api/meetings/${id}/rollup?indicator=${IND}&period=2026-Q3`;
  type Body = { period: string; frozenAt: string | null; rows: { area: string; rollup: { value: number | null } }[] };
  const figures = async (sys: System, auth: { token?: string; cookie?: string }) => {
    const res = await get(sys, q3, auth);
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as Body;
    return Object.fromEntries(body.rows.map((r) => [r.area, r.rollup.value]));
  };

  // The presenter and the meeting's display (on the other node) read it; the quarter is the months' sum.
  assert.deepEqual(await figures(a, { token: programToken('leader') }), { '56': 33, [COMMUNE]: 6 });
  assert.deepEqual(await figures(b, { token: deviceToken('man-hinh-2') }), { '56': 33, [COMMUNE]: 6 });

  // Neither a person who has not joined, nor another display, nor a commune official outside the meeting.
  const status = async (path: string, auth: { token?: string; cookie?: string }) => (await get(b, path, auth)).status;
  assert.equal(await status(q3, { cookie: cookies['thu-ky']! }), 403);
  assert.equal(await status(q3, { token: deviceToken('man-hinh-1') }), 403);
  assert.equal(await status(q3, { cookie: cookies['can-bo-xa']! }), 403);
  assert.equal(await status(`/api/meetings/no-such/rollup?indicator=${IND}&period=2026-Q3`, { cookie: cookies['thu-ky']! }), 404);
  const follower = await open(b, { cookie: cookies['thu-ky']! });
  assert.ok((await call(follower, 'meeting:join', { id })).ok);
  assert.deepEqual(await figures(b, { cookie: cookies['thu-ky']! }), { '56': 33, [COMMUNE]: 6 });

  // Bad requests, each with its code.
  const codeFor = async (query: string) => {
    const res = await get(a, `/api/meetings/${id}/rollup?${query}`, { token: programToken('leader') });
    return `${res.status} ${((await res.json()) as { error: { code: string } }).error.code}`;
  };
  assert.equal(await codeFor('indicator=health.nope&period=2026-Q3'), '400 unknown-indicator');
  assert.equal(await codeFor(`indicator=${IND}&period=2026-Q5`), '400 bad-period');
  assert.equal(await codeFor(`indicator=${IND}&period=1900-Q3`), '400 bad-period');
  assert.equal(await codeFor(`indicator=${IND}`), '400 bad-period');

  // Frozen: new figures for August do not move the meeting's quarter; the tablet's live roll-up does.
  const frozen = await call(presenter, 'meeting:freeze', { id });
  assert.ok(frozen.ok && frozen.data.frozenAt);
  await a.store.applyChanges(GROUP, [at('56', '2026-08', 111), at(COMMUNE, '2026-08', 102)], new Date().toISOString());
  const live = await get(a, `/api/tablet/rollup?indicator=${IND}&period=2026-Q3`, { token: programToken('leader') });
  const liveBody = (await live.json()) as Body;
  assert.equal(liveBody.rows.find((r) => r.area === '56')!.rollup.value, 133, 'the live roll-up moved');
  assert.deepEqual(await figures(b, { token: deviceToken('man-hinh-2') }), { '56': 33, [COMMUNE]: 6 });
  const body = (await (await get(a, q3, { token: programToken('leader') })).json()) as Body;
  assert.equal(body.frozenAt, frozen.data.frozenAt);

  assert.ok((await call(presenter, 'meeting:unfreeze', { id })).ok);
  assert.deepEqual(await figures(b, { token: deviceToken('man-hinh-2') }), { '56': 133, [COMMUNE]: 106 });
  assert.ok((await call(presenter, 'meeting:end', { id })).ok);
});

test('meetings started at the same moment on both nodes for one display: exactly one takes it, the others are refused as busy', async () => {
  const onA = await open(a, { token: programToken('leader') });
  const onB = await open(b, { token: programToken('staff') });
  const display = await open(b, { token: deviceToken('man-hinh-2') });
  const onDisplay = states(display);
  for (let round = 0; round < 5; round++) {
    // Three starts per node, released together; one names both displays, so claims overlap partly.
    const starts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(i % 2 ? onB : onA, 'meeting:start', {
          title: `Họp ${round}.${i}`,
          displays: i === 0 ? ['man-hinh-1', 'man-hinh-2'] : ['man-hinh-2'],
        }),
      ),
    );
    const won = starts.filter((r) => r.ok);
    assert.equal(won.length, 1, `round ${round}: one winner of ${starts.map(codeOf).join(', ')}`);
    assert.deepEqual(
      starts.filter((r) => !r.ok).map(codeOf),
      Array(5).fill('forbidden'),
      'the losers get the busy-display refusal',
    );
    const winner = won[0]!.ok ? won[0]!.data : null;
    const list = await call<MeetingState[]>(onB, 'meeting:list');
    assert.ok(list.ok);
    assert.deepEqual(
      list.data.filter((m) => m.displays.includes('man-hinh-2')).map((m) => m.id),
      [winner!.id],
      'one meeting holds the display, on every node',
    );
    if (!winner!.displays.includes('man-hinh-1')) {
      // The display a loser also named stays free: a loser claimed nothing.
      const other = await call(onA, 'meeting:start', { title: `Họp ${round} bên`, displays: ['man-hinh-1'] });
      assert.ok(other.ok, JSON.stringify(other));
      assert.ok((await call(onA, 'meeting:end', { id: other.data.id })).ok);
    }
    await eventually(() => onDisplay.some((s) => s.id === winner!.id), 'the display follows the winner');
    assert.ok(
      !onDisplay.some((s) => s.id !== winner!.id && !s.endedAt && s.version === 1 && s.title.startsWith(`Họp ${round}.`)),
    );
    // Ending it releases the display for the next round.
    assert.ok((await call(onB, 'meeting:end', { id: winner!.id })).ok);
  }
});
