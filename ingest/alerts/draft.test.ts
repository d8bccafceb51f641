import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftAlert } from './draft.ts';

const identity = {
  source: { type: 'webhook' as const, instance: 'ai' },
  dedupeKey: 'e1',
  cameraRefs: ['cam'],
  kind: 'fire_smoke' as const,
  label: 'fire',
  startedAtMs: 1000,
};

test('a draft says only what differs: the rest are the defaults, severity from the kind', () => {
  const d = draftAlert(identity);
  assert.deepEqual(d, {
    ...identity,
    type: 'draft',
    sourceEventId: null,
    levelKey: null,
    subLabel: null,
    plate: null,
    severity: 'critical',
    score: null,
    state: 'active',
    endedAtMs: null,
    deviceTimeMs: null,
    deviceTimeRaw: null,
    zone: null,
    bbox: null,
    snapshot: null,
    closesByIdle: false,
    location: null,
    repairs: [],
  });
});

test('given fields win over the defaults; each draft has its own repairs list', () => {
  const a = draftAlert({ ...identity, severity: 'low', state: 'ended', endedAtMs: 2000, closesByIdle: true });
  assert.deepEqual([a.severity, a.state, a.endedAtMs, a.closesByIdle], ['low', 'ended', 2000, true]);
  const b = draftAlert(identity);
  a.repairs.push('nan-replaced');
  assert.deepEqual(b.repairs, []);
});
