import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterRefusalMs, afterServerCloseMs, resubscribeMs, screenRetryMs } from './delays.ts';

const mid = () => 0.5;

test('the live connection waits as it always did: doubling from its base up to its cap, ±20 %', () => {
  assert.equal(afterServerCloseMs(mid), 2000);
  assert.equal(afterRefusalMs(mid), 8000);
  const rows: [failures: number, resubscribe: number, screen: number][] = [
    [1, 2000, 1000],
    [2, 4000, 2000],
    [4, 16_000, 8000],
    [6, 60_000, 30_000],
    [50, 60_000, 30_000],
  ];
  for (const [n, resubscribe, screen] of rows) {
    assert.equal(resubscribeMs(n, mid), resubscribe, `resubscribe after ${n}`);
    assert.equal(screenRetryMs(n, mid), screen, `screen after ${n}`);
  }
  assert.equal(
    screenRetryMs(1, () => 0),
    800,
  );
  assert.equal(
    screenRetryMs(1, () => 1),
    1200,
  );
});
