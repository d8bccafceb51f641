/**
 * Notes and explanation requests end to end on the real server, a real PostgreSQL center database and
 * real sockets: a leader asks the finance department (STC) why a figure is what it is, STC's user sees and
 * answers it live, the leader sees it answered; the health department and a viewer see nothing; scope,
 * size and markup are refused or kept as text; every change is in the audit log.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../../contract/load-config.ts';
import type { Note } from '../../contract/meetings.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { createNoteRepo } from '../../center/notes.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.ts';
import { openTestIdentity, type TestIdentity } from '../../testing/identity.ts';
import { eventually, sleep } from '../../testing/eventually.ts';
import { createRealtimeServer, type RealtimeServer } from '../app.ts';
import { createNotesPlugin } from './plugin.ts';

const config = loadConfig('config');
const PASSWORD = 'mat-khau-thu-nghiem-01';
const MINE = '22333';
const OTHER = '22366';
const store = createMemoryStore();
let pgdb: TestDatabase;
let identity: TestIdentity;
let server: RealtimeServer;
let url: string;
const sockets: Socket[] = [];
const cookie: Record<string, string> = {};
const USERS = [
  { username: 'lanh-dao', name: 'Lãnh đạo tỉnh', role: 'leader', scope: { groups: '*', areas: '*' } },
  { username: 'lanh-dao-xa', name: 'Lãnh đạo xã', role: 'leader', scope: { groups: ['budget'], areas: [MINE] } },
  { username: 'stc', name: 'Sở Tài chính', role: 'agency', agency: 'STC', scope: { groups: '*', areas: '*' } },
  { username: 'syt', name: 'Sở Y tế', role: 'agency', agency: 'SYT', scope: { groups: '*', areas: '*' } },
  { username: 'xem', name: 'Người xem', role: 'viewer', scope: { groups: '*', areas: '*' } },
] as const;

const request = (who: string, method: string, path: string, body?: unknown, raw?: string) =>
  fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: cookie[who] ?? '' },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

function socketOf(who: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: cookie[who]! },
    });
    sockets.push(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
const heard = (s: Socket) => {
  const got: Note[] = [];
  s.on('note:changed', (n: Note) => got.push(n));
  return got;
};
const ask = {
  indicator: 'budget.revenue_total',
  area: MINE,
  period: '2026-10',
  kind: 'explanation',
  text: 'Vì sao thu ngân sách tháng 10 chỉ đạt 41% kế hoạch?',
};

before(async () => {
  pgdb = await createTestDatabase('notes');
  identity = await openTestIdentity(config, { databaseUrl: pgdb.url });
  for (const u of USERS) await identity.users.create({ ...u, scope: { ...u.scope } as never, password: PASSWORD });
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    plugins: [createNotesPlugin({ notes: createNoteRepo(identity.db) })],
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  for (const u of USERS) {
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': u.username },
      body: JSON.stringify({ username: u.username, password: PASSWORD }),
    });
    assert.equal(res.status, 204, u.username);
    cookie[u.username] = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
  await store.close();
  await identity.close();
  await pgdb.drop();
});

test('a leader asks STC; STC sees it live and answers; the leader sees it answered; SYT and viewers see nothing', async () => {
  const [stcSocket, sytSocket, leaderSocket] = await Promise.all([socketOf('stc'), socketOf('syt'), socketOf('lanh-dao')]);
  const toStc = heard(stcSocket);
  const toSyt = heard(sytSocket);
  const toLeader = heard(leaderSocket);

  const created = await request('lanh-dao', 'POST', '/api/notes', ask);
  assert.equal(created.status, 201);
  const note = (await created.json()) as Note;
  assert.equal(note.reporter, 'STC', "addressed to the indicator's reporting agency");
  assert.equal(note.status, 'open');
  assert.equal(note.author.name, 'Lãnh đạo tỉnh');

  await eventually(() => toStc.some((n) => n.id === note.id), 'STC hears of the request');
  const inbox = (await (await request('stc', 'GET', '/api/notes')).json()) as Note[];
  assert.deepEqual(
    inbox.map((n) => n.id),
    [note.id],
  );
  assert.deepEqual(await (await request('syt', 'GET', '/api/notes')).json(), [], 'another agency sees none of it');
  assert.equal((await request('syt', 'GET', '/api/notes?reporter=STC')).status, 403);
  assert.equal((await request('xem', 'GET', '/api/notes')).status, 403, 'viewers have no notes');
  assert.equal((await request('syt', 'POST', `/api/notes/${note.id}/replies`, { text: 'Không phải của tôi' })).status, 404);

  const answer = '<b>Do tiến độ thu tiền sử dụng đất</b> chậm; <script>alert(1)</script> quý IV sẽ bù.';
  const replied = await request('stc', 'POST', `/api/notes/${note.id}/replies`, { text: answer });
  assert.equal(replied.status, 201);
  assert.equal(((await replied.json()) as Note).status, 'answered');

  await eventually(() => toLeader.some((n) => n.id === note.id && n.status === 'answered'), 'the leader hears the answer');
  const answered = (await (await request('lanh-dao', 'GET', '/api/notes?status=answered&reporter=STC')).json()) as Note[];
  assert.equal(answered.length, 1);
  assert.equal(answered[0]!.replies[0]!.text, answer, 'markup is kept as the text that was typed');
  assert.equal(answered[0]!.replies[0]!.author.name, 'Sở Tài chính');
  assert.deepEqual(await (await request('lanh-dao', 'GET', '/api/notes?status=open')).json(), []);
  await sleep(100);
  assert.equal(toSyt.length, 0, 'SYT heard nothing');

  const audit = await identity.audit.search({ target: `note:${note.id}` });
  assert.deepEqual(audit.entries.map((e) => e.action).reverse(), ['note.create', 'note.reply']);
  assert.equal(audit.entries.at(-1)!.actor.name, 'Lãnh đạo tỉnh');
});

test('status: an agency may only mark answered; the author closes and reopens; each change audited', async () => {
  const note = (await (
    await request('lanh-dao', 'POST', '/api/notes', { ...ask, kind: 'note', text: 'Ghi chú' })
  ).json()) as Note;
  const refused = await request('stc', 'PATCH', `/api/notes/${note.id}`, { status: 'closed' });
  assert.equal(refused.status, 403);
  assert.equal((await request('stc', 'PATCH', `/api/notes/${note.id}`, { status: 'answered' })).status, 200);
  const closed = await request('lanh-dao', 'PATCH', `/api/notes/${note.id}`, { status: 'closed' });
  assert.equal(((await closed.json()) as Note).status, 'closed');
  const reopened = await request('lanh-dao', 'PATCH', `/api/notes/${note.id}`, { status: 'open' });
  assert.equal(((await reopened.json()) as Note).status, 'open');
  const bad = await request('lanh-dao', 'PATCH', `/api/notes/${note.id}`, { status: 'deleted' });
  assert.equal(bad.status, 400);
  assert.match((await errorCode(bad)).message, /status/);
  const audit = await identity.audit.search({ target: `note:${note.id}`, action: 'note.status' });
  assert.deepEqual(
    audit.entries.map((e) => e.detail),
    [
      { from: 'closed', to: 'open' },
      { from: 'answered', to: 'closed' },
      { from: 'open', to: 'answered' },
    ],
  );
});

test('bad input: scope 403, unknown indicator 404, a 1 MB note 413, an overlong note 400 naming the field; nothing stored', async () => {
  const before = ((await (await request('lanh-dao', 'GET', '/api/notes')).json()) as Note[]).length;
  const outside = await request('lanh-dao-xa', 'POST', '/api/notes', { ...ask, area: OTHER });
  assert.equal(outside.status, 403);
  assert.match((await errorCode(outside)).message, new RegExp(OTHER));
  const otherGroup = await request('lanh-dao-xa', 'POST', '/api/notes', { ...ask, indicator: 'health.hospital_beds' });
  assert.ok([403, 404].includes(otherGroup.status));
  const unknown = await request('lanh-dao', 'POST', '/api/notes', { ...ask, indicator: 'budget.no_such_thing' });
  assert.equal(unknown.status, 404);
  assert.equal((await errorCode(unknown)).code, 'unknown-indicator');
  const huge = await request('lanh-dao', 'POST', '/api/notes', undefined, JSON.stringify({ ...ask, text: 'x'.repeat(1 << 20) }));
  assert.equal(huge.status, 413);
  assert.equal((await errorCode(huge)).code, 'payload-too-large');
  const long = await request('lanh-dao', 'POST', '/api/notes', { ...ask, text: 'x'.repeat(4001) });
  assert.equal(long.status, 400);
  const e = await errorCode(long);
  assert.equal(e.code, 'invalid-payload');
  assert.match(e.message, /^text:/);
  assert.equal((await request('stc', 'POST', '/api/notes', ask)).status, 403, 'an agency does not write requests');
  assert.equal((await request('xem', 'POST', '/api/notes', ask)).status, 403);
  const after = ((await (await request('lanh-dao', 'GET', '/api/notes')).json()) as Note[]).length;
  assert.equal(after, before, 'nothing was stored');

  // The commune leader sees the notes of their commune only, and writes there.
  const mine = await request('lanh-dao-xa', 'POST', '/api/notes', { ...ask, text: 'Xã hỏi' });
  assert.equal(mine.status, 201);
  const seen = (await (await request('lanh-dao-xa', 'GET', '/api/notes')).json()) as Note[];
  assert.ok(seen.length >= 1 && seen.every((n) => n.area === MINE && n.indicator.startsWith('budget.')));
});
