/** The lock rules both stores follow (the Redis Lua script mirrors decideLock), table-driven. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type LockAttempt, type LockDecision, type LockState, decideLock, nextToken } from './lease.ts';

const FLOOR = 1000;
const rows: [string, LockState, string, LockAttempt, LockDecision][] = [
  ['a free lock is acquired under the next token', { holder: null, token: 1500 }, 'a', {}, { grant: 'acquired', token: 1501 }],
  ['the first token is at least the floor', { holder: null, token: 0 }, 'a', {}, { grant: 'acquired', token: FLOOR }],
  ['a lock held by another is refused', { holder: 'b', token: 7 }, 'a', {}, { grant: null }],
  [
    'its own lock is reclaimed (a restart) under a new token',
    { holder: 'a', token: 1500 },
    'a',
    {},
    { grant: 'acquired', token: 1501 },
  ],
  ['…unless reclaim is false', { holder: 'a', token: 1500 }, 'a', { reclaim: false }, { grant: null }],
  ['the holder renews under its token', { holder: 'a', token: 1500 }, 'a', { token: 1500 }, { grant: 'renewed', token: 1500 }],
  [
    'a lapsed lease nobody took is renewed',
    { holder: null, token: 1500 },
    'a',
    { token: 1500 },
    { grant: 'renewed', token: 1500 },
  ],
  [
    'a replaced holder cannot renew (same name, newer token)',
    { holder: 'a', token: 1501 },
    'a',
    { token: 1500 },
    { grant: null },
  ],
  ['a replaced holder cannot renew (another holder)', { holder: 'b', token: 1501 }, 'a', { token: 1500 }, { grant: null }],
  ['a lapsed lease another took and freed is not renewed', { holder: null, token: 1501 }, 'a', { token: 1500 }, { grant: null }],
];
for (const [name, state, owner, attempt, expected] of rows) {
  test(`lock rule: ${name}`, () => assert.deepEqual(decideLock(state, owner, attempt, FLOOR), expected));
}

test('tokens grow by one, and jump to the floor when it is ahead (Redis emptied by a restart)', () => {
  assert.equal(nextToken(5, 0), 6);
  assert.equal(nextToken(0, 1_764_000_000_000), 1_764_000_000_000);
  assert.equal(nextToken(1_764_000_000_005, 1_764_000_000_000), 1_764_000_000_006);
});
