import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleAlert } from '../../../testing/fixtures.ts';
import { AlertLayerModel, HEAT_REFRESH_MS, MAX_PULSES, alertPosition } from './alert-layer-model.ts';
import { PULSE_MS } from './layers.ts';

const T0 = Date.parse('2026-11-20T01:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const cameraAt = new Map([['cam-2', { lon: 109.1, lat: 12.2 }]]);

test('alerts become points at their place (own location, else the camera), once per version', () => {
  const m = new AlertLayerModel();
  const a = sampleAlert({ id: 'a', receivedAt: iso(T0) });
  const b = sampleAlert({ id: 'b', receivedAt: iso(T0), location: null, cameraId: 'cam-2' });
  const lost = sampleAlert({ id: 'lost', receivedAt: iso(T0), location: null, cameraId: 'nowhere' });
  const f1 = m.frame([a, b, lost], cameraAt, T0, HOUR, 0);
  assert.equal(f1.points.length, 2, 'an alert with no place is not drawn');
  assert.deepEqual(alertPosition(b, cameraAt), { lon: 109.1, lat: 12.2 });
  assert.equal(
    m.frame([a, b, lost], cameraAt, T0, HOUR, 0).points,
    f1.points,
    'same inputs, same frame (React may render twice)',
  );
  const f2 = m.frame([{ ...a, version: 2, severity: 'critical' }, b], cameraAt, T0 + 1, HOUR, 0);
  assert.notEqual(f2.points, f1.points, 'a new version is a new data object for deck.gl');
  assert.equal(f2.points.length, 2, 'updated in place, not added');
  assert.equal(
    m.frame([a, b], cameraAt, T0 + 2 * HOUR, HOUR, 0).points.length,
    0,
    'points older than the heat window are dropped',
  );
});

test('pulses: active alerts received in the last PULSE_MS, born no later than first seen, newest MAX_PULSES', () => {
  const rows: [name: string, receivedAt: number, seenAt: number, state: 'active' | 'ended', pulses: boolean][] = [
    ['fresh', T0, T0, 'active', true],
    ['server clock a minute ahead: born when first seen', T0 + 60_000, T0, 'active', true],
    ['old alert in a snapshot after a reload', T0 - PULSE_MS, T0, 'active', false],
    ['ended', T0, T0, 'ended', false],
  ];
  for (const [name, receivedAt, seenAt, state, pulses] of rows) {
    const m = new AlertLayerModel();
    const f = m.frame([sampleAlert({ id: 'a', receivedAt: iso(receivedAt), state })], cameraAt, seenAt, HOUR, 0);
    assert.equal(f.pulses.length, pulses ? 1 : 0, name);
    if (pulses) {
      assert.equal(f.pulses[0]!.bornAt, seenAt, `${name}: born`);
      assert.equal(f.nextExpiryMs, PULSE_MS, `${name}: expires PULSE_MS after birth`);
      assert.equal(
        m.frame([sampleAlert({ id: 'a', receivedAt: iso(receivedAt), state })], cameraAt, seenAt + PULSE_MS, HOUR, 0).pulses
          .length,
        0,
        `${name}: over`,
      );
    } else assert.equal(f.nextExpiryMs, null, `${name}: no timer`);
  }
  const burst = Array.from({ length: MAX_PULSES + 10 }, (_, i) => sampleAlert({ id: `b${i}`, receivedAt: iso(T0 + i) }));
  const f = new AlertLayerModel().frame(burst, cameraAt, T0 + 100, HOUR, 0);
  assert.equal(f.pulses.length, MAX_PULSES);
  assert.equal(f.pulses[0]!.id, `b${MAX_PULSES + 9}`, 'newest first');
});

test('heat map: at once while empty, then at most every HEAT_REFRESH_MS and only in its own task', () => {
  const m = new AlertLayerModel();
  const alert = (id: string, at: number) => sampleAlert({ id, receivedAt: iso(at) });
  const f1 = m.frame([alert('a', T0)], cameraAt, T0, HOUR, 0);
  assert.equal(f1.heat.length, 1, 'an empty heat map takes the first points at once');
  const f2 = m.frame([alert('a', T0), alert('b', T0 + 1000)], cameraAt, T0 + 1000, HOUR, 0);
  assert.equal(f2.heat, f1.heat, 'a live update leaves the heat map alone');
  assert.equal(f2.heatWaitMs, HEAT_REFRESH_MS - 1000, 'its task is due one period after the last refresh');
  const f3 = m.frame([alert('a', T0), alert('b', T0 + 1000)], cameraAt, T0 + HEAT_REFRESH_MS, HOUR, 0);
  assert.equal(f3.heat, f1.heat, 'due, but not its own task: still the old points');
  assert.equal(f3.heatWaitMs, 0);
  const f4 = m.frame([alert('a', T0), alert('b', T0 + 1000)], cameraAt, T0 + HEAT_REFRESH_MS, HOUR, 1);
  assert.equal(f4.heat.length, 2, 'the task takes the latest points');
  assert.equal(f4.heatWaitMs, null);
  m.forgetHeat();
  assert.notEqual(
    m.frame([alert('a', T0), alert('b', T0 + 1000)], cameraAt, T0 + HEAT_REFRESH_MS, HOUR, 1).heat,
    f4.heat,
    'forgotten: taken again',
  );
});
