/** The history queue off the live path: batches in order, survives a database that is down, stays bounded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { SPENT_HELD_MAX_ENTRIES, type ValueHistoryEntry, type ValueHistoryWriter, createHistoryQueue } from './history.ts';

const log = pino({ level: 'silent' });
const entry = (n: number): ValueHistoryEntry => ({
  indicator: 'budget.revenue_total',
  area: '56',
  period: '2026-11',
  value: n,
  plan: null,
  status: 'official',
  reporter: 'STC',
  updatedAt: `2026-11-20T01:00:00.${String(n).padStart(6, '0')}Z`,
  seenAt: '2026-11-20T01:00:01.000Z',
  submittedAt: null,
});

function fakeWriter(): ValueHistoryWriter & { written: number[]; batches: number; down: boolean } {
  const w = {
    written: [] as number[],
    batches: 0,
    down: false,
    async append(entries: readonly ValueHistoryEntry[]) {
      if (w.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      w.batches++;
      w.written.push(...entries.map((e) => e.value!));
    },
    replay: async () => [],
    prune: async () => 0,
  };
  return w;
}

test('a burst is written in a few batches, in order', async () => {
  const writer = fakeWriter();
  const q = createHistoryQueue({ writer, log, batchSize: 100 });
  for (let i = 0; i < 250; i++) q.push([entry(i)]);
  assert.ok(await q.flush());
  assert.deepEqual(
    writer.written,
    Array.from({ length: 250 }, (_, i) => i),
  );
  assert.equal(writer.batches, 3);
  q.close();
});

test('a database that is down: push never throws or waits, failures are counted, the entries follow once it is back', async () => {
  const writer = fakeWriter();
  writer.down = true;
  const registry = new Registry();
  const q = createHistoryQueue({ writer, log, registry, flushDelayMs: 1 });
  const started = performance.now();
  for (let i = 0; i < 1000; i++) q.push([entry(i)]);
  assert.ok(performance.now() - started < 1000, 'pushing is not blocked by the database');
  assert.equal(await q.flush(700), false, 'not written while down');
  assert.ok(q.stats().failures >= 1);
  assert.match(await registry.metrics(), /ioc_value_history_write_failures_total \d+/);
  writer.down = false;
  assert.ok(await q.flush(10_000), 'retried after the backoff');
  assert.equal(writer.written.length, 1000);
  q.close();
});

test('past its bound the queue drops the oldest and counts them', async () => {
  const writer = fakeWriter();
  writer.down = true;
  const q = createHistoryQueue({ writer, log, maxEntries: 100, flushDelayMs: 1 });
  for (let i = 0; i < 150; i++) q.push([entry(i)]);
  assert.deepEqual([q.stats().queued, q.stats().dropped], [100, 50]);
  writer.down = false;
  assert.ok(await q.flush(10_000));
  assert.deepEqual(writer.written[0], 50, 'the newest 100 are kept');
  q.close();
});

test('written and dropped entries are let go: the queue holds at most the waiting ones + max(SPENT_HELD_MAX_ENTRIES, waiting)', async () => {
  const writer = fakeWriter();
  const q = createHistoryQueue({ writer, log, batchSize: 64, maxEntries: 5_000, flushDelayMs: 1 });
  // A steady trickle, as at the demo's pace: 30 rounds of 500 entries, each written before the next.
  for (let round = 0; round < 30; round++) {
    for (let i = 0; i < 500; i++) q.push([entry(round * 500 + i)]);
    assert.ok(await q.flush());
    assert.equal(q.stats().held, 0, `round ${round}: everything written, nothing held`);
  }
  assert.equal(writer.written.length, 15_000);
  // The database down: the waiting entries are bounded by maxEntries, the dropped ones let go as well.
  writer.down = true;
  let maxHeld = 0;
  try {
    for (let i = 0; i < 50_000; i++) {
      q.push([entry(i)]);
      const { queued, held } = q.stats();
      assert.ok(held <= queued + Math.max(SPENT_HELD_MAX_ENTRIES, queued), `held ${held} with ${queued} waiting`);
      maxHeld = Math.max(maxHeld, held);
    }
    assert.ok(maxHeld <= 2 * 5_000, `${maxHeld}`);
    writer.down = false;
    assert.ok(await q.flush(10_000));
    assert.deepEqual([q.stats().queued, q.stats().held], [0, 0]);
  } finally {
    q.close();
  }
});
