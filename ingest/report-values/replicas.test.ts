/**
 * Two ingest replicas on a real PostgreSQL and a real Redis, with the production lease timings
 * (poller-lease.ts): a crashed poller is replaced within 5 s and nothing written meanwhile is lost; a
 * poller paused past its lease wakes up to a refused write and stands by, the newer state intact; a
 * restarted process takes its own lock over at once; a clean stop hands over within the standby retry.
 * A crash or a pause is the replica's store calls held at a gate (testing/gated-store.ts): the store
 * hears nothing more from it, exactly what it sees of a SIGKILLed or SIGSTOPped process.
 */
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../contract/load-config.ts';
import type { Config } from '../../contract/config.ts';
import type { GroupSnapshot } from '../../contract/messages.ts';
import type { ReportingDb } from '../../reporting-db/db.ts';
import { createRedisStore } from '../../store/redis-store.ts';
import type { Store } from '../../store/store.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../../testing/databases.ts';
import { type TestReportingDb, openTestReportingDb } from '../../testing/reporting-db.ts';
import { eventually } from '../../testing/eventually.ts';
import { type GatedStore, gatedStore } from '../../testing/gated-store.ts';
import { createReportingIngest, type ReportingIngest } from './reporting-source.ts';
import { LEASE_TIMINGS } from './poller-lease.ts';

const log = pino({ level: 'silent' });
let reporting: TestReportingDb;
let db: ReportingDb;
let writer: pg.Pool;
const cleanups: (() => Promise<void>)[] = [];
const base = loadConfig('config');
const config: Config = {
  ...base,
  sources: { ...base.sources, reporting: { ...base.sources.reporting, listen: true, pollIntervalMs: 250 } },
};
/** How long a crashed holder may keep the poller away at most (the bound). */
const TAKEOVER_BOUND_MS = 5000;

interface Replica {
  ingest: ReportingIngest;
  gate: GatedStore;
}

/** A fresh Redis prefix (one deployment) and a reader on it. */
function deployment(label: string): { prefix: string; reader: Store } {
  const { prefix, cleanup } = testRedisPrefix(label);
  const reader = createRedisStore({ url: TEST_REDIS_URL, prefix });
  cleanups.push(async () => {
    await reader.close();
    await cleanup();
  });
  return { prefix, reader };
}

/** One replica: its own Redis connection (as its own process would have), behind a gate. */
async function startReplica(prefix: string, owner: string): Promise<Replica> {
  const inner = createRedisStore({ url: TEST_REDIS_URL, prefix });
  const gate = gatedStore(inner);
  const ingest = createReportingIngest({ db, store: gate, config, log, owner });
  cleanups.push(async () => {
    gate.release();
    await ingest.stop();
    await inner.close();
  });
  await ingest.start();
  return { ingest, gate };
}

const revenue = (snap: GroupSnapshot, period: string) =>
  snap.values.find((v) => v.indicator === 'budget.revenue_total' && v.area === '56' && v.period === period)?.value;
const setRevenue = (period: string, value: number) =>
  writer.query(
    `UPDATE ioc_report_values SET value = $2, updated_at = now() WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period = $1`,
    [period, value],
  );

function measured(t: TestContext, what: string, ms: number): number {
  t.diagnostic(`${what}: ${ms} ms`);
  return ms;
}

before(async () => {
  reporting = await openTestReportingDb(
    'replicas',
    `('budget.revenue_total','56','2026-01',1500,NULL,'official','STC'),
      ('budget.revenue_total','56','2026-02',1600,NULL,'official','STC'),
      ('budget.revenue_total','56','2026-03',1700,NULL,'official','STC')`,
  );
  ({ db, writer } = reporting);
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
  await reporting.close();
});

test('a crashed poller is replaced within 5 s, and rows written meanwhile reach the store', async (t) => {
  const { prefix, reader } = deployment('replicas-crash');
  const a = await startReplica(prefix, 'replica-a');
  const b = await startReplica(prefix, 'replica-b');
  assert.deepEqual([a.ingest.status().active, b.ingest.status().active], [true, false], 'one poller, one standby');
  assert.equal(revenue(await reader.getGroup('budget'), '2026-03'), 1700);

  a.gate.hold(); // killed: it never renews, never releases
  const crashedAt = Date.now();
  await setRevenue('2026-03', 1777);
  await eventually(() => b.ingest.status().token !== null, 'the standby takes the lock', TAKEOVER_BOUND_MS + 2000);
  const takeoverMs = measured(t, 'crash → standby holds the lock', Date.now() - crashedAt);
  await eventually(
    async () => revenue(await reader.getGroup('budget'), '2026-03') === 1777,
    'the row written during the crash in the store',
    TAKEOVER_BOUND_MS + 2000,
  );
  const caughtUpMs = measured(t, 'crash → the row written meanwhile is in the store', Date.now() - crashedAt);
  assert.ok(takeoverMs < TAKEOVER_BOUND_MS, `took over in ${takeoverMs} ms`);
  assert.ok(caughtUpMs < TAKEOVER_BOUND_MS + 1000, `caught up in ${caughtUpMs} ms`);
  assert.ok(b.ingest.status().token! > a.ingest.status().token!, 'the new poller writes under a greater token');
});

test('a poller paused past its lease wakes up to a refused write, is counted and stands by; the newer state stays', async (t) => {
  const { prefix, reader } = deployment('replicas-pause');
  const a = await startReplica(prefix, 'replica-a');
  const b = await startReplica(prefix, 'replica-b');
  a.gate.hold(); // SIGSTOP, between reading a change and writing it
  await setRevenue('2026-02', 2001);
  await eventually(() => a.gate.waiting('applyChanges') > 0, 'the paused poller’s write of 2001 waiting');
  const pausedAt = Date.now();
  await eventually(() => b.ingest.status().active, 'the standby takes over', TAKEOVER_BOUND_MS + 2000);
  measured(t, 'pause → standby active', Date.now() - pausedAt);
  await setRevenue('2026-02', 2002);
  await eventually(async () => revenue(await reader.getGroup('budget'), '2026-02') === 2002, 'the newer value in the store');
  const version = (await reader.getGroup('budget')).version;

  a.gate.release(); // SIGCONT: its write of 2001 goes out under the old token
  await eventually(() => a.ingest.status().refusedWrites >= 1, 'the stale write refused and counted');
  assert.equal(a.ingest.status().active, false, 'back to standby');
  assert.equal(a.ingest.status().token, null);
  await ingestIdle(a, b);
  const snap = await reader.getGroup('budget');
  assert.equal(revenue(snap, '2026-02'), 2002, 'the paused replica did not overwrite the newer value');
  assert.equal(snap.version, version, 'nor publish anything');
  assert.equal(b.ingest.status().active, true, 'the new poller carries on');
  await setRevenue('2026-01', 1501);
  await eventually(async () => revenue(await reader.getGroup('budget'), '2026-01') === 1501, 'later rows still flow');
  assert.equal(a.ingest.status().active, false, 'the woken replica did not take the lock back');
});

test('a restarted process takes its own lock over at once, and its previous incarnation is fenced out', async (t) => {
  const { prefix, reader } = deployment('replicas-restart');
  const first = await startReplica(prefix, 'replica-a');
  const before = first.ingest.status().token!;
  first.gate.hold(); // SIGKILL …
  const restartedAt = Date.now();
  const second = await startReplica(prefix, 'replica-a'); // … and started again under the same instance id
  const ms = measured(t, 'restart → active again', Date.now() - restartedAt);
  assert.equal(second.ingest.status().active, true);
  assert.ok(ms < LEASE_TIMINGS.ttlMs, `active after ${ms} ms, without waiting for the ${LEASE_TIMINGS.ttlMs} ms lease`);
  assert.ok(second.ingest.status().token! > before, 'under a new token');
  await setRevenue('2026-03', 1888);
  await eventually(async () => revenue(await reader.getGroup('budget'), '2026-03') === 1888, 'rows flow');

  first.gate.release(); // had it only been paused, its renewal is refused now
  await eventually(() => first.ingest.status().token === null, 'the old incarnation stands by');
  await ingestIdle(first, second);
  assert.deepEqual([first.ingest.status().active, second.ingest.status().active], [false, true]);
});

test('a clean stop releases the lock: the standby takes over within its retry interval', async (t) => {
  const { prefix } = deployment('replicas-stop');
  const a = await startReplica(prefix, 'replica-a');
  const b = await startReplica(prefix, 'replica-b');
  const stoppedAt = Date.now();
  await a.ingest.stop();
  await eventually(() => b.ingest.status().token !== null, 'the standby holds the lock');
  const ms = measured(t, 'clean stop → standby holds the lock', Date.now() - stoppedAt);
  assert.ok(ms < LEASE_TIMINGS.standbyRetryMs + 500, `handed over in ${ms} ms`);
});

async function ingestIdle(...replicas: Replica[]): Promise<void> {
  for (const r of replicas) await r.ingest.idle();
}
