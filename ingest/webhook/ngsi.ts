/**
 * NGSI-LD `Alert` entities (keyValues or normalized form) posted to the generic webhook → drafts. Pure.
 * An alert names a device we may not know; it may carry its own position instead (the engine accepts
 * that only inside the province).
 */
import { SEVERITIES, type AlertKind, type Severity } from '../../contract/alerts.ts';
import { draftAlert } from '../alerts/draft.ts';
import type { AlertDraft, FeedItem, ParseContext } from '../alerts/model.ts';
import {
  LIMITS,
  cleanId,
  cleanLabel,
  cleanText,
  finiteNumber,
  isObject,
  parseDeviceTime,
  reject,
  severityFor,
} from '../alerts/validate.ts';

const NGSI_KIND: Record<string, AlertKind> = {
  trafficjam: 'congestion',
  caraccident: 'traffic_violation',
  carwrongdirection: 'traffic_violation',
  carstopped: 'illegal_parking',
  hazardonroad: 'traffic_violation',
  roadclosed: 'congestion',
  pedestrianonroad: 'traffic_violation',
  buildingfire: 'fire_smoke',
  forestfire: 'fire_smoke',
  firerisk: 'fire_smoke',
  flood: 'flooding',
  floodrisk: 'flooding',
  rainfall: 'flooding',
  crowdrisk: 'crowd',
  civildisorder: 'crowd',
  suspiciousaction: 'intrusion',
};

/** NGSI-LD value of a property: `{type: 'Property', value}` / `{'@value'}` in normalized form, plain in keyValues. */
function ngsi(v: unknown): unknown {
  if (isObject(v) && 'value' in v) v = v.value;
  if (isObject(v) && '@value' in v) v = v['@value'];
  return v;
}

export function parseNgsiAlert(body: Record<string, unknown>, ctx: ParseContext): FeedItem {
  const id = cleanId(body.id, 'id', true);
  const sub = cleanText(ngsi(body.subCategory), 64, 'subCategory');
  const category = cleanText(ngsi(body.category), 64, 'category');
  const kind: AlertKind = (sub && NGSI_KIND[sub.toLowerCase()]) || (category === 'traffic' ? 'traffic_violation' : 'other');
  const sevRaw = ngsi(body.severity);
  const severity: Severity =
    sevRaw === 'informational'
      ? 'info'
      : (SEVERITIES as readonly unknown[]).includes(sevRaw)
        ? (sevRaw as Severity)
        : severityFor(kind);
  const issued = parseDeviceTime(ngsi(body.dateIssued) ?? ngsi(body.validFrom), 0);
  if (issued === null) return reject('invalid-time', 'dateIssued is missing or not a time', id);
  const validTo = parseDeviceTime(ngsi(body.validTo), 0);
  const loc = ngsi(body.location);
  let location: AlertDraft['location'] = null;
  if (isObject(loc) && loc.type === 'Point' && Array.isArray(loc.coordinates)) {
    // GeoJSON order: [lon, lat].
    const lon = finiteNumber(loc.coordinates[0]);
    const lat = finiteNumber(loc.coordinates[1]);
    if (lon !== null && lat !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) location = { lat, lon };
  }
  const device = cleanText(ngsi(body.refDevice) ?? ngsi(body.camera), LIMITS.camera, 'refDevice');
  const ended = validTo !== null && validTo <= ctx.nowMs;
  return draftAlert({
    source: { type: 'webhook', instance: ctx.instance },
    sourceEventId: id,
    dedupeKey: id,
    cameraRefs: device ? [device] : [],
    kind,
    label: sub ? cleanLabel(sub) : 'ngsi-alert',
    subLabel: cleanText(ngsi(body.description), LIMITS.subLabel, 'description'),
    severity,
    state: ended ? 'ended' : 'active',
    startedAtMs: issued,
    endedAtMs: ended ? validTo : null,
    deviceTimeRaw: (ngsi(body.dateIssued) as string) ?? null,
    closesByIdle: validTo === null,
    location,
  });
}
