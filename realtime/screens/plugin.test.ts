/**
 * The screens plugin on two realtime nodes sharing Redis (registry in Redis, commands through the Socket.IO
 * streams adapter): a heartbeat on node A shows on node B, a command posted on node B reaches the screen
 * connected to node A and no other screen; hostile heartbeats get an error code.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { parseEnv } from '../../bin/env.ts';
import { startSystem, type System } from '../../bin/system.ts';
import type { Ack, ScreenCommand, ScreenHeartbeat } from '../../contract/messages.ts';
import type { ScreenPayload, ScreenState } from '../../contract/http.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../testing/databases.ts';
import { eventually, sleep } from '../../testing/eventually.ts';

const log = pino({ level: 'silent' });
let redis: ReturnType<typeof testRedisPrefix>;
let a: System;
let b: System;
let database: TestDatabase;
const sockets: Socket[] = [];

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
const token = (screen: string) => a.config.devices.devices.find((d) => d.screen === screen)!.token;
const staff = () => a.config.devices.users.find((u) => u.role === 'staff')!.token;
const hb = (screen: string): ScreenHeartbeat => ({
  screen,
  page: 'tong-quan',
  index: 0,
  count: 2,
  paused: false,
  version: 'test',
  heapBytes: 1e7,
  uptimeS: 1,
  takeover: null,
});

function open(sys: System, tok: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(`http://127.0.0.1:${sys.port}`, { auth: { token: tok }, transports: ['websocket'], reconnection: false });
    sockets.push(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
const beat = (s: Socket, h: unknown) => new Promise<Ack<{ at: string }>>((resolve) => s.emit('screen:heartbeat', h, resolve));

before(async () => {
  redis = testRedisPrefix('screens');
  database = await createTestDatabase('screens');
  a = await startSystem(env(), { log, staticDir: 'none' });
  b = await startSystem(env(), { log, staticDir: 'none' });
});

after(async () => {
  for (const s of sockets) s.close();
  await a?.close();
  await b?.close();
  await redis?.cleanup();
  await database?.drop();
});

test('a display layout: playlist, pages, minimum type size; devices see only their own display', async () => {
  const get = (screen: string, tok: string) =>
    fetch(`http://127.0.0.1:${a.port}/api/screens/${screen}`, { headers: { authorization: `Bearer ${tok}` } });
  const res = await get('man-hinh-1', token('man-hinh-1'));
  assert.equal(res.status, 200);
  const p = (await res.json()) as ScreenPayload;
  assert.deepEqual(
    p.display!.playlist.map((e) => e.page),
    ['tong-quan', 'kinh-te-xa-hoi', 'che-do-bao-cao'],
  );
  assert.equal(p.screen.id, 'tong-quan', 'screen is the first page (older consumers keep working)');
  assert.equal(p.display!.minTypePx, 56);
  assert.equal(p.display!.alerts, null, 'the takeover region is on display 2');
  assert.ok(
    p.groups.some((g) => g.id === 'tourism'),
    'groups of every page',
  );
  assert.equal((await get('man-hinh-2', token('man-hinh-1'))).status, 403);
  assert.equal((await get('man-hinh-9', token('man-hinh-1'))).status, 404);
});

test('heartbeats are validated at the edge: hostile payloads and impersonation get an error code', async () => {
  const s = await open(a, token('man-hinh-1'));
  const cases: [string, unknown, string][] = [
    ['not an object', 'hello', 'invalid-payload'],
    ['extra key', { ...hb('man-hinh-1'), html: '<script>' }, 'invalid-payload'],
    ['unknown screen', hb('man-hinh-9'), 'invalid-payload'],
    ['another display', hb('man-hinh-2'), 'forbidden'],
  ];
  for (const [name, payload, code] of cases) {
    const r = await beat(s, payload);
    assert.equal(r.ok, false, name);
    if (!r.ok) assert.equal(r.error.code, code, name);
  }
  const ok = await beat(s, hb('man-hinh-1'));
  assert.equal(ok.ok, true);
});

test('two nodes: the registry is shared, and a command posted on node B reaches the screen on node A only', async () => {
  const s1 = await open(a, token('man-hinh-1'));
  const s2 = await open(a, token('man-hinh-2'));
  assert.equal((await beat(s1, hb('man-hinh-1'))).ok, true);
  assert.equal((await beat(s2, hb('man-hinh-2'))).ok, true);

  const list = (await (
    await fetch(`http://127.0.0.1:${b.port}/api/screens`, { headers: { authorization: `Bearer ${staff()}` } })
  ).json()) as ScreenState[];
  const d1 = list.find((x) => x.id === 'man-hinh-1')!;
  assert.equal(d1.alive, true, 'node B sees the heartbeat node A received');
  assert.equal(d1.by, 'kiosk-1');

  const got1: ScreenCommand[] = [];
  const got2: ScreenCommand[] = [];
  s1.on('screen:command', (c: ScreenCommand) => got1.push(c));
  s2.on('screen:command', (c: ScreenCommand) => got2.push(c));
  const post = (screen: string, body: object, tok = staff()) =>
    fetch(`http://127.0.0.1:${b.port}/api/screens/${screen}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
      body: JSON.stringify(body),
    });
  assert.equal((await post('man-hinh-1', { type: 'show-page', page: 'kinh-te-xa-hoi' })).status, 202);
  await eventually(() => got1.length > 0, 'the command on display 1');
  assert.equal(got1.length, 1);
  assert.equal(got1[0]!.type, 'show-page');
  assert.equal(got1[0]!.by, 'chuyen-vien');
  await sleep(300);
  assert.equal(got2.length, 0, 'display 2 got nothing');

  assert.equal((await post('man-hinh-1', { type: 'show-page', page: 'nowhere' })).status, 400);
  assert.equal((await post('man-hinh-1', { type: 'reload' }, token('man-hinh-1'))).status, 403, 'devices cannot command');
  const leader = a.config.devices.users.find((u) => u.role === 'leader')!.token;
  assert.equal((await post('man-hinh-1', { type: 'reload' }, leader)).status, 403, 'leaders are not staff');
});

test('two nodes: revoking a screen on node B disconnects its socket on node A within a second, and it cannot come back', async () => {
  const s = await open(a, token('man-hinh-2'));
  let disconnectedAt = 0;
  s.on('disconnect', () => (disconnectedAt = Date.now()));
  const revokedAt = Date.now();
  const res = await fetch(`http://127.0.0.1:${b.port}/api/devices/kiosk-2`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${staff()}` },
  });
  assert.equal(res.status, 204);
  await eventually(() => disconnectedAt, 'the socket on the other node closed', 1000);
  assert.ok(disconnectedAt - revokedAt < 1000, `${disconnectedAt - revokedAt} ms`);
  await assert.rejects(open(a, token('man-hinh-2')), /unauthorized/, 'the revoked credential is refused on every node');
  await assert.rejects(open(b, token('man-hinh-2')), /unauthorized/);
});
