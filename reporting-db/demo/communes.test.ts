import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitByWeights } from './communes.ts';

test('splitByWeights keeps the total exactly', () => {
  const parts = splitByWeights(1234.5, [0.2, 0.3, 0.5], 1);
  assert.equal(Math.round(parts.reduce((a, b) => a + b, 0) * 10), 12345);
  assert.deepEqual(
    splitByWeights(7, [0.5, 0.25, 0.25], 0).reduce((a, b) => a + b, 0),
    7,
  );
});
