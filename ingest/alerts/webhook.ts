/**
 * Generic JSON webhook (our own small format), NGSI-LD `Alert` (keyValues or normalized) and Dahua events
 * (eventManager body or the parsed shape) → drafts. Pure.
 */
import { z } from 'zod';
import { ALERT_KINDS, SEVERITIES, type AlertKind, type Severity } from '../../contract/alerts.ts';
import type { AlertDraft, FeedItem, ParseContext } from './model.ts';
import { LIMITS, cleanId, cleanLabel, cleanPlate, cleanScore, cleanText, finiteNumber, isObject, parseDeviceTime, reject, relBox, severityFor, sha1 } from './validate.ts';

/** Our generic webhook body (documented in README): one event per request, or `{ events: [...] }`. */
const GenericSchema = z
  .object({
    id: z.union([z.string(), z.number()]),
    camera: z.string(),
    kind: z.enum(ALERT_KINDS),
    label: z.string().optional(),
    subLabel: z.string().nullable().optional(),
    severity: z.enum(SEVERITIES).optional(),
    state: z.enum(['active', 'ended']).default('active'),
    startedAt: z.union([z.string(), z.number()]),
    endedAt: z.union([z.string(), z.number()]).nullable().optional(),
    score: z.number().nullable().optional(),
    zone: z.string().nullable().optional(),
    plate: z.string().nullable().optional(),
    bbox: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }).nullable().optional(),
  })
  .passthrough();

export function parseGenericWebhook(body: unknown, ctx: ParseContext): FeedItem {
  if (isObject(body) && (body.type === 'Alert' || (isObject(body.type) && false))) return parseNgsiAlert(body, ctx);
  const res = GenericSchema.safeParse(body);
  if (!res.success) {
    const i = res.error.issues[0];
    const path = i?.path.join('.') || '(root)';
    const missing = !!i && i.path.length === 1 && isObject(body) && body[String(i.path[0])] === undefined;
    const reason = missing ? (path === 'id' ? 'missing-id' : 'missing-field') : 'invalid-shape';
    return reject(reason, `${path}: ${i?.message ?? 'invalid'}`);
  }
  const e = res.data;
  const id = cleanId(e.id, 'id', true);
  const camera = cleanText(e.camera, LIMITS.camera, 'camera');
  if (!camera) return reject('missing-field', 'camera is missing');
  const started = parseDeviceTime(e.startedAt, ctx.deviceOffsetMin);
  if (started === null) return reject('invalid-time', 'startedAt is not a time', id);
  const ended = e.endedAt == null ? null : parseDeviceTime(e.endedAt, ctx.deviceOffsetMin);
  if (e.endedAt != null && ended === null) return reject('invalid-time', 'endedAt is not a time', id);
  const state = e.state === 'ended' || ended !== null ? 'ended' : 'active';
  return {
    type: 'draft',
    source: { type: 'webhook', instance: ctx.instance },
    sourceEventId: id,
    dedupeKey: id,
    levelKey: null,
    cameraRefs: [camera],
    kind: e.kind,
    label: cleanLabel(e.label ?? e.kind),
    subLabel: cleanText(e.subLabel, LIMITS.subLabel, 'subLabel'),
    plate: cleanPlate(e.plate, null),
    severity: e.severity ?? severityFor(e.kind),
    score: cleanScore(e.score, 'score'),
    state,
    startedAtMs: started,
    endedAtMs: state === 'ended' ? (ended ?? started) : null,
    deviceTimeMs: null,
    deviceTimeRaw: typeof e.startedAt === 'number' || typeof e.startedAt === 'string' ? e.startedAt : null,
    zone: cleanText(e.zone, LIMITS.zone, 'zone'),
    bbox: e.bbox ? relBox(e.bbox.x, e.bbox.y, e.bbox.w, e.bbox.h) : null,
    snapshot: null,
    // A producer that never sends `ended` must not leave a ghost.
    closesByIdle: state === 'active',
    location: null,
    repairs: [],
  };
}

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
  const severity: Severity = sevRaw === 'informational' ? 'info' : (SEVERITIES as readonly unknown[]).includes(sevRaw) ? (sevRaw as Severity) : severityFor(kind);
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
  return {
    type: 'draft',
    source: { type: 'webhook', instance: ctx.instance },
    sourceEventId: id,
    dedupeKey: id,
    levelKey: null,
    cameraRefs: device ? [device] : [],
    kind,
    label: sub ? cleanLabel(sub) : 'ngsi-alert',
    subLabel: cleanText(ngsi(body.description), LIMITS.subLabel, 'description'),
    plate: null,
    severity,
    score: null,
    state: ended ? 'ended' : 'active',
    startedAtMs: issued,
    endedAtMs: ended ? validTo : null,
    deviceTimeMs: null,
    deviceTimeRaw: (ngsi(body.dateIssued) as string) ?? null,
    zone: null,
    bbox: null,
    snapshot: null,
    closesByIdle: validTo === null,
    location,
    repairs: [],
  };
}

const DAHUA_KIND: Record<string, AlertKind> = {
  crosslinedetection: 'line_crossing',
  crossregiondetection: 'intrusion',
  rioterdetection: 'crowd',
  crowddetection: 'crowd',
  parkingdetection: 'illegal_parking',
  trafficparking: 'illegal_parking',
  firewarning: 'fire_smoke',
  firewarninginfo: 'fire_smoke',
  heatimagingtemper: 'fire_smoke',
  videoloss: 'camera_offline',
  videoblind: 'tamper',
  videomotion: 'motion',
  smartmotionhuman: 'motion',
  smartmotionvehicle: 'motion',
  wanderdetection: 'loitering',
  leftdetection: 'object',
};

/** eventManager body `Code=…;action=…;index=…[;data={…}]` → fields (data may contain `;` and `=`). */
export function parseDahuaLine(line: string): { Code?: string; action?: string; index?: string; data?: unknown } {
  const at = line.indexOf(';data=');
  const head = at >= 0 ? line.slice(0, at) : line;
  const out: Record<string, unknown> = {};
  for (const kv of head.split(';')) {
    const i = kv.indexOf('=');
    if (i > 0) out[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
  }
  if (at >= 0) {
    try {
      out.data = JSON.parse(line.slice(at + 6));
    } catch {
      out.data = null;
    }
  }
  return out as { Code?: string; action?: string; index?: string; data?: unknown };
}

/** A Dahua event: the raw line's fields, or the Home Assistant-parsed shape (`{data: {Code, action, …}}`). */
export function normaliseDahua(ev: unknown, ctx: ParseContext, device: string, receivedIso?: string): FeedItem {
  const e = isObject(ev) && isObject(ev.data) && 'Code' in ev.data ? ev.data : ev;
  if (!isObject(e)) return reject('invalid-shape', 'event is not an object');
  const code = cleanText(e.Code, LIMITS.label, 'Code');
  if (!code) return reject('missing-field', 'Code is missing');
  if (code === 'Heartbeat') return { type: 'ignored', reason: 'heartbeat' };
  const action = String(e.action ?? '');
  if (!['Start', 'Stop', 'Pulse'].includes(action)) return reject('invalid-value', 'action must be Start, Stop or Pulse');
  const index = finiteNumber(e.index) ?? 0;
  const data = isObject(e.data) ? e.data : {};
  const rule = cleanText(data.Name ?? (Array.isArray(data.RegionName) ? data.RegionName[0] : undefined), LIMITS.zone, 'Name');
  const kind = DAHUA_KIND[code.toLowerCase()] ?? 'other';
  const utc = finiteNumber(data.UTC);
  const t = utc !== null ? utc * 1000 + (finiteNumber(data.UTCMS) ?? 0) : parseDeviceTime(receivedIso ?? null, 0);
  const ruleKey = String(data.RuleId ?? rule ?? '');
  const levelKey = sha1(`${device}|${index}|${code}|${ruleKey}`);
  const ended = action === 'Stop';
  return {
    type: 'draft',
    source: { type: 'dahua', instance: ctx.instance },
    sourceEventId: null,
    dedupeKey: sha1(`${device}|${index}|${code}|${ruleKey}|${String(data.EventSeq ?? t ?? '')}`),
    levelKey: action === 'Pulse' ? null : levelKey,
    cameraRefs: [`${device}/${index + 1}`],
    kind,
    label: cleanLabel(code),
    subLabel: null,
    plate: null,
    severity: severityFor(kind),
    score: null,
    state: ended ? 'ended' : 'active',
    startedAtMs: t,
    endedAtMs: ended ? t : null,
    deviceTimeMs: utc !== null ? t : null,
    deviceTimeRaw: utc,
    zone: rule,
    bbox: null,
    snapshot: null,
    closesByIdle: true,
    location: null,
    repairs: [],
  };
}
