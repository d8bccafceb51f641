/** Where a draft's alert is, and the record it becomes. Table-driven. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CameraConfig } from '../../contract/config.ts';
import { draftAlert } from './draft.ts';
import { alertFromDraft, placeAlert } from './draft-to-alert.ts';
import type { AlertDraft } from './model.ts';
import { FeedReject } from './validate.ts';

const CAM: CameraConfig = {
  id: 'nt-cho-dam',
  name: 'Chợ Đầm',
  area: '22366',
  lat: 12.25,
  lon: 109.19,
  feed: 'ai',
  ref: 'cho_dam',
  noParkingZones: [],
};
const draft = (over: Partial<AlertDraft> = {}) =>
  draftAlert({
    source: { type: 'webhook', instance: 'ai' },
    dedupeKey: 'e1',
    cameraRefs: ['x'],
    kind: 'flooding',
    label: 'flood',
    startedAtMs: 0,
    ...over,
  });

const places: [string, AlertDraft, CameraConfig | undefined, string | { cameraId: string; area: string | null; lat: number }][] =
  [
    [
      'our camera: its id, commune and position',
      draft({ location: { lat: 1, lon: 1 } }),
      CAM,
      { cameraId: 'nt-cho-dam', area: '22366', lat: 12.25 },
    ],
    [
      'an external alert inside the province',
      draft({ location: { lat: 12.1, lon: 109.1 } }),
      undefined,
      { cameraId: 'ai:external', area: null, lat: 12.1 },
    ],
    ['an external alert in Madrid', draft({ location: { lat: 40.4, lon: -3.7 } }), undefined, 'location-outside-province'],
    [
      'a position from a camera feed is not enough',
      draft({ source: { type: 'hikvision', instance: 'ai' }, location: { lat: 12.1, lon: 109.1 } }),
      undefined,
      'unknown-camera',
    ],
    ['no camera, no position', draft(), undefined, 'unknown-camera'],
  ];
for (const [name, d, cam, expected] of places) {
  test(`place: ${name}`, () => {
    if (typeof expected === 'string') {
      assert.throws(
        () => placeAlert('ai', d, cam),
        (e: unknown) => e instanceof FeedReject && e.reason === expected,
      );
      return;
    }
    const p = placeAlert('ai', d, cam);
    assert.deepEqual([p.cameraId, p.area, p.location?.lat], [expected.cameraId, expected.area, expected.lat]);
  });
}

test('the record is on our clock, received now, version 1; an end without a time ends when received', () => {
  const place = placeAlert('ai', draft(), CAM);
  const clock = { startedMs: Date.UTC(2026, 0, 1, 8), endedMs: null, suspect: true, skewMs: 540_000, repair: null };
  const receivedMs = Date.UTC(2026, 0, 1, 9);
  const a = alertFromDraft(draft({ state: 'ended' }), { id: 'id1', place, clock, receivedMs, snapshotUrl: null });
  assert.deepEqual(
    [a.id, a.cameraId, a.startedAt, a.endedAt, a.lastSeenAt, a.receivedAt, a.clockSuspect, a.skewMs, a.version],
    [
      'id1',
      'nt-cho-dam',
      '2026-01-01T08:00:00.000Z',
      '2026-01-01T09:00:00.000Z',
      '2026-01-01T09:00:00.000Z',
      '2026-01-01T09:00:00.000Z',
      true,
      540_000,
      1,
    ],
  );
  assert.equal(
    alertFromDraft(draft(), { id: 'id1', place, clock, receivedMs, snapshotUrl: null }).endedAt,
    null,
    'active: no end',
  );
});
