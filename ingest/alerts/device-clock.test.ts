/** Device clocks, table-driven: the skew estimate, suspect clocks, absurd and future times. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ClockReading, type DraftTimes, createDeviceClocks, nextSkewEstimate } from './device-clock.ts';
import { FeedReject } from './validate.ts';

const TOLERANCE_MS = 120_000;
const NOW = Date.UTC(2026, 10, 23, 9, 30);
const MIN = 60_000;

const estimates: [string, number | null, number, number][] = [
  ['the first sample is the estimate', null, 500, 500],
  ['a near sample is smoothed (a fifth of the way)', 1000, 1500, 1100],
  ['ten minutes off is still jitter', 1000, 1000 + 10 * MIN, 1000 + 0.2 * 10 * MIN],
  ['beyond ten minutes the clock was changed: jump', 1000, 1001 + 10 * MIN, 1001 + 10 * MIN],
];
for (const [name, estimate, sample, next] of estimates) {
  test(`skew estimate: ${name}`, () => assert.equal(nextSkewEstimate(estimate, sample), next));
}

const times = (over: Partial<DraftTimes>): DraftTimes => ({
  deviceTimeMs: null,
  startedAtMs: null,
  endedAtMs: null,
  dedupeKey: 'k',
  ...over,
});

const readings: { name: string; draft: Partial<DraftTimes>; expect: ClockReading }[] = [
  {
    name: 'a clock in step: device times kept',
    draft: { deviceTimeMs: NOW - 1000, startedAtMs: NOW - 3000 },
    expect: { startedMs: NOW - 3000, endedMs: null, suspect: false, skewMs: 1000, repair: null },
  },
  {
    name: 'a clock 9 minutes slow: suspect, moved onto our clock',
    draft: { deviceTimeMs: NOW - 9 * MIN, startedAtMs: NOW - 9 * MIN - 2000, endedAtMs: NOW - 9 * MIN },
    expect: { startedMs: NOW - 2000, endedMs: NOW, suspect: true, skewMs: 9 * MIN, repair: null },
  },
  {
    name: 'no device time at all: received time, no skew',
    draft: {},
    expect: { startedMs: NOW, endedMs: null, suspect: false, skewMs: null, repair: null },
  },
  {
    name: 'a clock never set (year 2000): our clock, repaired',
    draft: { deviceTimeMs: Date.UTC(2000, 0, 2), startedAtMs: Date.UTC(2000, 0, 2), endedAtMs: Date.UTC(2000, 0, 2) },
    expect: { startedMs: NOW, endedMs: NOW, suspect: true, skewMs: NOW - Date.UTC(2000, 0, 2), repair: 'absurd-device-time' },
  },
  {
    name: 'a start a little ahead (within five minutes) is accepted',
    draft: { startedAtMs: NOW + 4 * MIN },
    expect: { startedMs: NOW + 4 * MIN, endedMs: null, suspect: false, skewMs: null, repair: null },
  },
];
for (const row of readings) {
  test(`device clock: ${row.name}`, () => {
    assert.deepEqual(createDeviceClocks(TOLERANCE_MS).read('feed|cam', times(row.draft), NOW), row.expect);
  });
}

const future: [string, Partial<DraftTimes>][] = [
  ['device time an hour ahead', { deviceTimeMs: NOW + 60 * MIN, startedAtMs: NOW }],
  ['a start an hour ahead without a device time', { startedAtMs: NOW + 60 * MIN }],
];
for (const [name, draft] of future) {
  test(`device clock refuses ${name}`, () => {
    assert.throws(
      () => createDeviceClocks(TOLERANCE_MS).read('feed|cam', times(draft), NOW),
      (e: unknown) => e instanceof FeedReject && e.reason === 'future-timestamp' && e.key === 'k',
    );
  });
}

test('device clock: the estimate is per camera and carries over to messages without a device time', () => {
  const clocks = createDeviceClocks(TOLERANCE_MS);
  clocks.read('feed|slow', times({ deviceTimeMs: NOW - 9 * MIN }), NOW);
  assert.equal(
    clocks.read('feed|slow', times({ startedAtMs: NOW - 9 * MIN }), NOW).startedMs,
    NOW,
    'the slow camera is still corrected',
  );
  assert.equal(
    clocks.read('feed|other', times({ startedAtMs: NOW - 9 * MIN }), NOW).startedMs,
    NOW - 9 * MIN,
    'another camera is not',
  );
});
