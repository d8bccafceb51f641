/**
 * How deltas reach sockets, on the real server (port 0, in-process store) with real socket.io-client
 * sockets: one frame per room written straight to WebSocket connections (realtime/socket/frame-broadcast.ts),
 * engine.io's own path for long-polling ones, the same messages in the same order on both; and burst
 * coalescing (realtime/socket/coalesce.ts) for the clients that ask for it, checked against the dashboard's
 * own store (dashboard/src/live/store.ts; here, since server folders never import the dashboard).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Ack, GroupUpdated, IndicatorValue, SubscribeResult } from '../contract/messages.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { eventually } from '../testing/eventually.ts';
import { openTestIdentity, type TestIdentity } from '../testing/identity.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';
import { frameBroadcastStats } from '../realtime/socket/frame-broadcast.ts';
import { LiveStore } from '../dashboard/src/live/store.ts';

const config = loadConfig('config');
const wallToken = config.devices.devices[0]!.token;
const store = createMemoryStore();
let server: RealtimeServer;
let identity: TestIdentity;
let url: string;
const sockets: Socket[] = [];
const PASSWORD = 'mat-khau-thu-nghiem-01';
const MINE = '22333';
const OTHER = '22366';
/** Wide enough that a burst of in-memory commits falls inside it on a loaded machine. */
const WINDOW_MS = 200;
let communeCookie = '';

function value(period: string, v: number, area = '56'): IndicatorValue {
  return {
    indicator: 'budget.revenue_total',
    area,
    period,
    value: v,
    plan: null,
    status: 'estimate',
    updatedAt: new Date().toISOString(),
  };
}

interface Subscribed {
  socket: Socket;
  version: number;
  seen: GroupUpdated[];
  /** The dashboard's store, fed as the dashboard feeds it. */
  live: LiveStore;
  gaps: string[];
}

async function subscribed(
  transports: ('websocket' | 'polling')[],
  opts: { coalesce?: boolean; cookie?: string } = {},
): Promise<Subscribed> {
  const socket = connect(url, {
    auth: { ...(opts.cookie ? {} : { token: wallToken }), ...(opts.coalesce ? { coalesce: true } : {}) },
    ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
    transports,
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const seen: GroupUpdated[] = [];
  const gaps: string[] = [];
  const live = new LiveStore({ schedule: (f) => queueMicrotask(f), onGap: (g) => gaps.push(g) });
  live.markPending(['budget']);
  socket.on('group:updated', (u: GroupUpdated) => {
    seen.push(u);
    live.applyUpdate(u);
  });
  const ack = (await socket.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
  assert.ok(ack.ok);
  live.applySnapshot(ack.data.snapshots[0]!);
  return { socket, version: ack.data.snapshots[0]!.version, seen, live, gaps };
}

const stateOf = (c: Subscribed) => {
  const g = c.live.getGroup('budget')!;
  return { version: g.version, values: [...g.values].sort(([a], [b]) => a.localeCompare(b)) };
};

before(async () => {
  identity = await openTestIdentity(config);
  await store.applyChanges('budget', [value('2026-10', 1800)], new Date().toISOString());
  await identity.users.create({
    username: 'xa',
    name: 'Cán bộ xã',
    role: 'viewer',
    scope: { groups: ['budget'], areas: [MINE] },
    password: PASSWORD,
  });
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    coalesceMs: WINDOW_MS,
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xa', password: PASSWORD }),
  });
  assert.equal(res.status, 204);
  communeCookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
  await store.close();
  await identity.close();
});

test('deltas reach WebSocket sockets as direct frames and polling sockets through engine.io, alike and in order', async () => {
  const ws = await subscribed(['websocket']);
  const polling = await subscribed(['polling']);
  const before = { ...frameBroadcastStats };
  for (let i = 1; i <= 5; i++) await store.applyChanges('budget', [value('2026-11', 600 + i)], new Date().toISOString());
  await eventually(() => ws.seen.length === 5 && polling.seen.length === 5, 'five deltas at both sockets');
  for (const c of [ws, polling]) {
    assert.deepEqual(
      c.seen.map((u) => u.version),
      [1, 2, 3, 4, 5].map((i) => c.version + i),
    );
    assert.deepEqual(
      c.seen.map((u) => u.changes[0]!.value),
      [601, 602, 603, 604, 605],
    );
  }
  assert.deepEqual(ws.seen, polling.seen, 'the same payloads on both paths');
  assert.ok(frameBroadcastStats.direct - before.direct >= 5, 'the WebSocket socket got direct frames');
  assert.ok(frameBroadcastStats.engine - before.engine >= 5, 'the polling socket went through engine.io');
});

test('a burst reaches coalescing clients as fewer messages, leaving the state of the uncoalesced ones', async () => {
  const plain = await subscribed(['websocket']);
  const merged = await subscribed(['websocket'], { coalesce: true });
  const communePlain = await subscribed(['websocket'], { cookie: communeCookie });
  const communeMerged = await subscribed(['websocket'], { cookie: communeCookie, coalesce: true });
  const polling = await subscribed(['polling'], { coalesce: true });
  const all = [plain, merged, communePlain, communeMerged, polling];
  const v0 = plain.version;
  // Quiet first: what an earlier test left in a window goes out (and is ignored: the snapshots hold it).
  await new Promise((r) => setTimeout(r, WINDOW_MS * 2));
  for (const c of all) c.seen.length = 0;
  // Ten commits in a burst, values overwritten and interleaved, some for another commune only.
  const BURST = 10;
  for (let i = 1; i <= BURST; i++)
    await store.applyChanges(
      'budget',
      [value('2026-11', 100 + i), ...(i % 2 ? [value('2026-12', i, MINE)] : []), ...(i % 3 ? [value('2026-12', i, OTHER)] : [])],
      new Date().toISOString(),
    );
  await eventually(() => all.every((c) => c.live.getGroup('budget')?.version === v0 + BURST), 'every client at the last version');
  assert.equal(plain.seen.length, BURST, 'one message per version without coalescing');
  assert.equal(communePlain.seen.length, BURST);
  for (const c of [merged, communeMerged, polling]) {
    assert.ok(c.seen.length < BURST / 2, `a burst is a few messages (${c.seen.length})`);
    assert.equal(c.seen[0]!.version, v0 + 1, 'the first of a burst goes out at once, as itself');
    assert.equal(c.seen[0]!.fromVersion, undefined);
    const last = c.seen.at(-1)!;
    assert.equal(last.version, v0 + BURST);
    assert.equal(last.fromVersion, c.seen.at(-2)!.version + 1, 'contiguous versions');
  }
  for (const c of all) assert.deepEqual(c.gaps, [], 'no gap, no resubscription');
  assert.deepEqual(stateOf(merged), stateOf(plain), 'the same state as one delta per version');
  assert.deepEqual(stateOf(polling), stateOf(plain));
  assert.deepEqual(stateOf(communeMerged), stateOf(communePlain));
  assert.deepEqual(
    [...new Set(communeMerged.seen.flatMap((u) => u.changes.map((c) => c.area)))],
    [MINE],
    'a commune official still gets only their commune',
  );
  // After a quiet window, a lone commit is a plain delta again, sent at once.
  await new Promise((r) => setTimeout(r, WINDOW_MS * 2));
  const before = merged.seen.length;
  await store.applyChanges('budget', [value('2026-11', 999)], new Date().toISOString());
  await eventually(() => merged.seen.length === before + 1, 'the lone delta');
  assert.equal(merged.seen.at(-1)!.fromVersion, undefined);
  assert.equal(merged.seen.at(-1)!.version, v0 + BURST + 1);
});
