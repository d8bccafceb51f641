/**
 * The scaled-out center of docs/operations.md, on this machine: its own redis-server, two realtime nodes,
 * two ingest replicas, nginx in front (deploy/nginx/ioc.conf), real PostgreSQL. Parts are stopped the ways
 * they fail, and the test looks at what a wall would see through the proxy: every figure arrives, versions
 * never repeat or go backwards, and a resubscription is what bridges a lost node.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { Redis } from 'ioredis';
import type {
  ClientToServerEvents,
  GroupUpdated,
  IndicatorValue,
  ServerToClientEvents,
  SubscribeResult,
  Ack,
} from '../contract/messages.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import { createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { openTestReportingDb, type TestReportingDb } from '../testing/reporting-db.ts';
import { eventually } from '../testing/eventually.ts';
import {
  type IocProcess,
  type Nginx,
  type RedisServer,
  PROCESS_START_MS,
  freePort,
  startIoc,
  startNginx,
  startRedisServer,
} from '../testing/cluster.ts';

const PREFIX = 'ioc-cluster:';
/** Device wall-1 of config/devices.yaml: the overview screen, which shows the budget group. */
const WALL_TOKEN = 'demo-wall-1-7f3c9a51d2e84b06';
const TAKEOVER_BOUND_MS = 5000;

let redisServer: RedisServer;
let reporting: TestReportingDb;
let center: TestDatabase;
let nginx: Nginx;
const nodes: { proc: IocProcess; port: number }[] = [];
const ingests: IocProcess[] = [];

function realtimeNode(name: string, port: number): IocProcess {
  return startIoc(name, {
    IOC_ROLE: 'realtime',
    PORT: String(port),
    HOST: '127.0.0.1',
    IOC_DEMO: '0',
    IOC_TRUST_PROXY: 'loopback',
    IOC_DATABASE_URL: center.url,
    REDIS_URL: redisServer.url,
    REDIS_PREFIX: PREFIX,
    IOC_INSTANCE_ID: name,
    IOC_METRICS_TOKEN: 'cluster-test-metrics-token',
  });
}

function ingestReplica(name: string): IocProcess {
  return startIoc(name, {
    IOC_ROLE: 'ingest',
    IOC_DEMO: '0',
    IOC_MIGRATE: '0',
    DATABASE_URL: reporting.url,
    IOC_DATABASE_URL: center.url,
    REDIS_URL: redisServer.url,
    REDIS_PREFIX: PREFIX,
    IOC_INSTANCE_ID: name,
  });
}

const nodeUp = (port: number) =>
  eventually(
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok,
    `realtime node :${port}`,
    PROCESS_START_MS,
  );

async function connections(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: 'Bearer cluster-test-metrics-token' },
  });
  const m = /^ioc_socket_connections (\d+)/m.exec(await res.text());
  return Number(m?.[1] ?? 0);
}

/** A wall's view of the budget group through the proxy: what it applied, and every version it saw. */
interface WallClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  revenue(period: string): number | null | undefined;
  /** Versions in the order the client took them (snapshots and deltas), and the resyncs between them. */
  versions: { version: number; via: 'snapshot' | 'delta' | 'resync' }[];
  resyncs: number;
  close(): void;
}

function wallClient(url: string): WallClient {
  const values = new Map<string, IndicatorValue>();
  const versions: WallClient['versions'] = [];
  let current = -1;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: { token: WALL_TOKEN },
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const client: WallClient = {
    socket,
    versions,
    resyncs: 0,
    revenue: (period) => values.get(period)?.value,
    close: () => void socket.close(),
  };
  const subscribe = () =>
    socket.emit('group:subscribe', { groups: ['budget'] }, (res: Ack<SubscribeResult>) => {
      if (!res.ok) return;
      const snap = res.data.snapshots.find((s) => s.group === 'budget');
      if (!snap) return;
      values.clear();
      for (const v of snap.values) if (v.indicator === 'budget.revenue_total' && v.area === '56') values.set(v.period, v);
      current = snap.version;
      versions.push({ version: snap.version, via: 'snapshot' });
    });
  socket.on('connect', subscribe);
  socket.on('server:resync', () => {
    client.resyncs++;
    versions.push({ version: current, via: 'resync' });
    current = -1; // deltas until the new snapshot belong to the state that was lost
    subscribe();
  });
  socket.on('group:updated', (u: GroupUpdated) => {
    if (u.group !== 'budget' || current < 0) return;
    if (u.version !== current + 1) return subscribe(); // a gap: ask again, as the dashboard does
    current = u.version;
    versions.push({ version: u.version, via: 'delta' });
    for (const v of u.changes) if (v.indicator === 'budget.revenue_total' && v.area === '56') values.set(v.period, v);
  });
  return client;
}

/**
 * No version taken twice, none going backwards; a delta always follows its predecessor. Versions may start
 * again only after the server said so (`server:resync`: the store was emptied and rebuilt).
 */
function assertContinuous(versions: WallClient['versions']): void {
  let sinceResync = new Set<number>();
  let resynced = false;
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1]!;
    const cur = versions[i]!;
    if (cur.via === 'resync') {
      resynced = true;
      continue;
    }
    if (cur.via === 'delta') {
      assert.equal(cur.version, prev.version + 1, `delta v${cur.version} after v${prev.version}`);
      assert.ok(!sinceResync.has(cur.version), `delta v${cur.version} taken twice`);
      sinceResync.add(cur.version);
    } else if (resynced) {
      sinceResync = new Set();
      resynced = false;
    } else assert.ok(cur.version >= prev.version, `snapshot v${cur.version} after v${prev.version} without a resync`);
  }
}

const setRevenue = (period: string, value: number) =>
  reporting.writer.query(
    `UPDATE ioc_report_values SET value = $2, updated_at = now() WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period = $1`,
    [period, value],
  );

before(async () => {
  redisServer = await startRedisServer();
  reporting = await openTestReportingDb(
    'cluster',
    `('budget.revenue_total','56','2026-01',1500,NULL,'official','STC'),
      ('budget.revenue_total','56','2026-02',1600,NULL,'official','STC')`,
  );
  center = await createTestDatabase('cluster_center');
  const ports = [await freePort(), await freePort()];
  // One node first: it runs the center's migrations; the second would wait on their lock anyway.
  for (const [i, port] of ports.entries()) {
    const proc = realtimeNode(`node-${i + 1}`, port);
    nodes.push({ proc, port });
    await nodeUp(port);
  }
  nginx = await startNginx(ports);
  ingests.push(ingestReplica('ingest-a'));
  await eventually(() => ingests[0]!.said('reporting window loaded'), 'ingest-a polling', PROCESS_START_MS);
  ingests.push(ingestReplica('ingest-b'));
  await eventually(
    () => ingests[1]!.said('another replica is the active reporting poller'),
    'ingest-b standing by',
    PROCESS_START_MS,
  );
});

after(async () => {
  for (const p of [...ingests, ...nodes.map((n) => n.proc)]) {
    p.child.kill('SIGCONT');
    await p.signal('SIGKILL').catch(() => {});
  }
  await nginx?.stop();
  await redisServer?.stop();
  await reporting?.close();
  await center?.drop();
});

test('a client on a node that dies reconnects through nginx to the other node and misses no version', async (t) => {
  const wall = wallClient(nginx.url);
  try {
    await eventually(() => wall.revenue('2026-02') === 1600, 'the wall has the figures through the proxy', 15_000);
    const on = await eventually(async () => {
      const counts = await Promise.all(nodes.map((n) => connections(n.port)));
      const i = counts.findIndex((c) => c > 0);
      return i >= 0 ? nodes[i] : null;
    }, 'the node the wall is on');
    await setRevenue('2026-02', 1601);
    await eventually(() => wall.revenue('2026-02') === 1601, 'a delta before the failure');

    const stoppedAt = Date.now();
    await on.proc.signal('SIGKILL');
    // Figures committed while the wall has no node.
    await setRevenue('2026-02', 1602);
    await setRevenue('2026-01', 1502);
    await eventually(
      () => wall.socket.connected && wall.revenue('2026-02') === 1602 && wall.revenue('2026-01') === 1502,
      'the wall back on the other node with what was committed meanwhile',
      20_000,
    );
    t.diagnostic(`node killed → the wall has the figures again through nginx: ${Date.now() - stoppedAt} ms`);
    const other = nodes.find((n) => n !== on)!;
    assert.ok((await connections(other.port)) > 0, 'the wall is on the surviving node');
    await setRevenue('2026-02', 1603);
    await eventually(() => wall.revenue('2026-02') === 1603, 'deltas from the surviving node');
    assertContinuous(wall.versions);
    assert.ok(
      wall.versions.filter((v) => v.via === 'snapshot').length >= 2,
      'the lost node was bridged by a new snapshot, not by assuming continuity',
    );
  } finally {
    wall.close();
  }
});

test('the active ingest replica stopped: the standby takes over within 5 s, the wall gets every row, the woken one writes nothing', async (t) => {
  const wall = wallClient(nginx.url);
  const redis = new Redis(redisServer.url);
  const holder = () => redis.get(redisKeys(PREFIX).lock('reporting-poller'));
  try {
    await eventually(() => wall.revenue('2026-02') === 1603, 'the wall subscribed', 15_000);
    const [a, b] = ingests as [IocProcess, IocProcess];
    assert.equal(await holder(), 'ingest-a');

    // SIGSTOP: ingest-a stops renewing; ingest-b takes over.
    a.child.kill('SIGSTOP');
    let from = Date.now();
    await setRevenue('2026-02', 2001);
    await eventually(async () => (await holder()) === 'ingest-b', 'ingest-b holding the lock', TAKEOVER_BOUND_MS + 3000);
    const pausedTakeoverMs = Date.now() - from;
    await eventually(
      () => wall.revenue('2026-02') === 2001,
      'the row written during the pause on the wall',
      TAKEOVER_BOUND_MS + 3000,
    );
    t.diagnostic(
      `SIGSTOP → ingest-b holds the lock after ${pausedTakeoverMs} ms; the row on the wall after ${Date.now() - from} ms`,
    );

    // SIGCONT: the woken replica still has its old token; nothing it does may reach the wall.
    const seen = wall.versions.length;
    a.child.kill('SIGCONT');
    await eventually(() => a.said('lost the reporting poller lock'), 'ingest-a standing by');
    await setRevenue('2026-02', 2002);
    await eventually(() => wall.revenue('2026-02') === 2002, 'ingest-b still publishing');
    assert.equal(await holder(), 'ingest-b');
    assert.equal(wall.versions.length, seen + 1, 'one update (ingest-b’s), nothing from the woken replica');

    // SIGKILL the active one: its lock lapses and ingest-a takes over.
    await b.signal('SIGKILL');
    from = Date.now();
    await setRevenue('2026-01', 2501);
    await eventually(async () => (await holder()) === 'ingest-a', 'ingest-a holding the lock again', TAKEOVER_BOUND_MS + 3000);
    const killedTakeoverMs = Date.now() - from;
    await eventually(
      () => wall.revenue('2026-01') === 2501,
      'the row written after the kill on the wall',
      TAKEOVER_BOUND_MS + 3000,
    );
    t.diagnostic(
      `SIGKILL → ingest-a holds the lock after ${killedTakeoverMs} ms; the row on the wall after ${Date.now() - from} ms`,
    );
    assert.ok(pausedTakeoverMs < TAKEOVER_BOUND_MS, `a paused poller replaced in ${pausedTakeoverMs} ms`);
    assert.ok(killedTakeoverMs < TAKEOVER_BOUND_MS, `a killed poller replaced in ${killedTakeoverMs} ms`);
    assertContinuous(wall.versions);
  } finally {
    wall.close();
    redis.disconnect();
  }
});

test('a single process SIGKILLed and restarted serves fresh figures within 5 s of saying it is ready', async (t) => {
  const port = await freePort();
  const env = {
    IOC_ROLE: 'all',
    PORT: String(port),
    HOST: '127.0.0.1',
    IOC_DEMO: '0',
    IOC_MIGRATE: '0',
    DATABASE_URL: reporting.url,
    IOC_DATABASE_URL: center.url,
    REDIS_URL: redisServer.url,
    REDIS_PREFIX: 'ioc-solo:',
    IOC_INSTANCE_ID: 'solo',
  };
  const base = `http://127.0.0.1:${port}`;
  const figure = async () => {
    const res = await fetch(`${base}/api/groups/budget/snapshot`, { headers: { authorization: `Bearer ${WALL_TOKEN}` } });
    if (!res.ok) return undefined;
    const snap = (await res.json()) as { values: IndicatorValue[] };
    return snap.values.find((v) => v.indicator === 'budget.revenue_total' && v.area === '56' && v.period === '2026-01')?.value;
  };
  const ready = async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200;
  let solo = startIoc('solo', env);
  try {
    await setRevenue('2026-01', 3100);
    await eventually(async () => (await figure()) === 3100, 'the single process serving', PROCESS_START_MS);
    await solo.signal('SIGKILL');
    await setRevenue('2026-01', 3200); // committed while it is down
    solo = startIoc('solo', env);
    await eventually(ready, 'the restarted process ready', PROCESS_START_MS);
    const readyAt = Date.now();
    await eventually(async () => (await figure()) === 3200, 'the figure committed while it was down', 10_000);
    const staleMs = Date.now() - readyAt;
    t.diagnostic(`ready → serving the fresh figure: ${staleMs} ms`);
    assert.ok(staleMs <= 5000, `stale for ${staleMs} ms after it said it was ready`);
  } finally {
    await solo.signal('SIGKILL');
  }
});

test('Redis flushed, then restarted empty: through nginx, within 10 s every wall has the right figures after a resync, and /readyz said so', async (t) => {
  // Both nodes serve again (the first test killed one), with a wall on each.
  for (const n of nodes)
    if (n.proc.child.exitCode !== null || n.proc.child.signalCode !== null) {
      n.proc = realtimeNode(`${n.proc.name}-again`, n.port);
      await nodeUp(n.port);
    }
  const walls = nodes.map((n) => wallClient(`http://127.0.0.1:${n.port}`));
  const proxied = wallClient(nginx.url);
  const all = [...walls, proxied];
  const readySeen = nodes.map(() => new Set<number>());
  let watching = true;
  const watchReady = (async () => {
    // Often: on a quiet machine a node rebuilds its state in well under 100 ms.
    while (watching) {
      await Promise.all(
        nodes.map(async (n, i) => {
          const res = await fetch(`http://127.0.0.1:${n.port}/readyz`).catch(() => null);
          if (res) readySeen[i]!.add(res.status);
        }),
      );
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const redis = new Redis(redisServer.url);
  redis.on('error', () => {}); // Redis is restarted on purpose below
  try {
    await setRevenue('2026-02', 4000);
    await eventually(() => all.every((w) => w.revenue('2026-02') === 4000), 'every wall subscribed', 15_000);

    for (const [how, lose] of [
      ['FLUSHALL', () => redis.flushall().then(() => {})],
      [
        'restarted empty',
        async () => {
          await redisServer.stop();
          await redisServer.start();
        },
      ],
    ] as const) {
      for (const s of readySeen) s.clear();
      const resyncsBefore = all.map((w) => w.resyncs);
      const lostAt = Date.now();
      await lose();
      await setRevenue('2026-01', 4100 + (how === 'FLUSHALL' ? 1 : 2)); // committed during the loss
      const want = 4100 + (how === 'FLUSHALL' ? 1 : 2);
      await eventually(
        () =>
          all.every((w, i) => w.revenue('2026-01') === want && w.revenue('2026-02') === 4000 && w.resyncs > resyncsBefore[i]!),
        `every wall with the right figures after ${how}`,
        10_000,
      );
      t.diagnostic(`${how}: every wall right again after ${Date.now() - lostAt} ms`);
      await eventually(
        async () =>
          (await Promise.all(nodes.map((n) => fetch(`http://127.0.0.1:${n.port}/readyz`)))).every((r) => r.status === 200),
        'every node ready again',
        10_000,
      );
      assert.ok(
        readySeen.some((s) => s.has(503)),
        `a node said 503 while the state was rebuilt after ${how}`,
      );
    }
    await setRevenue('2026-02', 4001);
    await eventually(() => all.every((w) => w.revenue('2026-02') === 4001), 'deltas flow again on every node');
    for (const w of all) assertContinuous(w.versions);
  } finally {
    watching = false;
    await watchReady;
    for (const w of all) w.close();
    redis.disconnect();
  }
});
