import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextOf, safeNext, signInHref } from './next.ts';

test('next: only a page of this server', () => {
  const rows: [unknown, string | null][] = [
    ['/tablet', '/tablet'],
    ['/admin?tab=devices', '/admin?tab=devices'],
    ['/wall/tong-quan#x', '/wall/tong-quan#x'],
    ['/tablet/%E1%BA%A1', '/tablet/%E1%BA%A1'],
    ['', null],
    [null, null],
    [42, null],
    ['tablet', null],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['/\tevil', null],
    ['https://evil.example/', null],
    ['javascript:alert(1)', null],
    [' /tablet', null],
    ['/', null],
    ['/?next=/tablet', null],
    ['/api/session', null],
    ['/' + 'a'.repeat(2048), null],
  ];
  for (const [value, want] of rows) assert.equal(safeNext(value), want, JSON.stringify(value));
});

test('next from the address, and the sign-in address that returns to a page', () => {
  assert.equal(nextOf('?next=%2Ftablet'), '/tablet');
  assert.equal(nextOf('?next=%2F%2Fevil.example'), null);
  assert.equal(nextOf('?sso=oidc-denied'), null);
  assert.equal(nextOf(''), null);
  assert.equal(signInHref('/tablet'), '/?next=%2Ftablet');
  assert.equal(signInHref('/admin?x=1&y=2'), '/?next=%2Fadmin%3Fx%3D1%26y%3D2');
  assert.equal(signInHref('//evil.example'), '/');
  assert.equal(signInHref('/'), '/');
});
