/** Every real sample in shared/feeds/ belongs to the parse test of one source (which has a case for it). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_OWNERS, sampleFiles } from './samples.ts';

test('every shared sample is owned by a source parse test', () => {
  const prefixes = Object.keys(SAMPLE_OWNERS);
  assert.deepEqual(
    sampleFiles().filter((f) => !prefixes.some((p) => f.startsWith(p))),
    [],
  );
});
