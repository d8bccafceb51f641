import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertRows, timeVi } from './model.ts';
import { sampleAlert } from '../../../../testing/fixtures.ts';

test('rows filter by severity, keep order, and render hostile text as plain strings', () => {
  const alerts = [
    sampleAlert({
      id: 'a',
      severity: 'critical',
      kind: 'fire_smoke',
      subLabel: '<img src=x onerror=alert(1)>',
      snapshotUrl: '/api/alerts/a/snapshot.jpg',
    }),
    sampleAlert({ id: 'b', severity: 'info', kind: 'motion' }),
    sampleAlert({
      id: 'c',
      severity: 'medium',
      kind: 'illegal_parking',
      state: 'ended',
      snapshotUrl: 'http://10.0.0.5/ISAPI/pic',
    }),
  ];
  const rows = alertRows(alerts, {
    minSeverity: 'low',
    limit: 5,
    cameraName: (id) => (id === 'cam-1' ? 'Trần Phú' : undefined),
    communeName: () => 'Nha Trang',
  });
  assert.deepEqual(
    rows.map((r) => r.id),
    ['a', 'c'],
  );
  assert.equal(rows[0]!.detail, '<img src=x onerror=alert(1)>', 'kept as text; React escapes it');
  assert.equal(rows[0]!.thumbnail, '/api/alerts/a/snapshot.jpg', 'our origin, no token in the address: the cookie');
  assert.equal(rows[1]!.thumbnail, null, 'never a device URL');
  assert.equal(rows[0]!.camera, 'Trần Phú');
});

test('times are shown in Vietnam time', () => {
  assert.equal(timeVi('2026-11-20T01:02:03.000Z'), '08:02');
  assert.equal(timeVi('garbage'), '—');
});
