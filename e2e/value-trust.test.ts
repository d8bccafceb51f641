/**
 * Revisions and plausibility end to end on real PostgreSQL (a reporting database and the center's own
 * database): rows an agency writes reach a subscribed client flagged as leaders must see them, every change
 * lands in value_history, the history API answers within scope, and a restarted ingest with an emptied
 * store still knows what was revised.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import type { Ack, GroupUpdated, IndicatorValue, SubscribeResult } from '../contract/messages.ts';
import type { ImplausibleValuesPayload, ValueHistoryItem } from '../contract/trust.ts';
import { openCenterDb, type CenterDb } from '../center/db.ts';
import { createValueHistory } from '../center/value-history.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { Store } from '../store/store.ts';
import { createIdentityServices } from '../realtime/identity/services.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';
import { createValuesPlugin } from '../realtime/values/plugin.ts';
import { createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { type TestReportingDb, openTestReportingDb } from '../testing/reporting-db.ts';
import { eventually } from '../testing/eventually.ts';
import { createReportingIngest, type ReportingIngest } from '../ingest/report-values/reporting-source.ts';

const log = pino({ level: 'silent' });
const PASSWORD = 'mat-khau-thu-nghiem-01';
const MINE = '22333';
const OTHER = '22366';
const base = loadConfig('config');
const config: Config = { ...base, sources: { reporting: { ...base.sources.reporting, pollIntervalMs: 60_000, listen: true } } };

let reporting: TestReportingDb;
let writer: pg.Pool;
let centerDatabase: TestDatabase;
let center: CenterDb;
let store: Store;
let ingest: ReportingIngest;
let server: RealtimeServer;
let url: string;
const cookies = { admin: '', xa: '' };
const sockets: Socket[] = [];

async function startIngest(s: Store): Promise<ReportingIngest> {
  const i = createReportingIngest({ db: reporting.db, store: s, config, log, history: createValueHistory(center) });
  await i.start();
  await eventually(() => i.status().active, 'the ingest is the active poller');
  return i;
}

async function signIn(username: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': username },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(res.status, 204);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function subscribed(groups: string[]): Promise<GroupUpdated[]> {
  const s = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: cookies.admin },
  });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  const got: GroupUpdated[] = [];
  s.on('group:updated', (u: GroupUpdated) => got.push(u));
  const ack = (await s.timeout(3000).emitWithAck('group:subscribe', { groups })) as Ack<SubscribeResult>;
  assert.ok(ack.ok);
  return got;
}

const changesOf = (got: GroupUpdated[], indicator: string, area: string, period: string): IndicatorValue[] =>
  got.flatMap((u) => u.changes).filter((c) => c.indicator === indicator && c.area === area && c.period === period);

const api = (path: string, cookie: string) => fetch(`${url}${path}`, { headers: { cookie } });

before(async () => {
  reporting = await openTestReportingDb('history', `('budget.revenue_total','56','2026-10',2000,NULL,'official','STC')`);
  writer = reporting.writer;
  centerDatabase = await createTestDatabase('center_history');
  center = await openCenterDb({ databaseUrl: centerDatabase.url });
  const identity = createIdentityServices(center, config);
  await identity.users.create({
    username: 'qt',
    name: 'Quản trị',
    role: 'admin',
    scope: { groups: '*', areas: '*' },
    password: PASSWORD,
  });
  await identity.users.create({
    username: 'xa',
    name: 'Cán bộ xã',
    role: 'viewer',
    scope: { groups: ['budget'], areas: [MINE] },
    password: PASSWORD,
  });
  store = createMemoryStore();
  ingest = await startIngest(store);
  server = await createRealtimeServer({
    store,
    config,
    log,
    registry: new Registry(),
    identity,
    trustProxy: true,
    plugins: [createValuesPlugin({ history: createValueHistory(center) })],
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  cookies.admin = await signIn('qt');
  cookies.xa = await signIn('xa');
});

after(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
  await ingest?.stop();
  await store?.close();
  await center?.close();
  await centerDatabase?.drop();
  await reporting?.close();
});

test('estimate, then official, then a correction: three history entries and exactly one revised flag at the client', async () => {
  const got = await subscribed(['budget']);
  const key = ['budget.revenue_total', MINE, '2026-11'] as const;
  await writer.query(
    `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter) VALUES ($1, $2, $3, 4120.5, 'estimate', 'STC')`,
    [...key],
  );
  await eventually(() => changesOf(got, ...key).length === 1, 'the estimate reaches the client');
  await writer.query(
    `UPDATE ioc_report_values SET value = 4150, status = 'official', updated_at = now() WHERE indicator_id = $1 AND area_code = $2 AND period = $3`,
    [...key],
  );
  await eventually(() => changesOf(got, ...key).some((c) => c.status === 'official'), 'the official figure reaches the client');
  await writer.query(
    `UPDATE ioc_report_values SET value = 4180.2, updated_at = now() WHERE indicator_id = $1 AND area_code = $2 AND period = $3`,
    [...key],
  );
  await eventually(() => changesOf(got, ...key).some((c) => c.value === 4180.2), 'the correction reaches the client');

  const seen = changesOf(got, ...key);
  const revised = seen.filter((c) => c.flags?.includes('revised'));
  assert.equal(revised.length, 1, 'one revision: the status path estimate → official is not one');
  assert.equal(revised[0]!.value, 4180.2);
  assert.deepEqual(
    { value: revised[0]!.previous?.value, status: revised[0]!.previous?.status },
    { value: 4150, status: 'official' },
    'the earlier figure travels with it',
  );
  assert.ok(!seen.find((c) => c.status === 'official' && c.value === 4150)?.flags, 'the first official figure is not flagged');

  assert.ok(await ingest.historyFlushed(), 'history written');
  const res = await api(`/api/values/history?indicator=${key[0]}&area=${MINE}&period=${key[2]}`, cookies.admin);
  assert.equal(res.status, 200);
  const history = (await res.json()) as ValueHistoryItem[];
  assert.deepEqual(
    history.map((h) => [h.value, h.status]),
    [
      [4120.5, 'estimate'],
      [4150, 'official'],
      [4180.2, 'official'],
    ],
  );
  assert.ok(history.every((h) => h.reporter === 'STC' && /\.\d{6}Z$/.test(h.updatedAt) && h.seenAt));
  const { rows } = await center.query<{ status: string }>(
    `SELECT status FROM value_submissions WHERE indicator = $1 AND area = $2 AND period = $3 ORDER BY status`,
    [...key],
  );
  assert.deepEqual(
    rows.map((r) => r.status),
    ['estimate', 'official'],
    'one first sighting per status',
  );
});

test('the history API keeps to the caller’s scope', async () => {
  const q = (area: string, indicator = 'budget.revenue_total', period = '2026-11') =>
    api(`/api/values/history?indicator=${indicator}&area=${area}&period=${period}`, cookies.xa);
  const mine = await q(MINE);
  assert.equal(mine.status, 200);
  assert.equal(((await mine.json()) as ValueHistoryItem[]).length, 3);
  const other = await q(OTHER);
  assert.equal(other.status, 403);
  assert.equal(((await other.json()) as { error: { code: string } }).error.code, 'forbidden');
  assert.equal((await q('56')).status, 403, "the province total's record is not a commune official's");
  assert.equal((await q(MINE, 'budget.nope')).status, 404);
  assert.equal((await q(MINE, 'budget.revenue_total', '2026-13')).status, 400);
  assert.equal((await fetch(`${url}/api/values/history?indicator=budget.revenue_total&area=${MINE}&period=2026-11`)).status, 401);
});

test('an implausible value is still published, reaches the client flagged, and is listed for staff', async () => {
  const got = await subscribed(['public_admin']);
  const key = ['public_admin.online_rate', '56', '2026-11'] as const;
  await writer.query(
    `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter) VALUES ($1, $2, $3, 130, 'official', 'VP')`,
    [...key],
  );
  await eventually(() => changesOf(got, ...key).length > 0, 'the implausible value reaches the client');
  const [v] = changesOf(got, ...key);
  assert.equal(v!.value, 130, 'published as reported, never dropped');
  assert.deepEqual(v!.flags, ['implausible']);
  assert.equal(v!.checks?.[0]?.rule, 'range');
  assert.match(v!.checks![0]!.message, /ngoài khoảng hợp lý 0–100%/);

  const list = await api('/api/values/implausible', cookies.admin);
  assert.equal(list.status, 200);
  const body = (await list.json()) as ImplausibleValuesPayload;
  assert.ok(body.values.some((x) => x.indicator === key[0] && x.area === '56' && x.checks?.[0]?.rule === 'range'));
  assert.equal((await api('/api/values/implausible', cookies.xa)).status, 403, 'staff only');
});

test('the province’s own rules in config/trust.yaml replace the defaults: a fall in a change rate is no error', async () => {
  // config/trust.yaml gives traffic_safety.crashes_yoy (a change in %, negative when crashes fall) the
  // range −100–1000 %; the default for % (0–100) would mark every month with fewer crashes "cần kiểm tra".
  const got = await subscribed(['traffic_safety']);
  const fell = ['traffic_safety.crashes_yoy', '56', '2026-10'] as const;
  const absurd = ['traffic_safety.crashes_yoy', '56', '2026-09'] as const;
  await writer.query(
    `INSERT INTO ioc_report_values (indicator_id, area_code, period, value, status, reporter)
     VALUES ($1, $2, $3, -6, 'official', 'CAT'), ($1, $2, $4, 2500, 'official', 'CAT')`,
    [fell[0], fell[1], fell[2], absurd[2]],
  );
  await eventually(
    () => changesOf(got, ...fell).length > 0 && changesOf(got, ...absurd).length > 0,
    'both figures reach the client',
  );
  assert.equal(changesOf(got, ...fell)[0]!.flags, undefined, '−6 % is inside the configured range');
  const [v] = changesOf(got, ...absurd);
  assert.deepEqual(v!.flags, ['implausible']);
  assert.match(v!.checks![0]!.message, /ngoài khoảng hợp lý −100–1\.000%/);
});

test('a restarted ingest with an emptied store still flags the revision (seeded from the history)', async () => {
  await ingest.stop();
  const fresh = createMemoryStore();
  const again = await startIngest(fresh);
  try {
    const v = (await fresh.getGroup('budget')).values.find(
      (x) => x.indicator === 'budget.revenue_total' && x.area === MINE && x.period === '2026-11',
    );
    assert.deepEqual(v?.flags, ['revised']);
    assert.equal(v?.previous?.value, 4150);
    assert.ok(await again.historyFlushed());
    const { rows } = await center.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM value_history WHERE indicator = 'budget.revenue_total' AND area = $1 AND period = '2026-11'`,
      [MINE],
    );
    assert.equal(rows[0]!.n, 3, 're-reading the table adds nothing to the history');
  } finally {
    await again.stop();
    await fresh.close();
    ingest = await startIngest(store);
  }
});
