import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_SILENCE, type SilenceMemory, type SourceState, stepSilence } from './silence.ts';

const rule = { lateAfterMs: 100, silentAfterMs: 1000, realertAfterMs: 10_000 };

test('state by age, with hysteresis on the way back', () => {
  const cases: [from: SourceState, ageMs: number, seen: boolean, to: SourceState][] = [
    ['unknown', 50, true, 'ok'],
    ['unknown', 500, false, 'unknown'],
    ['unknown', 1001, false, 'silent'], // never sent anything since we started watching
    ['ok', 100, true, 'ok'],
    ['ok', 101, true, 'late'],
    ['late', 90, true, 'late'], // within the hysteresis band: stays late
    ['late', 80, true, 'ok'],
    ['late', 1000, true, 'late'],
    ['late', 1001, true, 'silent'],
    ['silent', 500, true, 'silent'], // an age below silentAfterMs is not enough to leave silent
    ['silent', 81, true, 'silent'],
    ['silent', 80, true, 'ok'],
  ];
  for (const [from, ageMs, seen, to] of cases) {
    const mem: SilenceMemory = { state: from, alerted: from === 'silent', lastAlertAtMs: null };
    assert.equal(stepSilence(mem, { ageMs, seen, nowMs: 0 }, rule).mem.state, to, `${from} at ${ageMs} ms`);
  }
});

test('a source going silent raises one alert, however often it is checked, and one recovery', () => {
  // [ageMs at each 30-s check] → the events
  const cases: [ages: number[], events: string[]][] = [
    [[10, 200, 1500, 1600, 1700, 1800], ['raise']],
    [
      [10, 1500, 5, 10],
      ['raise', 'recover'],
    ],
    [
      [1500, 1500, 900, 500, 300, 50],
      ['raise', 'recover'],
    ], // a trickle below silentAfterMs keeps it silent until fresh
    [[10, 20, 30], []],
    [[990, 1010, 990, 1010, 990], ['raise']], // hovering around the limit: stays silent, no flood
  ];
  for (const [ages, expected] of cases) {
    let mem = INITIAL_SILENCE;
    const events: string[] = [];
    ages.forEach((ageMs, i) => {
      const r = stepSilence(mem, { ageMs, seen: true, nowMs: i * 30 }, rule);
      mem = r.mem;
      if (r.event) events.push(r.event);
    });
    assert.deepEqual(events, expected, ages.join(','));
  }
});

test('flapping: a second silence soon after the first is shown but not alerted again', () => {
  let mem = INITIAL_SILENCE;
  const events: string[] = [];
  const checks: [nowMs: number, ageMs: number][] = [
    [0, 2000],
    [1000, 10], // recovered
    [2000, 2000], // silent again 2 s after the alert: within realertAfterMs
    [3000, 10],
    [20_000, 2000], // long after: alerted again
  ];
  for (const [nowMs, ageMs] of checks) {
    const r = stepSilence(mem, { ageMs, seen: true, nowMs }, rule);
    mem = r.mem;
    events.push(`${r.mem.state}${r.event ? `:${r.event}` : ''}`);
  }
  assert.deepEqual(events, ['silent:raise', 'ok:recover', 'silent', 'ok', 'silent:raise']);
});
