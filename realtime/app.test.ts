/**
 * The real realtime server on port 0 with real socket.io-client sockets (in-process store): auth,
 * subscriptions and deltas, the HTTP answers (errors included), and server:resync when the store's feed breaks.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import type {
  Ack,
  ClientToServerEvents,
  GroupUpdated,
  IndicatorValue,
  ServerToClientEvents,
  SubscribeResult,
} from '../contract/messages.ts';
import type { ApiErrorBody, HttpErrorCode } from '../contract/http.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createMemoryScreenRegistry } from '../store/screen-registry.ts';
import type { Store } from '../store/store.ts';
import { eventually } from '../testing/eventually.ts';
import { createRealtimeServer, type RealtimeServer } from './app.ts';
import { createScreensPlugin } from './screens/plugin.ts';
import { openTestIdentity, type TestIdentity } from '../testing/identity.ts';

const config = loadConfig('config');
const wallToken = config.devices.devices[0]!.token;
const store = createMemoryStore();
let server: RealtimeServer;
let identity: TestIdentity;
const METRICS_TOKEN = 'test-metrics-token-0123456789';
const scrape = (base: string) => fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
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
  identity = await openTestIdentity(config);
  await store.applyChanges(
    'budget',
    [value('2026-09', 1700), value('2026-10', 1800), value('2026-10', 12, '22333'), value('2023-10', 1)],
    new Date().toISOString(),
  );
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    metricsToken: METRICS_TOKEN,
    now: () => new Date('2026-11-23T00:00:00Z'),
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
  await store.close();
  await identity.close();
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
  const periods = snap.values
    .filter((v) => v.area === '56')
    .map((v) => v.period)
    .sort();
  assert.deepEqual(periods, ['2026-09', '2026-10'], 'values older than last year are not shipped to a wall');
  assert.ok(
    snap.values.some((v) => v.area === '22333'),
    'the communes’ latest period comes along for rankings',
  );

  const seen: GroupUpdated[] = [];
  s.on('group:updated', (u) => seen.push(u));
  await store.applyChanges('budget', [value('2026-10', 1850)], new Date().toISOString());
  await store.applyChanges('budget', [value('2026-11', 600)], new Date().toISOString());
  await eventually(() => seen.length === 2, 'two deltas');
  assert.deepEqual(
    seen.map((u) => u.version),
    [snap.version + 1, snap.version + 2],
  );
  assert.equal(seen[0]!.changes[0]!.value, 1850);
});

test('a commune subscription gets that commune’s own figures', async () => {
  const s = client();
  await connected(s);
  const ack = (await s
    .timeout(2000)
    .emitWithAck('group:subscribe', { groups: ['budget'], area: '22333' })) as Ack<SubscribeResult>;
  assert.ok(ack.ok);
  assert.deepEqual(
    ack.data.snapshots[0]!.values.map((v) => v.area),
    ['22333'],
  );
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
  const metrics = await (await scrape(url)).text();
  assert.match(metrics, /ioc_socket_connections/);
  assert.match(metrics, /ioc_client_errors_total\{code="invalid-payload"\}/);
  assert.equal((await fetch(`${url}/api/groups`)).status, 401, 'the catalog needs a caller');
  const staffToken = config.devices.users.find((u) => u.role === 'staff')!.token;
  const groups = (await (await fetch(`${url}/api/groups`, { headers: { authorization: `Bearer ${staffToken}` } })).json()) as {
    id: string;
    indicators: unknown[];
  }[];
  assert.equal(groups.length, 22);
  const wallGroups = (await (await fetch(`${url}/api/groups`, { headers: { authorization: `Bearer ${wallToken}` } })).json()) as {
    id: string;
  }[];
  assert.deepEqual(
    wallGroups.map((g) => g.id).sort(),
    ['budget', 'citizen_feedback', 'public_admin', 'public_investment', 'tourism', 'traffic_safety'],
    "a wall device lists only its pages' groups",
  );
  assert.equal(
    groups.reduce((n, g) => n + g.indicators.length, 0),
    154,
  );
  assert.equal((await fetch(`${url}/api/groups/budget/snapshot`)).status, 401);
  const snap = await fetch(`${url}/api/groups/budget/snapshot`, { headers: { authorization: `Bearer ${wallToken}` } });
  assert.equal(snap.status, 200);
  assert.equal(((await snap.json()) as { group: string }).group, 'budget');
  assert.equal(
    (await fetch(`${url}/api/groups/nope/snapshot`, { headers: { authorization: `Bearer ${wallToken}` } })).status,
    404,
  );
  const own = config.devices.devices[0]!;
  const other = config.screens.find((s) => s.id !== own.screen)!;
  assert.equal(
    (await fetch(`${url}/api/screens/${own.screen}`, { headers: { authorization: `Bearer ${own.token}` } })).status,
    200,
  );
  assert.equal(
    (await fetch(`${url}/api/screens/${other.id}`, { headers: { authorization: `Bearer ${own.token}` } })).status,
    403,
    'a wall device sees only its own screen',
  );
});

test('readiness reports a failing dependency with a JSON reason', async () => {
  const failing = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    metricsToken: METRICS_TOKEN,
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

/** A pino logger that keeps its lines, to check what a request made the server log. */
function capturingLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

test('HTTP errors are short JSON in the contract’s shape: bad or oversized bodies, missing assets, unknown pages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>IOC</title>');
  writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
  const { log, lines } = capturingLog();
  const srv = await createRealtimeServer({
    store,
    config,
    log,
    registry: new Registry(),
    identity,
    metricsToken: METRICS_TOKEN,
    staticDir: dir,
    plugins: [createScreensPlugin({ registry: createMemoryScreenRegistry() })],
  });
  const base = `http://127.0.0.1:${await srv.listen(0, '127.0.0.1')}`;
  const staff = config.devices.users.find((u) => u.role === 'staff')!.token;
  const device = config.devices.devices[0]!;
  const errorOf = async (res: Response) => {
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    return ((await res.json()) as ApiErrorBody).error.code;
  };
  const command = (body: string) =>
    fetch(`${base}/api/screens/${device.screen}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body,
    });
  try {
    const cases: [string, () => Promise<Response>, number, HttpErrorCode][] = [
      ['malformed JSON', () => command('{"type": "reload"'), 400, 'invalid-payload'],
      [
        'JSON over the 64 kB limit of every API body',
        () => command(JSON.stringify({ type: 'reload', pad: 'x'.repeat(100_000) })),
        413,
        'payload-too-large',
      ],
      [
        'a thumbnail over its limit',
        () =>
          fetch(`${base}/api/screens/${device.screen}/thumbnail`, {
            method: 'POST',
            headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${device.token}` },
            body: Buffer.alloc(300 * 1024, 0xff),
          }),
        413,
        'payload-too-large',
      ],
      ['a missing asset', () => fetch(`${base}/assets/main-gone999.js`), 404, 'not-found'],
      ['an unknown page', () => fetch(`${base}/no/such/page`), 404, 'not-found'],
      ['an unknown endpoint', () => fetch(`${base}/api/nope`), 404, 'not-found'],
    ];
    for (const [name, send, status, code] of cases) {
      const res = await send();
      assert.equal(res.status, status, name);
      assert.equal(await errorOf(res), code, name);
    }
    assert.equal((await fetch(`${base}/assets/main-abc123.js`)).status, 200, 'an asset that exists is served');
    assert.equal((await command(JSON.stringify({ type: 'reload' }))).status, 202, 'a good command still goes through');
    assert.deepEqual(
      lines.filter((l) => l.level >= 50).map((l) => l.msg),
      [],
      'client errors are not logged as server errors',
    );
  } finally {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A store that can be "emptied" under a running server, as a Redis flush would: a fresh in-process store behind the same feed. */
function resettableStore(): Store & { reset(): void } {
  let inner = createMemoryStore();
  const handlers = new Set<(u: GroupUpdated) => void>();
  let off = inner.subscribe((u) => handlers.forEach((h) => h(u)));
  return {
    applyChanges: (...a) => inner.applyChanges(...a),
    getGroup: (g) => inner.getGroup(g),
    async subscribe(h) {
      handlers.add(h);
      return async () => void handlers.delete(h);
    },
    recordRejected: (e) => inner.recordRejected(e),
    getRejected: (n) => inner.getRejected(n),
    tryLock: (...a) => inner.tryLock(...a),
    releaseLock: (...a) => inner.releaseLock(...a),
    lockHolder: (n) => inner.lockHolder(n),
    stateInfo: () => inner.stateInfo(),
    ensureGeneration: () => inner.ensureGeneration(),
    markLoaded: (g) => inner.markLoaded(g),
    ping: () => inner.ping(),
    close: () => inner.close(),
    reset() {
      void off.then((f) => f());
      inner = createMemoryStore();
      off = inner.subscribe((u) => handlers.forEach((h) => h(u)));
    },
  };
}

test('a store that starts again (emptied) sends server:resync to every group’s sockets, and they get the new state', async () => {
  const rs = resettableStore();
  const at = new Date().toISOString();
  for (const v of [1700, 1750, 1800]) await rs.applyChanges('budget', [value('2026-10', v)], at);
  await rs.applyChanges('tourism', [{ ...value('2026-10', 5), indicator: 'tourism.visitors_total' }], at);
  const srv = await createRealtimeServer({
    store: rs,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    metricsToken: METRICS_TOKEN,
    now: () => new Date('2026-11-23T00:00:00Z'),
  });
  const base = `http://127.0.0.1:${await srv.listen(0, '127.0.0.1')}`;
  const open = async () => {
    const s = connect(base, {
      auth: { token: wallToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    }) as Socket<ServerToClientEvents, ClientToServerEvents>;
    sockets.push(s);
    await connected(s);
    return s;
  };
  try {
    const budget = await open();
    const tourism = await open();
    const resyncs = { budget: [] as string[], tourism: [] as string[] };
    budget.on('server:resync', (r) => resyncs.budget.push(r.reason));
    tourism.on('server:resync', (r) => resyncs.tourism.push(r.reason));
    const first = (await budget.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
    assert.ok(first.ok);
    assert.equal(first.data.snapshots[0]!.version, 3);
    assert.ok(((await tourism.timeout(2000).emitWithAck('group:subscribe', { groups: ['tourism'] })) as Ack<SubscribeResult>).ok);

    rs.reset();
    await rs.applyChanges('budget', [value('2026-10', 9)], new Date(Date.now() + 1000).toISOString());
    await eventually(() => resyncs.budget.length > 0, 'server:resync on the budget socket');
    // The feed's own version restart, or the store's new generation: whichever is seen first.
    assert.ok(['feed-restarted', 'store-reset'].includes(resyncs.budget[0]!), resyncs.budget.join());

    const again = (await budget.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
    assert.ok(again.ok);
    assert.equal(again.data.snapshots[0]!.version, 1, 'the store’s new version');
    assert.deepEqual(
      again.data.snapshots[0]!.values.map((v) => v.value),
      [9],
      'the state read again, not the old one',
    );
    const deltas: GroupUpdated[] = [];
    budget.on('group:updated', (u) => deltas.push(u));
    await rs.applyChanges('budget', [value('2026-11', 10)], new Date(Date.now() + 2000).toISOString());
    await eventually(() => deltas.length === 1, 'the next delta');
    assert.equal(deltas[0]!.version, 2, 'deltas go on from the new state');
    // Its state is gone too (a new generation): its sockets resync, though its feed carried nothing.
    await eventually(() => resyncs.tourism.includes('store-reset'), 'tourism resyncs on the new generation');
    assert.match(
      await (await scrape(base)).text(),
      /ioc_group_resyncs_total\{group="budget",reason="(feed-restarted|store-reset)"\} 1/,
    );
    assert.match(await (await scrape(base)).text(), /ioc_store_resets_total 1/);
  } finally {
    await srv.close();
  }
});

test('subscriptions are bounded per connection: past the burst they are refused as throttled, other connections unaffected', async () => {
  const greedy = client();
  const calm = client();
  await Promise.all([connected(greedy), connected(calm)]);
  const acks = (await Promise.all(
    Array.from({ length: 40 }, () => greedy.timeout(5000).emitWithAck('group:subscribe', { groups: ['budget'] })),
  )) as Ack<SubscribeResult>[];
  const refused = acks.filter((a) => !a.ok && a.error.code === 'throttled').length;
  assert.equal(acks.filter((a) => a.ok).length, 30, 'the burst is served');
  assert.equal(refused, 10, 'the rest is refused with a code');
  const other = (await calm.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult>;
  assert.ok(other.ok, 'another connection still subscribes');
});

test('sockets asking for the same group get the same snapshot, and a new version gives a new one', async () => {
  const a = client();
  const b = client();
  await Promise.all([connected(a), connected(b)]);
  const ask = async (s: typeof a) =>
    ((await s.timeout(2000).emitWithAck('group:subscribe', { groups: ['budget'] })) as Ack<SubscribeResult> & { ok: true }).data
      .snapshots[0]!;
  const [first, second] = [await ask(a), await ask(b)];
  assert.deepEqual(second, first);
  await store.applyChanges('budget', [value('2026-10', 1850)], new Date().toISOString());
  await eventually(async () => (await ask(b)).version === first.version + 1, 'the next version served');
  const after = await ask(a);
  assert.equal(after.values.find((v) => v.period === '2026-10' && v.area === '56')?.value, 1850);
});
