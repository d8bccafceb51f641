import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs } from './backoff.ts';

test('backoff doubles from the base, caps at the maximum, jitters either side', () => {
  const mid = () => 0.5;
  const cases: [attempt: number, opts: Parameters<typeof backoffMs>[1], ms: number][] = [
    [1, { random: mid }, 1000],
    [2, { random: mid }, 2000],
    [5, { random: mid }, 16_000],
    [6, { random: mid }, 30_000],
    [1000, { random: mid }, 30_000],
    [0, { random: mid }, 1000],
    [3, { baseMs: 250, maxMs: 10_000, random: mid }, 1000],
    [3, { baseMs: 250, jitter: 0, random: () => 0.99 }, 1000],
    [1, { random: () => 0 }, 800],
    [1, { random: () => 1 }, 1200],
  ];
  for (const [attempt, opts, ms] of cases)
    assert.equal(backoffMs(attempt, opts), ms, `attempt ${attempt} ${JSON.stringify(opts)}`);
});
