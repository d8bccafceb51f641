/**
 * Two real ingest processes (`bin/ioc.ts`, IOC_ROLE=ingest, each with its IOC_INSTANCE_ID) on a real
 * PostgreSQL and Redis, stopped the ways processes are: SIGSTOP/SIGCONT (the woken one must not write
 * and stands by), SIGKILL (the other takes over within 5 s), SIGTERM (the lock is released). What the
 * test looks at is what an operator would: the lock's holder in Redis, the values in the store, the
 * processes' log lines.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { redisKeys } from '../../contract/redis-keys.ts';
import type { GroupSnapshot } from '../../contract/messages.ts';
import { createRedisStore } from '../../store/redis-store.ts';
import type { Store } from '../../store/store.ts';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../testing/databases.ts';
import { type TestReportingDb, openTestReportingDb } from '../../testing/reporting-db.ts';
import { eventually } from '../../testing/eventually.ts';

const { prefix, cleanup: deleteKeys } = testRedisPrefix('replica-processes');
const LOCK = redisKeys(prefix).lock('reporting-poller');
const TAKEOVER_BOUND_MS = 5000;
/** Starting a process (TypeScript compiled on the fly, a loaded 2-core machine) takes seconds. */
const START_MS = 30_000;

let reporting: TestReportingDb;
/** The center's own database (value history): a real one, as two replicas on two machines would share. */
let center: TestDatabase;
let writer: pg.Pool;
let redis: Redis;
let reader: Store;
const children: ChildProcess[] = [];

interface IngestProcess {
  child: ChildProcess;
  /** Messages of its JSON log lines, in order. */
  said(message: string): boolean;
}

function startIngest(instanceId: string): IngestProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/ioc.ts'], {
    env: {
      ...process.env,
      IOC_ROLE: 'ingest',
      IOC_INSTANCE_ID: instanceId,
      DATABASE_URL: reporting.url,
      IOC_DATABASE_URL: center.url,
      IOC_DEMO: '0',
      IOC_MIGRATE: '0',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const messages: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      messages.push(String((JSON.parse(line) as { msg?: unknown }).msg));
    } catch {
      // the banner and blank lines
    }
  });
  child.stderr!.resume();
  return { child, said: (m) => messages.some((x) => x.startsWith(m)) };
}

const holder = () => redis.get(LOCK);
const revenue = async (period: string) =>
  (await reader.getGroup('budget')).values.find(
    (v: GroupSnapshot['values'][number]) => v.indicator === 'budget.revenue_total' && v.area === '56' && v.period === period,
  )?.value;
const setRevenue = (period: string, value: number) =>
  writer.query(
    `UPDATE ioc_report_values SET value = $2, updated_at = now() WHERE indicator_id = 'budget.revenue_total' AND area_code = '56' AND period = $1`,
    [period, value],
  );

before(async () => {
  reporting = await openTestReportingDb(
    'replica_processes',
    `('budget.revenue_total','56','2026-01',1500,NULL,'official','STC'),
      ('budget.revenue_total','56','2026-02',1600,NULL,'official','STC')`,
  );
  writer = reporting.writer;
  center = await createTestDatabase('replica_processes_center');
  redis = new Redis(TEST_REDIS_URL);
  reader = createRedisStore({ url: TEST_REDIS_URL, prefix });
});

after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await reader.close();
  redis.disconnect();
  await deleteKeys();
  await reporting.close();
  await center.drop();
});

test('ingest processes: a SIGCONTed poller stands by without writing, a SIGKILLed one is replaced within 5 s, SIGTERM releases', async (t) => {
  const a = startIngest('proc-a');
  await eventually(async () => (await holder()) === 'proc-a' && (await revenue('2026-02')) === 1600, 'proc-a polling', START_MS);
  const b = startIngest('proc-b');
  await eventually(() => b.said('another replica is the active reporting poller'), 'proc-b standing by', START_MS);

  // SIGSTOP: proc-a stops renewing; proc-b takes over and publishes a newer value.
  a.child.kill('SIGSTOP');
  let from = Date.now();
  await eventually(async () => (await holder()) === 'proc-b', 'proc-b holding the lock', TAKEOVER_BOUND_MS + 3000);
  const pauseTakeoverMs = Date.now() - from;
  await setRevenue('2026-02', 3001);
  await eventually(async () => (await revenue('2026-02')) === 3001, 'the newer value from proc-b');
  // SIGCONT: proc-a wakes with a NOTIFY of 3001 queued and its old token; it must stand by, not write.
  const version = (await reader.getGroup('budget')).version;
  a.child.kill('SIGCONT');
  await eventually(() => a.said('lost the reporting poller lock'), 'proc-a standing by');
  await eventually(async () => (await holder()) === 'proc-b', 'the lock still with proc-b');
  assert.equal((await reader.getGroup('budget')).version, version, 'the woken process published nothing');
  await setRevenue('2026-02', 3002);
  await eventually(async () => (await revenue('2026-02')) === 3002, 'proc-b still publishing');
  assert.equal(await holder(), 'proc-b');
  t.diagnostic(`SIGSTOP → the other process holds the lock: ${pauseTakeoverMs} ms`);
  t.diagnostic(`the woken process ${a.said('write refused') ? 'had a write refused' : 'saw its renewal refused first'}`);

  // SIGKILL: the lock stays behind under proc-b's name until it lapses; proc-a takes it then.
  b.child.kill('SIGKILL');
  from = Date.now();
  await setRevenue('2026-01', 1555);
  await eventually(async () => (await holder()) === 'proc-a', 'proc-a holding the lock again', TAKEOVER_BOUND_MS + 3000);
  const killTakeoverMs = Date.now() - from;
  await eventually(async () => (await revenue('2026-01')) === 1555, 'the row written meanwhile', TAKEOVER_BOUND_MS + 3000);
  const killCaughtUpMs = Date.now() - from;
  t.diagnostic(
    `SIGKILL → the other process holds the lock: ${killTakeoverMs} ms; the row written meanwhile in the store: ${killCaughtUpMs} ms`,
  );
  assert.ok(pauseTakeoverMs < TAKEOVER_BOUND_MS, `took over a paused poller in ${pauseTakeoverMs} ms`);
  assert.ok(killTakeoverMs < TAKEOVER_BOUND_MS, `took over a killed poller in ${killTakeoverMs} ms`);

  // SIGTERM: a clean stop releases the lock.
  a.child.kill('SIGTERM');
  const [code] = (await once(a.child, 'exit')) as [number | null];
  assert.equal(code, 0);
  assert.equal(await holder(), null, 'released on a clean shutdown');
});
