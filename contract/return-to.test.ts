import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnTo } from './return-to.ts';

const accepted = ['/', '/wall/tong-quan', '/tablet?view=budget#top', '/admin/users?q=a%2F%2Fb', '/a//b'];
const refused: unknown[] = [
  '',
  'wall',
  '//evil.example',
  '//evil.example/path',
  '/\\evil.example',
  '\\\\evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  '/\t/evil.example',
  '/\n/evil.example',
  ' /wall',
  undefined,
  null,
  42,
  ['/wall'],
  '/' + 'a'.repeat(3000),
];

for (const path of accepted) test(`returnTo accepted: ${path}`, () => assert.equal(safeReturnTo(path), path));
for (const value of refused)
  test(`returnTo refused: ${JSON.stringify(value)?.slice(0, 40)}`, () => assert.equal(safeReturnTo(value), null));
