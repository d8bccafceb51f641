import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cameraSummary } from './model.ts';

test('counts cameras by state; offline ones first among the problems', () => {
  const cam = (id: string, state: 'online' | 'offline' | 'degraded' | null) => ({
    id,
    name: id,
    area: '22366',
    lat: 12,
    lon: 109,
    source: 'frigate' as const,
    status: state
      ? { cameraId: id, state, since: '2026-11-20T00:00:00Z', fps: null, reason: null, source: 'frigate' as const }
      : null,
  });
  const s = cameraSummary([cam('a', 'online'), cam('b', 'degraded'), cam('c', 'offline'), cam('d', null)]);
  assert.deepEqual(s.counts, { online: 1, degraded: 1, offline: 1, disabled: 0, unknown: 1 });
  assert.deepEqual(
    s.problems.map((c) => c.id),
    ['c', 'b'],
  );
});
