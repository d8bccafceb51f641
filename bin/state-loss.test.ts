/**
 * Redis emptied under a running system (issue 14, "State that knows it was lost"): a private redis-server,
 * the real ingest on a real PostgreSQL reporting database, a realtime server, a wall socket subscribed to
 * `budget`. FLUSHALL, then (later) Redis stopped and started empty: each time, within 10 s, the socket has
 * the right figures again — including a row written during the loss — after a `server:resync`, and no
 * delta ever continued a version it did not follow (no silent version restart); /readyz said 503 with a
 * reason meanwhile, and 200 once the ingest had republished.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import type {
  Ack,
  ClientToServerEvents,
  GroupUpdated,
  IndicatorValue,
  ServerToClientEvents,
  SubscribeResult,
} from '../contract/messages.ts';
import { valueKey } from '../contract/value-key.ts';
import { createRedisStore } from '../store/redis-store.ts';
import type { Store } from '../store/store.ts';
import { REPORTING_POLLER_LOCK, createReportingIngest, type ReportingIngest } from '../ingest/report-values/reporting-source.ts';
import { openTestIdentity, type TestIdentity } from '../testing/identity.ts';
import { type TestReportingDb, openTestReportingDb } from '../testing/reporting-db.ts';
import { startRedisServer, type RedisServer } from '../testing/cluster.ts';
import { eventually, sleep } from '../testing/eventually.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';

const log = pino({ level: 'silent' });
const base = loadConfig('config');
const config: Config = { ...base, sources: { ...base.sources, reporting: { ...base.sources.reporting, pollIntervalMs: 300 } } };
const wallToken = config.devices.devices.find((d) => d.screen === 'tong-quan')!.token;
const RECOVER_MS = 10_000;

let redis: RedisServer;
let reporting: TestReportingDb;
let identity: TestIdentity;
let store: Store;
let ingest: ReportingIngest;
let server: RealtimeServer;
let url: string;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a wall page holds: the budget group's values at a version, kept as the dashboard's live client does. */
const wall = {
  version: -1,
  values: new Map<string, IndicatorValue>(),
  /** Resubscribing after a resync: deltas before the new snapshot belong to the old state. */
  pending: false,
  resyncs: [] as string[],
  /** A delta that did not continue the version held (a silent restart, or a gap): must never happen. */
  broken: [] as string[],
  /** Subscriptions the server refused or did not answer while rebuilding (retried, as the live client does). */
  refusals: [] as string[],
};
/** What the wall holds, for a failure's message. */
const described = () =>
  `wall at v${wall.version}, ${wall.values.size} values, pending ${wall.pending}, resyncs [${wall.resyncs.join(',')}], ` +
  `refused [${wall.refusals.join(',')}], broken [${wall.broken.join(',')}]`;
const figure = (period: string) => wall.values.get(valueKey({ indicator: 'budget.revenue_total', area: '56', period }))?.value;

/**
 * Takes the group's snapshot, asking again while the server refuses or does not answer (a node
 * rebuilding its state may), as the dashboard's live client does — never left waiting for good.
 */
async function subscribe(): Promise<void> {
  wall.pending = true;
  let ack: Ack<SubscribeResult> | null = null;
  for (let attempt = 0; attempt < 50 && !ack?.ok; attempt++) {
    if (attempt) await sleep(200);
    ack = (await socket
      .timeout(5000)
      .emitWithAck('group:subscribe', { groups: ['budget'] })
      .catch(() => null)) as Ack<SubscribeResult> | null;
    if (!ack?.ok) wall.refusals.push(ack ? ack.error.code : 'no answer');
  }
  assert.ok(ack?.ok, JSON.stringify(ack));
  const snap = ack.data.snapshots[0]!;
  wall.version = snap.version;
  wall.values = new Map(snap.values.map((v) => [valueKey(v), v]));
  wall.pending = false;
}

/** /readyz every 100 ms while `run` goes on: the answers it gave. */
async function watchReadiness<T>(run: () => Promise<T>): Promise<{ result: T; answers: { status: number; body: string }[] }> {
  const answers: { status: number; body: string }[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const res = await fetch(`${url}/readyz`).catch(() => null);
      if (res) answers.push({ status: res.status, body: await res.text() });
      await sleep(100);
    }
  })();
  try {
    return { result: await run(), answers };
  } finally {
    on = false;
    await loop;
  }
}

before(async () => {
  redis = await startRedisServer();
  reporting = await openTestReportingDb(
    'stateloss',
    `('budget.revenue_total','56','2026-01',1500,NULL,'official','STC'),
     ('budget.revenue_total','56','2026-02',1600,NULL,'official','STC'),
     ('budget.revenue_total','56','2026-03',1700,NULL,'official','STC'),
     ('budget.revenue_total','22333','2026-03',70,NULL,'official','STC')`,
  );
  store = createRedisStore({ url: redis.url, prefix: 'ioc:' });
  ingest = createReportingIngest({ db: reporting.db, store, config, log, owner: 'ingest-test' });
  await ingest.start();
  identity = await openTestIdentity(config);
  server = await createRealtimeServer({
    store,
    config,
    log,
    registry: new Registry(),
    identity,
    ingest: { pollerLock: REPORTING_POLLER_LOCK },
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  socket = connect(url, { auth: { token: wallToken }, transports: ['websocket'], forceNew: true });
  socket.on('server:resync', ({ reason }) => {
    wall.resyncs.push(reason);
    void subscribe();
  });
  socket.on('group:updated', (u: GroupUpdated) => {
    if (wall.pending || u.group !== 'budget') return;
    if (u.version !== wall.version + 1) return void wall.broken.push(`v${u.version} after v${wall.version}`);
    wall.version = u.version;
    for (const v of u.changes) wall.values.set(valueKey(v), v);
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await subscribe();
});

after(async () => {
  socket?.disconnect();
  await server?.close();
  await ingest?.stop();
  await store?.close();
  await identity?.close();
  await reporting?.close();
  await redis?.stop();
});

async function expectRecovery(
  label: string,
  lose: () => Promise<void>,
  period: string,
  value: number,
  note: (msg: string) => void,
): Promise<void> {
  const resyncsBefore = wall.resyncs.length;
  const { answers } = await watchReadiness(async () => {
    await lose();
    // An agency keeps reporting while the state is being rebuilt.
    await reporting.writer.query(
      `UPDATE ioc_report_values SET value = $1, updated_at = now() WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period = $2`,
      [value, period],
    );
    const lostAt = Date.now();
    await eventually(
      () => figure(period) === value && figure('2026-01') === 1500 && wall.values.size >= 4 && !wall.pending,
      `${label}: the wall has the right figures again`,
      RECOVER_MS,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; ${period}=${figure(period)}, 2026-01=${figure('2026-01')}; ${described()}`);
    });
    const figuresMs = Date.now() - lostAt;
    assert.ok(figuresMs <= RECOVER_MS);
    // And the system says it is ready again (the ingest republished into the new generation).
    await eventually(async () => (await fetch(`${url}/readyz`)).status === 200, `${label}: ready again`, RECOVER_MS);
    note(`resyncs ${wall.resyncs.join(',')}`);
    note(`${label}: right figures after ${figuresMs} ms, ready after ${Date.now() - lostAt} ms`);
  });
  assert.ok(wall.resyncs.length > resyncsBefore, `${label}: the wall was told to resync (${wall.resyncs.join(', ')})`);
  assert.deepEqual(wall.broken, [], `${label}: no delta continued a version it did not follow`);
  const refused = answers.filter((a) => a.status === 503);
  assert.ok(refused.length > 0, `${label}: /readyz said 503 meanwhile`);
  assert.ok(
    refused.some((a) => /state|poller|store/.test(a.body)),
    `${label}: with a reason: ${refused.map((a) => a.body).join(' | ')}`,
  );
}

test('FLUSHALL under a running system: the wall resyncs to the right figures within 10 s; /readyz 503 meanwhile', async (t) => {
  await eventually(() => figure('2026-03') === 1700, 'the first figures');
  // Ready once the ingest has published its window (on a loaded machine, maybe a moment after start).
  await eventually(async () => (await fetch(`${url}/readyz`)).status === 200, 'ready before the loss', RECOVER_MS);
  const admin = new Redis(redis.url);
  try {
    await expectRecovery(
      'flush',
      async () => void (await admin.flushall()),
      '2026-02',
      1666,
      (m) => t.diagnostic(m),
    );
  } finally {
    admin.disconnect();
  }
  assert.ok(wall.resyncs.includes('store-reset') || wall.resyncs.includes('feed-restarted'));
});

test('Redis restarted empty: the same within 10 s, with no process restarted', async (t) => {
  await expectRecovery(
    'restart',
    async () => {
      await redis.stop();
      await sleep(500);
      await redis.start();
    },
    '2026-03',
    1777,
    (m) => t.diagnostic(m),
  );
  assert.equal(figure('2026-02'), 1666, 'what was written before the restart is republished too');
});
