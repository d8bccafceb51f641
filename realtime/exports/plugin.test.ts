/**
 * XLSX export end to end on the real server (port 0, PGlite center database): the file read back with
 * exceljs has the figures as numbers with vi-VN-rendering formats, the unit, the period in Vietnamese,
 * the status, the reporter and the as-of time; a commune official gets their commune only and 403
 * outside their scope; every export (and every refusal) is an audit row.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../../contract/load-config.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { XLSX_CONTENT_TYPE } from '../../contract/exports.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { openTestIdentity, type TestIdentity } from '../../testing/identity.ts';
import { createRealtimeServer, type RealtimeServer } from '../app.ts';
import { createExportsPlugin } from './plugin.ts';

const config = loadConfig('config');
const PASSWORD = 'mat-khau-thu-nghiem-02';
const MINE = '22333';
const OTHER = '22366';
const NOW = new Date('2026-12-02T03:00:00Z');
const store = createMemoryStore();
let identity: TestIdentity;
let server: RealtimeServer;
let url: string;
const cookies = { xa: '', staff: '', admin: '' };

const v = (
  indicator: string,
  area: string,
  period: string,
  value: number,
  over: Partial<IndicatorValue> = {},
): IndicatorValue => ({
  indicator,
  area,
  period,
  value,
  plan: null,
  status: 'official',
  updatedAt: '2026-11-10T03:05:00.000Z',
  reporter: area === '56' ? 'STC' : `UBND-${area}`,
  ...over,
});

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

const exportXlsx = (who: keyof typeof cookies, body: unknown) =>
  fetch(`${url}/api/exports/xlsx`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies[who], origin: url },
    body: JSON.stringify(body),
  });

async function sheetOf(res: Response): Promise<ExcelJS.Worksheet> {
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), XLSX_CONTENT_TYPE);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="ioc-[\w.-]+\.xlsx"$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb.worksheets[0]!;
}

/** Every row as its cell values (text, numbers, dates), and the number formats beside them. */
function rowsOf(ws: ExcelJS.Worksheet): { values: unknown[]; formats: (string | undefined)[] }[] {
  const out: { values: unknown[]; formats: (string | undefined)[] }[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: unknown[] = [];
    const formats: (string | undefined)[] = [];
    for (let c = 1; c <= Math.max(1, row.cellCount); c++) {
      const cell = row.getCell(c);
      values.push(cell.value ?? null);
      formats.push(cell.numFmt);
    }
    out.push({ values, formats });
  }
  return out;
}

before(async () => {
  identity = await openTestIdentity(config);
  await identity.users.create({
    username: 'xa',
    name: 'Cán bộ xã',
    role: 'viewer',
    scope: { groups: ['budget'], areas: [MINE] },
    password: PASSWORD,
  });
  await identity.users.create({
    username: 'staff1',
    name: 'Chuyên viên',
    role: 'staff',
    scope: { groups: [], areas: [] },
    password: PASSWORD,
  });
  await identity.users.create({
    username: 'admin1',
    name: 'Quản trị',
    role: 'admin',
    scope: { groups: '*', areas: '*' },
    password: PASSWORD,
  });
  const budget: IndicatorValue[] = [];
  for (let m = 1; m <= 10; m++) budget.push(v('budget.revenue_total', '56', `2026-${String(m).padStart(2, '0')}`, 1800 + m));
  budget.push(
    v('budget.revenue_total', '56', '2026-11', 20443.2, {
      status: 'estimate',
      updatedAt: '2026-11-20T02:30:00.000Z',
      flags: ['revised'],
    }),
    v('budget.revenue_total', '56', '2025-11', 1500),
    v('budget.revenue_total', MINE, '2026-11', 31.5, { status: 'estimate' }),
    v('budget.revenue_total', OTHER, '2026-11', 42.25, { status: 'estimate' }),
  );
  await store.applyChanges('budget', budget, NOW.toISOString());
  // Ties: 3, 5, 5, 8 crashes rank 1, 2, 2, 4 (fewest first).
  const communes = config.province.communes.map((c) => c.code);
  await store.applyChanges(
    'traffic_safety',
    [3, 5, 5, 8].map((n, i) => v('traffic_safety.crashes', communes[i]!, '2026-11', n, { status: 'estimate' })),
    NOW.toISOString(),
  );
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    trustProxy: true,
    plugins: [createExportsPlugin({ now: () => NOW })],
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  cookies.xa = await signIn('xa');
  cookies.staff = await signIn('staff1');
  cookies.admin = await signIn('admin1');
});

after(async () => {
  await server?.close();
  await store.close();
  await identity?.close();
});

test('a tile read back: the year’s figures as numbers with vi-VN formats, unit, period, status, reporter, as-of', async () => {
  const ws = await sheetOf(await exportXlsx('staff', { kind: 'tile', group: 'budget', indicator: 'budget.revenue_total' }));
  const rows = rowsOf(ws);
  const head = rows.slice(0, 6).map((r) => r.values[0]);
  assert.deepEqual(head, [
    'Tổng thu NSNN trên địa bàn',
    'Địa bàn: Tỉnh Khánh Hòa',
    'Kỳ báo cáo: Tháng 11/2026 (ước tính)',
    'Số liệu tính đến: 09:30 20/11/2026',
    'Xuất lúc 10:00 02/12/2026 bởi Chuyên viên',
    null,
  ]);
  assert.deepEqual(rows[6]!.values, [
    'Kỳ báo cáo',
    'Giá trị',
    'Đơn vị tính',
    'Kế hoạch',
    'Trạng thái',
    'Đơn vị báo cáo',
    'Cập nhật lúc',
    'Ghi chú',
  ]);
  const data = rows.slice(7);
  assert.equal(data.length, 11, 'January to November 2026; last year stays out');
  const nov = data.at(-1)!;
  assert.equal(nov.values[0], 'Tháng 11/2026');
  assert.equal(nov.values[1], 20443.2, 'a number cell, not text');
  assert.equal(nov.formats[1], '#,##0.0', 'Excel shows 20.443,2 in a Vietnamese locale');
  assert.equal(nov.values[2], 'tỷ đồng');
  assert.equal(nov.values[4], 'Ước tính');
  assert.equal(nov.values[5], 'Sở Tài chính', 'the agency by name (calendar.yaml), not its code STC');
  assert.ok(nov.values[6] instanceof Date);
  assert.equal((nov.values[6] as Date).toISOString(), '2026-11-20T09:30:00.000Z', 'Vietnam wall-clock time');
  assert.equal(nov.formats[6], 'hh:mm dd/mm/yyyy');
  assert.equal(nov.values[7], 'đã điều chỉnh');
  assert.equal(data[0]!.values[0], 'Tháng 1/2026');
  assert.equal(data[0]!.values[4], 'Chính thức');
});

test('a ranking read back: ties share a rank (1, 2, 2, 4) and the sheet says how many reported', async () => {
  const ws = await sheetOf(
    await exportXlsx('admin', { kind: 'ranking', group: 'traffic_safety', indicator: 'traffic_safety.crashes' }),
  );
  const rows = rowsOf(ws);
  assert.equal(rows[2]!.values[0], 'Kỳ báo cáo: Tháng 11/2026 (ước tính)');
  assert.equal(rows[4]!.values[0], '4/65 xã, phường đã báo cáo');
  const data = rows.slice(rows.findIndex((r) => r.values[0] === 'Hạng') + 1);
  assert.deepEqual(
    data.map((r) => [r.values[0], r.values[2], r.formats[2]]),
    [
      [1, 3, '#,##0'],
      [2, 5, '#,##0'],
      [2, 5, '#,##0'],
      [4, 8, '#,##0'],
    ],
  );
  const first = config.province.communes[0]!;
  assert.equal(data[0]!.values[1], `${first.type} ${first.name}`);
  assert.equal(data[0]!.values[6], `UBND ${first.type} ${first.name}`);
});

test('a commune official: their commune only; another commune or group is 403; bad bodies are 400', async () => {
  const ws = await sheetOf(await exportXlsx('xa', { kind: 'ranking', group: 'budget', indicator: 'budget.revenue_total' }));
  const rows = rowsOf(ws);
  const data = rows.slice(rows.findIndex((r) => r.values[0] === 'Hạng') + 1);
  assert.deepEqual(
    data.map((r) => [r.values[0], r.values[2], r.formats[2]]),
    [[1, 31.5, '#,##0.0']],
  );
  assert.ok(rows.some((r) => r.values[0] === '1/1 xã, phường đã báo cáo'));
  const mine = await sheetOf(
    await exportXlsx('xa', { kind: 'tile', group: 'budget', indicator: 'budget.revenue_total', area: MINE }),
  );
  assert.equal(rowsOf(mine).at(-1)!.values[1], 31.5);
  for (const body of [
    { kind: 'tile', group: 'budget', indicator: 'budget.revenue_total', area: OTHER },
    { kind: 'ranking', group: 'traffic_safety', indicator: 'traffic_safety.crashes' },
  ]) {
    const res = await exportXlsx('xa', body);
    assert.equal(res.status, 403, JSON.stringify(body));
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'forbidden');
  }
  // The province's own figures are not theirs: nothing to export, said plainly.
  const province = await exportXlsx('xa', { kind: 'tile', group: 'budget', indicator: 'budget.revenue_total' });
  assert.equal(province.status, 404);
  for (const [body, code] of [
    [{ kind: 'tile', group: 'budget' }, 'invalid-payload'],
    [{ kind: 'chart', group: 'budget' }, 'invalid-payload'],
    [{ kind: 'table', group: 'budget', extra: 1 }, 'invalid-payload'],
    [{ kind: 'tile', group: 'budget', indicator: 'budget.nope' }, 'unknown-indicator'],
    [{ kind: 'table', group: 'budget', period: '2026-13' }, 'bad-period'],
  ] as const) {
    const res = await exportXlsx('staff', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, code, JSON.stringify(body));
  }
  const nobody = await fetch(`${url}/api/exports/xlsx`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(nobody.status, 401);
});

test('a table: every indicator of the group at its latest period; exports and refusals are audited', async () => {
  const ws = await sheetOf(await exportXlsx('staff', { kind: 'table', group: 'budget' }));
  const rows = rowsOf(ws);
  const revenue = rows.find((r) => r.values[0] === 'Tổng thu NSNN trên địa bàn');
  assert.deepEqual(revenue?.values.slice(1, 3), ['Tháng 11/2026', 20443.2]);
  assert.ok(
    rows.some((r) => r.values[1] === 'Chưa có số liệu'),
    'an indicator without figures says so',
  );

  const { entries } = await identity.audit.search({ action: 'export.xlsx' });
  const xa = entries.filter((e) => e.actor.name === 'Cán bộ xã');
  assert.ok(xa.some((e) => e.outcome === 'ok' && e.target === 'indicator:budget.revenue_total'));
  assert.ok(xa.some((e) => e.outcome === 'refused' && e.target === 'indicator:traffic_safety.crashes'));
  const staff = entries.find((e) => e.actor.name === 'Chuyên viên' && e.detail?.kind === 'table');
  assert.equal(staff?.outcome, 'ok');
  assert.equal(staff?.target, 'group:budget');
});
