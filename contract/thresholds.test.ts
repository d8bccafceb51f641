import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandInput, bandLabel, bandOf, thresholdIssues } from './thresholds.ts';
import type { ThresholdBand } from './workspace.ts';

const up: ThresholdBand = { on: 'pctOfPlan', good: 100, bad: 80 };
const down: ThresholdBand = { on: 'value', good: 10, bad: 20 };

test('bandOf: polarity decides which side is good', () => {
  const rows: [ThresholdBand, boolean, number | null, ReturnType<typeof bandOf>][] = [
    [up, true, 120, 'good'],
    [up, true, 100, 'good'], // at the good bound: good
    [up, true, 99.9, 'watch'],
    [up, true, 80, 'watch'], // at the bad bound: still watch
    [up, true, 79.9, 'bad'],
    [down, false, 5, 'good'],
    [down, false, 10, 'good'],
    [down, false, 15, 'watch'],
    [down, false, 20, 'watch'],
    [down, false, 20.1, 'bad'],
    [up, true, null, null],
    [up, true, Number.NaN, null],
    [up, true, Number.POSITIVE_INFINITY, null],
  ];
  for (const [band, hib, value, want] of rows)
    assert.equal(bandOf(band, value, hib), want, `${JSON.stringify(band)} ${hib} ${value}`);
});

test('bandInput: the figure or its % of plan', () => {
  assert.equal(bandInput(up, { value: 2000, pctOfPlan: 85 }), 85);
  assert.equal(bandInput(down, { value: 12, pctOfPlan: 85 }), 12);
  assert.equal(bandInput(up, { value: 2000, pctOfPlan: null }), null);
});

test('bandLabel: a word beside the colour, by polarity', () => {
  assert.equal(bandLabel('bad', true), 'Dưới ngưỡng');
  assert.equal(bandLabel('bad', false), 'Vượt ngưỡng');
  assert.equal(bandLabel('watch', true), 'Cần theo dõi');
});

test('thresholdIssues: bounds on the wrong side, % of plan without a plan, nonsense numbers', () => {
  const more = { higherIsBetter: true, hasPlan: true };
  const less = { higherIsBetter: false, hasPlan: false };
  const rows: [ThresholdBand, typeof more, string[]][] = [
    [up, more, []],
    [{ on: 'pctOfPlan', good: 80, bad: 100 }, more, ['good']],
    [{ on: 'pctOfPlan', good: 90, bad: 90 }, more, ['good']],
    [down, less, []],
    [{ on: 'value', good: 20, bad: 10 }, less, ['good']],
    [{ on: 'pctOfPlan', good: 5, bad: 10 }, less, ['on']],
    [{ on: 'pctOfPlan', good: 2000, bad: 80 }, more, ['good']],
    [{ on: 'value', good: Number.NaN, bad: 1 }, more, ['good']],
  ];
  for (const [band, ind, fields] of rows)
    assert.deepEqual(
      thresholdIssues(band, ind).map((i) => i.field),
      fields,
      JSON.stringify(band),
    );
  assert.match(thresholdIssues({ on: 'value', good: 1, bad: 2 }, more)[0]!.message, /lớn hơn ngưỡng xấu/);
  assert.deepEqual(
    thresholdIssues(up, { ...more, neutral: true }).map((i) => i.field),
    ['on'],
  );
});
