/**
 * How deltas reach sockets, on the real server (port 0, in-process store) with real socket.io-client
 * sockets: one frame per room written straight to WebSocket connections (frame-broadcast.ts), engine.io's
 * own path for long-polling ones, the same messages in the same order on both.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../../contract/load-config.ts';
import type { Ack, GroupUpdated, IndicatorValue, SubscribeResult } from '../../contract/messages.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { eventually } from '../../testing/eventually.ts';
import { openTestIdentity, type TestIdentity } from '../../testing/identity.ts';
import { createRealtimeServer, type RealtimeServer } from '../app.ts';
import { frameBroadcastStats } from './frame-broadcast.ts';

const config = loadConfig('config');
const wallToken = config.devices.devices[0]!.token;
const store = createMemoryStore();
let server: RealtimeServer;
let identity: TestIdentity;
let url: string;
const sockets: Socket[] = [];

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

async function subscribed(
  transports: ('websocket' | 'polling')[],
): Promise<{ socket: Socket; version: number; seen: GroupUpdated[] }> {
  const socket = connect(url, { auth: { token: wallToken }, transports, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const seen: GroupUpdated[] = [];
  socket.on('group:updated', (u: GroupUpdated) => seen.push(u));
  const ack = (await socket.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
  assert.ok(ack.ok);
  return { socket, version: ack.data.snapshots[0]!.version, seen };
}

before(async () => {
  identity = await openTestIdentity(config);
  await store.applyChanges('budget', [value('2026-10', 1800)], new Date().toISOString());
  server = await createRealtimeServer({ store, config, log: pino({ level: 'silent' }), registry: new Registry(), identity });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
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
