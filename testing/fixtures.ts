/** Fixtures shared by the test suites of several folders (the dashboard's included). */
import type { Alert } from '../contract/alerts.ts';

export function sampleAlert(over: Partial<Alert> = {}): Alert {
  const at = '2026-11-20T01:02:03.000Z';
  return {
    id: 'a-1',
    source: { type: 'frigate', instance: 'frigate-nt' },
    sourceEventId: 'e-1',
    dedupeKey: 'e-1',
    cameraId: 'cam-1',
    area: '22366',
    kind: 'object',
    label: 'person',
    subLabel: null,
    plate: null,
    severity: 'low',
    score: 0.8,
    state: 'active',
    startedAt: at,
    endedAt: null,
    lastSeenAt: at,
    receivedAt: at,
    clockSuspect: false,
    location: { lat: 12.24, lon: 109.19 },
    zone: null,
    bbox: null,
    snapshotUrl: null,
    version: 1,
    ...over,
  };
}
