/** The camera-health state machine, table-driven: one row per (state, observation) that matters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CameraState } from '../../contract/alerts.ts';
import { type CameraHealth, checkSilence, heardFrom, newCameraHealth, observeHealth } from './camera-health.ts';
import type { HealthSample } from './model.ts';

const NEED = 2; // offlineAfterMissed
const T0 = 1_000_000;
const AT = T0 + 5000;
const health = (over: Partial<CameraHealth> = {}): CameraHealth => ({ ...newCameraHealth('frigate', T0), ...over });

interface Row {
  name: string;
  from: Partial<CameraHealth>;
  observation: HealthSample['observation'];
  reason?: string | null;
  /** State after the sample, the reason reported (undefined: nothing reported) and the bad run. */
  state: CameraState;
  reported?: string | null;
  badRun: number;
}

const rows: Row[] = [
  { name: 'unknown, ok: online at once', from: {}, observation: 'ok', state: 'online', reported: 'r', badRun: 0 },
  {
    name: 'unknown, degraded: degraded at once (nothing to protect)',
    from: {},
    observation: 'degraded',
    state: 'degraded',
    reported: 'r',
    badRun: 1,
  },
  { name: 'unknown, down: offline at once', from: {}, observation: 'down', state: 'offline', reported: 'r', badRun: 1 },
  { name: 'unknown, disabled: disabled', from: {}, observation: 'disabled', state: 'disabled', reported: 'r', badRun: 0 },
  {
    name: 'online, first degraded: stays online, unreported',
    from: { state: 'online' },
    observation: 'degraded',
    state: 'online',
    badRun: 1,
  },
  {
    name: 'online, second degraded in a row: degraded',
    from: { state: 'online', badRun: 1 },
    observation: 'degraded',
    state: 'degraded',
    reported: 'r',
    badRun: 2,
  },
  {
    name: 'online, first down: degraded (unconfirmed)',
    from: { state: 'online' },
    observation: 'down',
    state: 'degraded',
    reported: 'r (unconfirmed)',
    badRun: 1,
  },
  {
    name: 'online, first down without a reason',
    from: { state: 'online' },
    observation: 'down',
    reason: null,
    state: 'degraded',
    reported: 'not delivering (unconfirmed)',
    badRun: 1,
  },
  {
    name: 'degraded, second down in a row: offline',
    from: { state: 'degraded', badRun: 1 },
    observation: 'down',
    state: 'offline',
    reported: 'r',
    badRun: 2,
  },
  {
    name: 'degraded, another degraded: reported again',
    from: { state: 'degraded', badRun: 1 },
    observation: 'degraded',
    state: 'degraded',
    reported: 'r',
    badRun: 2,
  },
  {
    name: 'offline (by silence), one down: stays, unreported',
    from: { state: 'offline' },
    observation: 'down',
    state: 'offline',
    badRun: 1,
  },
  {
    name: 'offline, ok: online at once, bad run cleared',
    from: { state: 'offline', badRun: 5 },
    observation: 'ok',
    state: 'online',
    reported: 'r',
    badRun: 0,
  },
  { name: 'disabled, one down: stays disabled', from: { state: 'disabled' }, observation: 'down', state: 'disabled', badRun: 1 },
  {
    name: 'disabled, second down: offline',
    from: { state: 'disabled', badRun: 1 },
    observation: 'down',
    state: 'offline',
    reported: 'r',
    badRun: 2,
  },
  {
    name: 'online, disabled: disabled at once',
    from: { state: 'online', badRun: 1 },
    observation: 'disabled',
    state: 'disabled',
    reported: 'r',
    badRun: 0,
  },
];

for (const row of rows) {
  test(`camera health: ${row.name}`, () => {
    const before = health(row.from);
    const { health: after, report } = observeHealth(
      before,
      { observation: row.observation, fps: null, reason: row.reason === undefined ? 'r' : row.reason },
      AT,
      NEED,
    );
    assert.equal(after.state, row.state);
    assert.equal(after.badRun, row.badRun);
    assert.deepEqual(report, row.reported === undefined ? null : { reason: row.reported });
    assert.equal(after.sinceMs, after.state === before.state ? before.sinceMs : AT, 'since moves only with the state');
    assert.equal(after.lastHeardMs, AT);
    assert.deepEqual(before, health(row.from), 'the record given is not changed');
  });
}

test('camera health: a sample without fps keeps the last fps', () => {
  const a = observeHealth(health(), { observation: 'ok', fps: 5, reason: null }, AT, NEED).health;
  assert.equal(observeHealth(a, { observation: 'ok', fps: null, reason: null }, AT + 1, NEED).health.fps, 5);
});

test('camera health: the Frigate stats sequence online → degraded (unconfirmed) → offline → online', () => {
  let h = health();
  const seen: [CameraState, string | null | undefined][] = [];
  for (const observation of ['ok', 'down', 'down', 'ok'] as const) {
    const step = observeHealth(h, { observation, fps: null, reason: observation === 'ok' ? null : 'no frames' }, AT, NEED);
    h = step.health;
    seen.push([h.state, step.report?.reason]);
  }
  assert.deepEqual(seen, [
    ['online', null],
    ['degraded', 'no frames (unconfirmed)'],
    ['offline', 'no frames'],
    ['online', null],
  ]);
});

const silence: { name: string; from: Partial<CameraHealth>; silentMs: number; state: CameraState; reported?: string }[] = [
  {
    name: 'no promised interval: silence means nothing',
    from: { state: 'online', expectedIntervalMs: 0 },
    silentMs: 60_000,
    state: 'online',
  },
  {
    name: 'exactly the allowed silence: still online',
    from: { state: 'online', expectedIntervalMs: 1000 },
    silentMs: 2000,
    state: 'online',
  },
  {
    name: 'past the allowed silence: offline',
    from: { state: 'online', expectedIntervalMs: 1000 },
    silentMs: 2001,
    state: 'offline',
    reported: 'no report for 2 s',
  },
  {
    name: 'unknown and silent: offline',
    from: { expectedIntervalMs: 1000 },
    silentMs: 10_000,
    state: 'offline',
    reported: 'no report for 10 s',
  },
  {
    name: 'already offline: nothing new',
    from: { state: 'offline', expectedIntervalMs: 1000 },
    silentMs: 10_000,
    state: 'offline',
  },
  {
    name: 'disabled on purpose: silence is expected',
    from: { state: 'disabled', expectedIntervalMs: 1000 },
    silentMs: 10_000,
    state: 'disabled',
  },
];

for (const row of silence) {
  test(`camera silence: ${row.name}`, () => {
    const { health: after, report } = checkSilence(health({ ...row.from, lastHeardMs: T0 }), T0 + row.silentMs, NEED);
    assert.equal(after.state, row.state);
    assert.deepEqual(report, row.reported === undefined ? null : { reason: row.reported });
  });
}

test('an alert from the camera counts as heard, never moving the time back', () => {
  assert.equal(heardFrom(health({ lastHeardMs: AT }), AT - 1000).lastHeardMs, AT);
  assert.equal(heardFrom(health({ lastHeardMs: AT }), AT + 1000).lastHeardMs, AT + 1000);
});
