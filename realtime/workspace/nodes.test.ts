/**
 * Two realtime nodes sharing Redis, the center database and the configuration folder, wired as a province
 * runs them (bin/system.ts): a page published on node A reaches a screen connected to node B
 * (`screen:layout-changed` through the adapter), node B serves the new layout, and a stale version sent
 * to node B is refused, so the two nodes never publish over each other.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { parseEnv } from '../../bin/env.ts';
import { startSystem, type System } from '../../bin/system.ts';
import type { ScreenConfig } from '../../contract/config.ts';
import type { ScreenPayload } from '../../contract/http.ts';
import type { Ack, ScreenHeartbeat } from '../../contract/messages.ts';
import type { ConfigItem } from '../../contract/workspace.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../testing/databases.ts';
import { eventually } from '../../testing/eventually.ts';

const log = pino({ level: 'silent' });
let redis: ReturnType<typeof testRedisPrefix>;
let database: TestDatabase;
let dir: string;
let a: System;
let b: System;
const sockets: Socket[] = [];

const env = () =>
  parseEnv({
    IOC_ROLE: 'realtime',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    IOC_DATABASE_URL: database.url,
    CONFIG_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    IOC_DEMO: '0',
    LOG_LEVEL: 'silent',
  });

before(async () => {
  redis = testRedisPrefix('workspace');
  database = await createTestDatabase('workspace_nodes');
  dir = mkdtempSync(join(tmpdir(), 'ioc-ws-nodes-'));
  cpSync('config', dir, { recursive: true });
  a = await startSystem(env(), { log, staticDir: 'none' });
  b = await startSystem(env(), { log, staticDir: 'none' });
});

after(async () => {
  for (const s of sockets) s.close();
  await a?.close();
  await b?.close();
  await redis?.cleanup();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const staff = () => a.config.devices.users.find((u) => u.role === 'staff')!.token;
const token = (screen: string) => a.config.devices.devices.find((d) => d.screen === screen)!.token;
const call = (sys: System, path: string, init: RequestInit = {}, tok = staff()) =>
  fetch(`http://127.0.0.1:${sys.port}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}`, ...init.headers },
  });

test('published on node A: the screen on node B is told and node B serves the new layout; a stale version on B is refused', async () => {
  const socket = connect(`http://127.0.0.1:${b.port}`, {
    auth: { token: token('man-hinh-1') },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const changes: string[] = [];
  socket.on('screen:layout-changed', (c) => changes.push(c.screen));
  const hb: ScreenHeartbeat = {
    screen: 'man-hinh-1',
    page: 'kinh-te-xa-hoi',
    index: 0,
    count: 2,
    paused: false,
    version: 'test',
    heapBytes: 1e7,
    uptimeS: 1,
    takeover: null,
  };
  assert.ok((await new Promise<Ack<{ at: string }>>((resolve) => socket.emit('screen:heartbeat', hb, resolve))).ok);

  const got = (await (await call(a, '/api/config/pages/kinh-te-xa-hoi')).json()) as ConfigItem<ScreenConfig>;
  const versionOnB = ((await (await call(b, '/api/config/pages/kinh-te-xa-hoi')).json()) as ConfigItem).version;
  assert.equal(versionOnB, got.version, 'both nodes read the same version');
  const put = (sys: System, title: string, version: number) =>
    call(sys, '/api/config/pages/kinh-te-xa-hoi', {
      method: 'PUT',
      headers: { 'if-match': `"${version}"` },
      body: JSON.stringify({ item: { ...got.item, title } }),
    });
  assert.equal((await put(a, 'Kinh tế – xã hội (node A)', got.version)).status, 200);
  await eventually(() => changes.includes('man-hinh-1'), 'the display on node B hears of it');
  await eventually(async () => {
    const p = (await (await call(b, '/api/screens/man-hinh-1', {}, token('man-hinh-1'))).json()) as ScreenPayload;
    return p.display?.pages.some((x) => x.title === 'Kinh tế – xã hội (node A)');
  }, 'node B serves the published page');
  const stale = await put(b, 'Kinh tế – xã hội (node B, stale)', got.version);
  assert.equal(stale.status, 409);
});
