import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggest } from './hints.ts';

test('edit distance ignores case', () => {
  const cases: [string, string, number][] = [
    ['pollIntervalMS', 'pollIntervalMs', 0],
    ['tong-quan-cu', 'tong-quan', 3],
    ['distanceMm', 'distanceM', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ];
  for (const [a, b, d] of cases) assert.equal(editDistance(a, b), d, `${a} → ${b}`);
});

test('a suggestion is offered only for a likely typo', () => {
  const keys = ['pollIntervalMs', 'lateCommitWindowMs', 'listen', 'historyYears'];
  const cases: [string, string | undefined][] = [
    ['pollIntervalMS', 'pollIntervalMs'],
    ['histroyYears', 'historyYears'],
    ['lisen', 'listen'],
    ['zzzzzzzzzz', undefined],
    ['port', undefined],
  ];
  for (const [word, want] of cases) assert.equal(suggest(word, keys), want, word);
});
