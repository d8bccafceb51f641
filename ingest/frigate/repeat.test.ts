import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRepeater } from './repeat.ts';

test('a repeating job holds one timer however often it has run; stop clears it', async () => {
  const r = createRepeater();
  let runs = 0;
  let failures = 0;
  r.every(
    1,
    async () => {
      runs++;
      if (runs % 3 === 0) throw new Error('frigate down');
    },
    () => failures++,
    1,
  );
  r.every(
    2,
    async () => {},
    () => {},
    1,
  );
  const seen = new Set<number>();
  for (let i = 0; i < 60; i++) {
    await sleep(2);
    seen.add(r.pending());
  }
  assert.ok(runs >= 20, `${runs} runs`);
  assert.ok(failures >= 5, 'a failing run is reported and the job goes on');
  // Between two runs a job holds its next timer; while one runs, none: never more than one per job.
  assert.ok(Math.max(...seen) <= 2, `pending timers seen: ${[...seen].join(', ')}`);
  r.stop();
  assert.equal(r.pending(), 0);
  const after = runs;
  await sleep(10);
  assert.equal(runs, after, 'nothing runs after stop');
});
