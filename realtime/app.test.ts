/**
 * The real realtime server on port 0 with real socket.io-client sockets (in-process store).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Ack, ClientToServerEvents, GroupUpdated, IndicatorValue, ServerToClientEvents, SubscribeResult } from '../contract/messages.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createRealtimeServer, type RealtimeServer } from './app.ts';

const config = loadConfig('config');
const wallToken = config.devices.devices[0]!.token;
const store = createMemoryStore();
let server: RealtimeServer;
let url: string;
const sockets: Socket[] = [];

function value(period: string, v: number, area = '56'): IndicatorValue {
  return { indicator: 'budget.revenue_total', area, period, value: v, plan: null, status: 'estimate', updatedAt: new Date().toISOString() };
}

function client(token: unknown = wallToken): Socket<ServerToClientEvents, ClientToServerEvents> {
  const s = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  return s;
}

function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
}

before(async () => {
  await store.applyChanges('budget', [value('2026-09', 1700), value('2026-10', 1800), value('2026-10', 12, '22333'), value('2023-10', 1)], new Date().toISOString());
  server = await createRealtimeServer({ store, config, log: pino({ level: 'silent' }), registry: new Registry(), now: () => new Date('2026-11-23T00:00:00Z') });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
  await store.close();
});

test('a connection without a valid token is refused with "unauthorized"', async () => {
  for (const token of [null, '', 42, 'wrong-token-123456', { $ne: null }, 'x'.repeat(10_000)]) {
    const err = await connected(client(token)).then(
      () => null,
      (e: Error) => e,
    );
    assert.equal(err?.message, 'unauthorized', String(JSON.stringify(token)).slice(0, 40));
  }
});

test('subscribe answers with a snapshot, then deltas arrive with versions growing by one', async () => {
  const s = client();
  await connected(s);
  const ack = (await s.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
  assert.ok(ack.ok);
  const snap = ack.data.snapshots[0]!;
  assert.equal(snap.group, 'budget');
  const periods = snap.values.filter((v) => v.area === '56').map((v) => v.period).sort();
  assert.deepEqual(periods, ['2026-09', '2026-10'], 'values older than last year are not shipped to a wall');
  assert.ok(snap.values.some((v) => v.area === '22333'), 'the communes’ latest period comes along for rankings');

  const seen: GroupUpdated[] = [];
  s.on('group:updated', (u) => seen.push(u));
  await store.applyChanges('budget', [value('2026-10', 1850)], new Date().toISOString());
  await store.applyChanges('budget', [value('2026-11', 600)], new Date().toISOString());
  await waitUntil(() => seen.length === 2);
  assert.deepEqual(seen.map((u) => u.version), [snap.version + 1, snap.version + 2]);
  assert.equal(seen[0]!.changes[0]!.value, 1850);
});

test('a commune subscription gets that commune’s own figures', async () => {
  const s = client();
  await connected(s);
  const ack = (await s.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'], area: '22333' })) as Ack<SubscribeResult>;
  assert.ok(ack.ok);
  assert.deepEqual(ack.data.snapshots[0]!.values.map((v) => v.area), ['22333']);
});

test('malformed or hostile messages get an error code, and the connection keeps working', async () => {
  const s = client();
  await connected(s);
  const cases: [unknown, string][] = [
    [null, 'invalid-payload'],
    ['budget', 'invalid-payload'],
    [{ groups: 'budget' }, 'invalid-payload'],
    [{ groups: [] }, 'invalid-payload'],
    [{ groups: ['budget'], extra: 1 }, 'invalid-payload'],
    [{ groups: ['budget'], area: '<script>' }, 'invalid-payload'],
    [{ groups: ['nope'] }, 'unknown-group'],
    [{ groups: ['__proto__'] }, 'unknown-group'],
    [{ groups: ['budget'], area: '99999' }, 'unknown-area'],
  ];
  for (const [payload, code] of cases) {
    const ack = (await s.timeout(2000).emitWithAck('group:subscribe', payload as never)) as Ack<SubscribeResult>;
    assert.equal(ack.ok ? 'ok' : ack.error.code, code, JSON.stringify(payload));
  }
  // No ack callback: must not crash the server.
  (s as unknown as { emit(event: string, payload: unknown): void }).emit('group:subscribe', { groups: ['budget'] });
  const ok = (await s.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
  assert.ok(ok.ok, 'still serving after bad input');
});

test('HTTP: health, readiness, metrics, groups, snapshot with Bearer auth, screens by device', async () => {
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
  assert.equal((await fetch(`${url}/readyz`)).status, 200);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  assert.match(metrics, /ioc_socket_connections/);
  assert.match(metrics, /ioc_client_errors_total\{code="invalid-payload"\}/);
  const groups = (await (await fetch(`${url}/api/groups`)).json()) as { id: string; indicators: unknown[] }[];
  assert.equal(groups.length, 22);
  assert.equal(groups.reduce((n, g) => n + g.indicators.length, 0), 154);
  assert.equal((await fetch(`${url}/api/groups/budget/snapshot`)).status, 401);
  const snap = await fetch(`${url}/api/groups/budget/snapshot`, { headers: { authorization: `Bearer ${wallToken}` } });
  assert.equal(snap.status, 200);
  assert.equal(((await snap.json()) as { group: string }).group, 'budget');
  assert.equal((await fetch(`${url}/api/groups/nope/snapshot`, { headers: { authorization: `Bearer ${wallToken}` } })).status, 404);
  const own = config.devices.devices[0]!;
  const other = config.screens.find((s) => s.id !== own.screen)!;
  assert.equal((await fetch(`${url}/api/screens/${own.screen}`, { headers: { authorization: `Bearer ${own.token}` } })).status, 200);
  assert.equal((await fetch(`${url}/api/screens/${other.id}`, { headers: { authorization: `Bearer ${own.token}` } })).status, 403, 'a wall device sees only its own screen');
});

test('readiness reports a failing dependency with a JSON reason', async () => {
  const failing = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    readinessChecks: { reporting: async () => Promise.reject(new Error('connection refused')) },
  });
  const port = await failing.listen(0, '127.0.0.1');
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { ok: false, failed: { reporting: 'connection refused' } });
  } finally {
    await failing.close();
  }
});

async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
