/**
 * Compliance on real PostgreSQL: submissions written into value_submissions as the ingest records them,
 * counted against the shipped calendar (Khánh Hòa: the month's estimate by the 20th, the official figure
 * by the 20th of the next month, moved off weekends and holidays), then through GET /api/compliance with
 * a commune official's scope.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import type { CompliancePayload, ComplianceRow } from '../contract/compliance.ts';
import { parsePeriod } from '../contract/period.ts';
import { fullScope } from '../contract/scope.ts';
import { vnInstant } from '../contract/vn-time.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { sessionCookie } from '../testing/pages.ts';
import { createIdentityServices } from '../realtime/identity/services.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';
import { createCompliancePlugin } from '../realtime/compliance/plugin.ts';
import { openCenterDb, type CenterDb } from './db.ts';
import { createComplianceRepo } from './compliance.ts';

const shipped = loadConfig('config');
/** Two agencies: Sở Tài chính (budget: 6 monthly figures, 1 of them per commune) and Sở VHTT&DL (tourism: 6). */
const config: Config = { ...shipped, groups: shipped.groups.filter((g) => g.id === 'budget' || g.id === 'tourism') };
const PROVINCE = config.province.code;
const COMMUNES = config.province.communes.map((c) => c.code);
const MINE = '22333';
const OTHER = '22366';
const budget = config.groups.find((g) => g.id === 'budget')!.indicators.map((i) => i.id);
const PASSWORD = 'mat-khau-thu-nghiem-01';
const nov = parsePeriod('2026-11')!;

let database: TestDatabase;
let db: CenterDb;

/** Every budget figure of November 2026: the estimate on 18 November, except one. */
async function seed(): Promise<void> {
  const rows: [string, string, string, string, Date, Date | null][] = [];
  for (const ind of budget) rows.push([ind, PROVINCE, '2026-11', 'estimate', vnInstant(2026, 11, 18, 9), null]);
  for (const area of COMMUNES) rows.push(['budget.revenue_total', area, '2026-11', 'estimate', vnInstant(2026, 11, 18, 9), null]);
  // Seen on Tuesday 24 November, 9:00 — four calendar days after the deadline (end of Friday 20 November).
  rows[1]![4] = vnInstant(2026, 11, 24, 9);
  // The center first saw this one late, but the reporting system says it was submitted on time.
  rows[2]![4] = vnInstant(2026, 11, 25, 9);
  rows[2]![5] = vnInstant(2026, 11, 19, 16);
  // The other commune sent its estimate on 27 November.
  rows.find((r) => r[1] === OTHER)![4] = vnInstant(2026, 11, 27, 10);
  // October: everything on time except tourism, which never reported.
  for (const ind of budget) {
    rows.push([ind, PROVINCE, '2026-10', 'estimate', vnInstant(2026, 10, 15), null]);
    rows.push([ind, PROVINCE, '2026-10', 'official', vnInstant(2026, 11, 10), null]);
  }
  await db.query(
    `insert into value_submissions (indicator, area, period, status, reporter, first_seen_at, submitted_at)
     select i, a, p, s, 'STC', f, t from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) as x(i, a, p, s, f, t)`,
    [0, 1, 2, 3, 4, 5].map((k) => rows.map((r) => (r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k]))),
  );
}

const at = (iso: string) => () => new Date(iso);
const rowOf = (body: CompliancePayload, key: string): ComplianceRow => {
  const r = body.rows.find((x) => x.key === key);
  assert.ok(r, `a row for ${key}`);
  return r;
};

before(async () => {
  database = await createTestDatabase('compliance');
  db = await openCenterDb({ databaseUrl: database.url });
  await seed();
});

after(async () => {
  await db?.close();
  await database?.drop();
});

test('a report seen after its deadline is late by the right days; one the reporting system submitted in time is on time', async () => {
  const repo = createComplianceRepo(db, config, { now: at('2026-12-02T03:00:00Z') });
  const body = await repo.report({ period: nov, by: 'agency', scope: fullScope() });
  const stc = rowOf(body, 'STC');
  assert.equal(stc.name, 'Sở Tài chính');
  // 6 province figures + 65 communes' revenue, for two statuses.
  assert.equal(stc.expected, (6 + 65) * 2);
  assert.equal(stc.late, 2, 'the province figure seen on 24 Nov and the commune that sent on 27 Nov');
  assert.equal(stc.onTime, 6 + 65 - 2);
  assert.equal(stc.missing, 0, 'official figures are not due before 21 December');
  assert.equal(stc.pending, 6 + 65);
  assert.equal(stc.maxDaysLate, 7, '27 November against 20 November');
  const communes = await repo.report({ period: nov, by: 'commune', scope: fullScope() });
  assert.equal(communes.rows[0]!.key, OTHER, 'worst first: the late commune');
  assert.equal(communes.rows[0]!.maxDaysLate, 7);
  assert.equal(communes.rows.length, 65, 'every commune owes its revenue figure; the province is not a commune');
});

test('a missing figure is missing only after its deadline, pending before; days late count to now', async () => {
  const before = await createComplianceRepo(db, config, { now: () => vnInstant(2026, 11, 20, 23, 59) }).report({
    period: nov,
    by: 'agency',
    scope: fullScope(),
  });
  const t0 = rowOf(before, 'SVHTTDL');
  assert.deepEqual([t0.missing, t0.pending, t0.maxDaysLate], [0, 12, 0], 'on the deadline day nothing is missing yet');
  const afterDue = await createComplianceRepo(db, config, { now: () => vnInstant(2026, 11, 21, 0, 1) }).report({
    period: nov,
    by: 'agency',
    scope: fullScope(),
  });
  const t1 = rowOf(afterDue, 'SVHTTDL');
  assert.deepEqual([t1.missing, t1.pending, t1.maxDaysLate], [6, 6, 1], 'the estimates are missing from midnight');
  assert.equal(afterDue.rows[0]!.key, 'SVHTTDL', 'worst first');
  const dec2 = await createComplianceRepo(db, config, { now: at('2026-12-02T03:00:00Z') }).report({
    period: nov,
    by: 'agency',
    scope: fullScope(),
  });
  assert.equal(rowOf(dec2, 'SVHTTDL').maxDaysLate, 12, '2 December against 20 November');
  const oct = dec2.trend.find((t) => t.period === '2026-10')!;
  assert.deepEqual([oct.due, oct.onTime], [(6 + 65) * 2 + 12, 12], 'October: only the budget province figures came');
  assert.equal(rowOf(dec2, 'STC').trend.length, 12);
});

test('GET /api/compliance: scope decides what is counted; another commune is 403; a bad period is 400', async () => {
  const identity = createIdentityServices(db, config);
  await identity.users.create({
    username: 'xa',
    name: 'Cán bộ xã',
    role: 'viewer',
    scope: { groups: '*', areas: [MINE] },
    password: PASSWORD,
  });
  await identity.users.create({
    username: 'so',
    name: 'Sở Văn hóa',
    role: 'agency',
    agency: 'SVHTTDL',
    scope: { groups: '*', areas: '*' },
    password: PASSWORD,
  });
  const server: RealtimeServer = await createRealtimeServer({
    store: createMemoryStore(),
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    plugins: [createCompliancePlugin({ repo: createComplianceRepo(db, config, { now: at('2026-12-02T03:00:00Z') }) })],
  });
  try {
    const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const xa = await sessionCookie(url, 'xa', PASSWORD);
    const get = (path: string, cookie = xa) => fetch(`${url}${path}`, { headers: { cookie } });

    const mine = (await (await get('/api/compliance?period=2026-11&by=commune')).json()) as CompliancePayload;
    assert.deepEqual(
      mine.rows.map((r) => r.key),
      [MINE],
      'a commune official sees their commune only',
    );
    const agencies = (await (await get('/api/compliance?period=2026-11&by=agency')).json()) as CompliancePayload;
    assert.deepEqual(
      agencies.rows.map((r) => [r.key, r.expected, r.onTime]),
      [['STC', 2, 1]],
      "the agencies' figures for their commune: budget revenue, two statuses; tourism owes nothing per commune",
    );
    assert.equal((await get(`/api/compliance?period=2026-11&area=${OTHER}`)).status, 403);
    assert.equal((await get(`/api/compliance?period=2026-11&area=${MINE}`)).status, 200);
    const bad = await get('/api/compliance?period=2026-13');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'bad-period');
    assert.equal((await get('/api/compliance?by=district')).status, 400);
    assert.equal((await fetch(`${url}/api/compliance?period=2026-13`)).status, 401, 'nobody gets 401 before 400');

    const so = await sessionCookie(url, 'so', PASSWORD);
    const own = (await (await get('/api/compliance?period=2026-11', so)).json()) as CompliancePayload;
    assert.deepEqual(
      own.rows.map((r) => r.key),
      ['SVHTTDL'],
      'an agency user sees their own agency',
    );
    const dflt = (await (await get('/api/compliance', so)).json()) as CompliancePayload;
    assert.equal(dflt.period, '2026-11', 'on 2 December the latest month with a passed deadline is November');
  } finally {
    await server.close();
  }
});

test('POST /api/compliance/xlsx: the view on screen read back — same rows, counts as numbers; scope and audit as every export', async () => {
  const identity = createIdentityServices(db, config);
  await identity.users.create({ username: 'ld', name: 'Lãnh đạo', role: 'leader', scope: fullScope(), password: PASSWORD });
  await identity.users.create({
    username: 'xa2',
    name: 'Cán bộ xã',
    role: 'viewer',
    scope: { groups: '*', areas: [MINE] },
    password: PASSWORD,
  });
  const server: RealtimeServer = await createRealtimeServer({
    store: createMemoryStore(),
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    plugins: [
      createCompliancePlugin({
        repo: createComplianceRepo(db, config, { now: at('2026-12-02T03:00:00Z') }),
        now: at('2026-12-02T03:05:00Z'),
      }),
    ],
  });
  try {
    const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const ld = await sessionCookie(url, 'ld', PASSWORD);
    const xa = await sessionCookie(url, 'xa2', PASSWORD);
    const post = (body: unknown, cookie: string) =>
      fetch(`${url}/api/compliance/xlsx`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const sheet = async (res: Response) => {
      assert.equal(res.status, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      for (let r = 1; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
      return { ws, rows };
    };

    const res = await post({ kind: 'compliance', by: 'agency', period: '2026-11' }, ld);
    assert.match(res.headers.get('content-disposition') ?? '', /ioc-compliance-agency-2026-11\.xlsx/);
    const { ws, rows } = await sheet(res);
    const col1 = rows.map((r) => r[0]);
    assert.equal(col1[0], 'Chấp hành chế độ báo cáo theo cơ quan');
    assert.ok(col1.includes('Kỳ báo cáo: Tháng 11/2026'), JSON.stringify(col1.slice(0, 8)));
    assert.ok(col1.includes(`Địa bàn: ${config.province.fullName}`));
    assert.ok(col1.includes('Xuất lúc 10:05 02/12/2026 bởi Lãnh đạo'));
    const header = col1.indexOf('Cơ quan');
    assert.ok(header > 0, 'a header row');
    assert.deepEqual(
      [rows[header]!.length, rows[header]!.at(-1)],
      [9 + 12, 'Đúng hạn T11/2026 (%)'],
      'the trend, one column per month, ending with November',
    );
    const json = (await (
      await fetch(`${url}/api/compliance?period=2026-11&by=agency`, { headers: { cookie: ld } })
    ).json()) as CompliancePayload;
    const lines = rows.slice(header + 1);
    assert.deepEqual(
      lines.map((r) => r.slice(0, 8)),
      json.rows.map((r) => [
        r.name,
        r.missing > 0 ? 'Quá hạn' : r.late > 0 ? 'Nộp muộn' : r.onTime > 0 ? 'Đúng hạn' : 'Chưa đến hạn',
        r.expected,
        r.onTime,
        r.late,
        r.missing,
        r.pending,
        r.maxDaysLate,
      ]),
      'the rows of the view, worst first, counts as numbers',
    );
    const stc = json.rows.find((r) => r.key === 'STC')!;
    const stcLine = lines.find((r) => r[0] === 'Sở Tài chính')!;
    assert.equal(stcLine[8], Math.round((stc.onTime / (stc.onTime + stc.late + stc.missing)) * 1000) / 10);
    assert.equal(ws.getRow(header + 1 + lines.indexOf(stcLine)).getCell(9).numFmt, '#,##0.0');

    const mine = await sheet(await post({ kind: 'compliance', by: 'commune', period: '2026-11' }, xa));
    const mineCol1 = mine.rows.map((r) => r[0]);
    assert.ok(mineCol1.includes('Địa bàn: Bắc Nha Trang'), JSON.stringify(mineCol1.slice(0, 8)));
    assert.deepEqual(mineCol1.slice(mineCol1.indexOf('Xã, phường') + 1), ['Bắc Nha Trang'], 'their commune only');

    assert.equal((await post({ kind: 'compliance', by: 'commune', area: OTHER }, xa)).status, 403);
    assert.equal((await post({ kind: 'compliance', by: 'district' }, xa)).status, 400);
    assert.equal((await post({ kind: 'compliance', by: 'agency', period: '2026-13' }, xa)).status, 400);
    assert.equal(
      (await fetch(`${url}/api/compliance/xlsx`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }))
        .status,
      401,
    );
    const { entries } = await identity.audit.search({ action: 'export.xlsx' });
    assert.ok(entries.some((e) => e.actor.name === 'Lãnh đạo' && e.outcome === 'ok' && e.target === 'compliance:agency'));
    assert.ok(entries.some((e) => e.actor.name === 'Cán bộ xã' && e.outcome === 'refused' && e.target === 'compliance:commune'));
  } finally {
    await server.close();
  }
});
