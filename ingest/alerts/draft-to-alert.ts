/**
 * What an accepted draft becomes, pure: where its alert is (our camera, or for an external alert its own
 * position inside the province) and the Alert record the engine writes (on our clock, with our snapshot
 * URL). The engine decides the id and merges it with what is stored.
 */
import type { Alert } from '../../contract/alerts.ts';
import type { CameraConfig } from '../../contract/config.ts';
import type { ClockReading } from './device-clock.ts';
import type { AlertDraft } from './model.ts';
import { FeedReject } from './validate.ts';

/** The box an external position must fall in: the province, its islands included. */
const PROVINCE_BOUNDS = { minLat: 7, maxLat: 13.2, minLon: 108.3, maxLon: 117 };

export interface AlertPlace {
  cameraId: string;
  area: string | null;
  location: Alert['location'];
}

/** Our camera's place, or an external webhook alert's own position; anything else is refused. */
export function placeAlert(feedId: string, d: AlertDraft, cam: CameraConfig | undefined): AlertPlace {
  if (cam) return { cameraId: cam.id, area: cam.area, location: { lat: cam.lat, lon: cam.lon } };
  if (d.location && d.source.type === 'webhook') {
    // An external alert with its own position (NGSI): accepted only inside the province.
    const { lat, lon } = d.location;
    const b = PROVINCE_BOUNDS;
    if (!(lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon))
      throw new FeedReject('location-outside-province', `position ${lat}, ${lon} is outside the province`, d.dedupeKey);
    return { cameraId: `${feedId}:external`, area: null, location: d.location };
  }
  throw new FeedReject(
    'unknown-camera',
    `camera ${d.cameraRefs.slice(0, 2).join(' / ') || '(none)'} is not in cameras.yaml for feed ${feedId}`,
    d.dedupeKey,
  );
}

export function alertFromDraft(
  d: AlertDraft,
  at: { id: string; place: AlertPlace; clock: ClockReading; receivedMs: number; snapshotUrl: string | null },
): Alert {
  const iso = (ms: number) => new Date(ms).toISOString();
  const received = iso(at.receivedMs);
  return {
    id: at.id,
    source: d.source,
    sourceEventId: d.sourceEventId,
    dedupeKey: d.dedupeKey,
    cameraId: at.place.cameraId,
    area: at.place.area,
    kind: d.kind,
    label: d.label,
    subLabel: d.subLabel,
    plate: d.plate,
    severity: d.severity,
    score: d.score,
    state: d.state,
    startedAt: iso(at.clock.startedMs),
    endedAt: d.state === 'ended' ? iso(at.clock.endedMs ?? at.receivedMs) : null,
    lastSeenAt: received,
    receivedAt: received,
    clockSuspect: at.clock.suspect,
    skewMs: at.clock.skewMs,
    location: at.place.location,
    zone: d.zone,
    bbox: d.bbox,
    snapshotUrl: at.snapshotUrl,
    version: 1,
  };
}
