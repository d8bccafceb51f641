import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HomePayload } from '../../../contract/identity.ts';
import { homeSections } from './links.ts';

const base: HomePayload = {
  pages: [
    { id: 'tong-quan', title: 'Tổng quan kinh tế – xã hội' },
    { id: 'kinh-te-xa-hoi', title: 'Bản đồ kinh tế – xã hội' },
  ],
  displays: [{ id: 'man-hinh-1', name: 'Màn hình 1', wall: 'Phòng điều hành' }],
  tablet: true,
  admin: false,
  users: false,
};

const hrefs = (h: HomePayload) => homeSections(h).map((s) => `${s.id}: ${s.links.map((l) => l.href).join(' ')}`);

test('each role’s home: tablet, wall pages, displays; /admin for staff and admins', () => {
  assert.deepEqual(hrefs(base), [
    'tablet: /tablet /compliance',
    'pages: /wall/tong-quan /wall/kinh-te-xa-hoi',
    'displays: /wall/man-hinh-1',
  ]);
  assert.deepEqual(hrefs({ ...base, admin: true }).at(-1), 'admin: /workspace /admin');
  const admin = homeSections({ ...base, admin: true, users: true }).at(-1)!;
  assert.match(admin.links[1]!.detail!, /người dùng và nhật ký/);
  assert.doesNotMatch(homeSections({ ...base, admin: true }).at(-1)!.links[1]!.detail!, /người dùng/);
  assert.deepEqual(hrefs({ pages: [], displays: [], tablet: false, admin: false, users: false }), []);
  assert.deepEqual(hrefs({ pages: [], displays: [], tablet: false, admin: false, users: false, notes: true }), ['notes: /notes']);
});

test('ids are put in addresses encoded, titles are kept as text', () => {
  const s = homeSections({ ...base, pages: [{ id: 'a b/c', title: '<b>x</b>' }], displays: [] });
  assert.deepEqual(s[1]!.links[0], { href: '/wall/a%20b%2Fc', label: '<b>x</b>', detail: null });
});
