import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actorText,
  auditQuery,
  currentCursor,
  detailText,
  emptyFilters,
  firstPage,
  newerPage,
  olderPage,
  pageNumber,
  targetText,
  type AuditFilters,
} from './audit-model.ts';

test('filters become the query; dates are whole Vietnam days', () => {
  const f = (over: Partial<AuditFilters>): AuditFilters => ({ ...emptyFilters(), ...over });
  const cases: [string, AuditFilters, string | null, ReturnType<typeof auditQuery>][] = [
    ['nothing', f({}), null, { ok: true, query: 'limit=50' }],
    [
      'actor and action, older page',
      f({ actor: 'u-1', action: 'user.create' }),
      '120',
      { ok: true, query: 'actor=u-1&action=user.create&limit=50&before=120' },
    ],
    [
      'one day',
      f({ from: '2026-11-22', to: '2026-11-22' }),
      null,
      { ok: true, query: 'from=2026-11-21T17%3A00%3A00.000Z&to=2026-11-22T17%3A00%3A00.000Z&limit=50' },
    ],
    ['from only', f({ from: '2026-11-22' }), null, { ok: true, query: 'from=2026-11-21T17%3A00%3A00.000Z&limit=50' }],
    [
      'end before start',
      f({ from: '2026-11-22', to: '2026-11-21' }),
      null,
      { ok: false, errors: { to: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' } },
    ],
    ['not a date', f({ from: '2026-02-30' }), null, { ok: false, errors: { from: 'Ngày không hợp lệ.' } }],
  ];
  for (const [name, filters, before, want] of cases) assert.deepEqual(auditQuery(filters, before), want, name);
});

test('paging keeps the cursors of the pages visited', () => {
  let c = firstPage();
  assert.equal(currentCursor(c), null);
  assert.equal(pageNumber(c), 1);
  c = olderPage(c, '200');
  c = olderPage(c, '150');
  assert.equal(currentCursor(c), '150');
  assert.equal(pageNumber(c), 3);
  c = newerPage(c);
  assert.equal(currentCursor(c), '200');
  c = newerPage(newerPage(c));
  assert.deepEqual(c, [null]);
});

test('actors and targets read as names where known', () => {
  const names = {
    users: new Map([
      ['u-1', 'quan-tri'],
      ['u-2', 'nguyen-van-a'],
    ]),
    devices: new Map([['d-1', 'Màn hình sảnh']]),
  };
  const actors: [Parameters<typeof actorText>[0], { main: string; sub: string }][] = [
    [
      { kind: 'user', id: 'u-1', name: 'Quản trị viên' },
      { main: 'Quản trị viên', sub: 'Người dùng · quan-tri' },
    ],
    [
      { kind: 'user', id: 'u-9', name: null },
      { main: 'u-9', sub: 'Người dùng' },
    ],
    [
      { kind: 'device', id: 'd-1', name: null },
      { main: 'Màn hình sảnh', sub: 'Thiết bị' },
    ],
    [
      { kind: 'anonymous', id: null, name: 'ai-do' },
      { main: 'ai-do', sub: 'Chưa đăng nhập' },
    ],
    [
      { kind: 'anonymous', id: null, name: null },
      { main: 'Chưa đăng nhập', sub: '' },
    ],
    [
      { kind: 'system', id: null, name: null },
      { main: 'Hệ thống', sub: '' },
    ],
  ];
  for (const [a, want] of actors) assert.deepEqual(actorText(a, names), want, JSON.stringify(a));
  const targets: [string | null, string][] = [
    ['user:u-2', 'Người dùng nguyen-van-a'],
    ['user:u-9', 'Người dùng u-9'],
    ['device:d-1', 'Thiết bị Màn hình sảnh'],
    ['screen:man-hinh-1', 'Màn hình man-hinh-1'],
    ['meeting:m1', 'meeting:m1'],
    ['plain', 'plain'],
    [null, '—'],
  ];
  for (const [t, want] of targets) assert.equal(targetText(t, names), want, String(t));
});

test('the detail is indented JSON text', () => {
  assert.equal(detailText(null), '');
  assert.equal(detailText({ screen: 'man-hinh-1', name: '<b>x</b>' }), '{\n  "screen": "man-hinh-1",\n  "name": "<b>x</b>"\n}');
});
