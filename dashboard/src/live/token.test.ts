import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveToken, tokenStorageKey, type KeyValueStorage } from './token.ts';

function memory(init: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

test('token from the address is used and remembered per screen', () => {
  const s = memory({ [tokenStorageKey('tong-quan')]: 'old' });
  const cases: [string, string, string | null][] = [
    ['tong-quan', '?token=abc', 'abc'],
    ['tong-quan', '', 'abc'],
    ['kinh-te-xa-hoi', '', null],
    ['kinh-te-xa-hoi', '?x=1&token=%20def%20', 'def'],
    ['kinh-te-xa-hoi', '?token=', 'def'],
    ['tong-quan', '', 'abc'],
  ];
  for (const [scope, search, want] of cases) assert.equal(resolveToken(scope, search, s), want, `${scope}${search}`);
});

test('broken storage still lets the address token through', () => {
  const broken: KeyValueStorage = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('denied');
    },
  };
  assert.equal(resolveToken('a', '?token=t', broken), 't');
  assert.equal(resolveToken('a', '', broken), null);
  assert.equal(resolveToken('a', '?token=t', null), 't');
});
