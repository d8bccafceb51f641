/**
 * Hikvision ISAPI EventNotificationAlert (XML any version/namespace, or flat JSON) → drafts
 * (feeds.md §2, §6.2). Pure. Level-triggered: one open alert per (device, channel, type, region), kept
 * alive by repeats and closed by `inactive` or the idle timeout. `videoloss` + `inactive` is a heartbeat.
 */
import type { AlertKind } from '../../contract/alerts.ts';
import { draftAlert } from '../alerts/draft.ts';
import type { AlertDraft, FeedItem, ParseContext } from '../alerts/model.ts';
import {
  LIMITS,
  cleanId,
  cleanLabel,
  cleanPlate,
  cleanScore,
  cleanText,
  finiteNumber,
  isObject,
  parseDeviceTime,
  parseJsonLenient,
  reject,
  relBox,
  severityFor,
  sha1,
} from '../alerts/validate.ts';
import { findDeep, getCI, parseXmlSafe, text } from '../alerts/device-xml.ts';

const AID_KIND: Record<string, AlertKind> = {
  illegalparking: 'illegal_parking',
  parallelparking: 'illegal_parking',
  wrongdirection: 'traffic_violation',
  crosslane: 'traffic_violation',
  turnround: 'traffic_violation',
  lanechange: 'traffic_violation',
  pedestrian: 'traffic_violation',
  lowspeed: 'traffic_violation',
  dragracing: 'traffic_violation',
  congestion: 'congestion',
  smoke: 'fire_smoke',
  conflagration: 'fire_smoke',
  trafficaccident: 'traffic_violation',
  objectdroppeddown: 'traffic_violation',
  roadblock: 'traffic_violation',
};
/** AID/TFS sub-types that are more serious than their kind's default. */
const AID_HIGH = new Set(['trafficaccident', 'objectdroppeddown', 'roadblock']);

const EVENT_KIND: Record<string, AlertKind> = {
  anpr: 'license_plate',
  group: 'crowd',
  persondensitydetection: 'crowd',
  parking: 'illegal_parking',
  fielddetection: 'intrusion',
  regionentrance: 'intrusion',
  regionexiting: 'intrusion',
  linedetection: 'line_crossing',
  loitering: 'loitering',
  vmd: 'motion',
  pir: 'motion',
  tamperdetection: 'tamper',
  shelteralarm: 'tamper',
  scenechangedetection: 'tamper',
  videoloss: 'camera_offline',
  unattendedbaggage: 'object',
  attendedbaggage: 'object',
  rapidmove: 'other',
  vehicledetection: 'object',
};

/** Parses the body a device posted (XML or JSON text). */
export function parseHikvisionBody(body: string, ctx: ParseContext): FeedItem {
  const t = body.trimStart();
  if (t.startsWith('<')) {
    const doc = parseXmlSafe(body);
    const root = getCI(doc, 'EventNotificationAlert');
    if (!isObject(root)) return reject('invalid-shape', 'no EventNotificationAlert element');
    return normaliseHikvisionAlert(root, ctx);
  }
  if (t.startsWith('{')) {
    const { value, repaired } = parseJsonLenient(body);
    const root = isObject(value) ? (getCI(value, 'EventNotificationAlert') ?? value) : value;
    if (!isObject(root)) return reject('invalid-shape', 'JSON alert is not an object');
    const item = normaliseHikvisionAlert(root, ctx);
    if (repaired && item.type === 'draft') item.repairs.push('nan-replaced');
    return item;
  }
  return reject('invalid-body', 'body is neither XML nor JSON');
}

/** One EventNotificationAlert object (from XML or JSON). */
export function normaliseHikvisionAlert(a: Record<string, unknown>, ctx: ParseContext): FeedItem {
  const get = (k: string) => text(getCI(a, k));
  const eventTypeRaw = cleanText(get('eventType'), LIMITS.label, 'eventType');
  if (!eventTypeRaw) return reject('missing-field', 'eventType is missing');
  let eventType = eventTypeRaw.toLowerCase();
  // `duration` wraps the real type (hikvision_next).
  if (eventType === 'duration') {
    const rel = text(findDeep(getCI(a, 'DurationList'), 'relationEvent'));
    if (rel) eventType = cleanLabel(rel, 'relationEvent');
  }
  const state = (get('eventState') ?? 'active').toLowerCase();
  if (state !== 'active' && state !== 'inactive') return reject('invalid-value', 'eventState must be active or inactive');

  const ext = getCI(a, 'Extensions');
  const serial = cleanText(text(getCI(ext, 'serialNumber')) ?? get('serialNumber'), LIMITS.camera, 'serialNumber');
  const mac = cleanText(get('macAddress'), LIMITS.camera, 'macAddress')?.toLowerCase() ?? null;
  const ip = cleanText(get('ipAddress'), LIMITS.camera, 'ipAddress');
  const device = serial ?? mac ?? ip;
  if (!device) return reject('missing-id', 'no serialNumber, macAddress or ipAddress to identify the device');
  let channel = finiteNumber(get('channelID') ?? get('dynChannelID')) ?? 1;
  if (!Number.isInteger(channel) || channel < 0 || channel > 1024) return reject('invalid-value', 'channelID out of range');
  // NVR IP channels are numbered from 33.
  if (channel > 32) channel -= 32;
  const cameraRefs = [serial, mac, ip].filter((x): x is string => !!x).map((d) => `${d}/${channel}`);

  const dateRaw = get('dateTime') ?? null;
  const deviceTimeMs = parseDeviceTime(dateRaw, ctx.deviceOffsetMin);
  const region = findDeep(getCI(a, 'DetectionRegionList'), 'regionID');
  const regionId = cleanText(text(region), 16, 'regionID');

  if (eventType === 'videoloss' && state === 'inactive') {
    return {
      type: 'health',
      source: { type: 'hikvision', instance: ctx.instance },
      cameraRefs,
      observation: 'ok',
      fps: null,
      reason: 'heartbeat',
    };
  }

  let kind: AlertKind = EVENT_KIND[eventType] ?? 'other';
  let boost = 0;
  let label = cleanLabel(eventType, 'eventType');
  if (eventType === 'aid' || eventType === 'tfs') {
    const sub =
      text(findDeep(getCI(a, eventType === 'aid' ? 'AID' : 'TFS'), 'illegalTrafficEvent')) ??
      text(findDeep(a, 'illegalTrafficEvent'));
    const s = sub ? cleanLabel(sub, 'illegalTrafficEvent') : null;
    kind = (s && AID_KIND[s.replace(/[_-]/g, '')]) || 'traffic_violation';
    if (s && AID_HIGH.has(s.replace(/[_-]/g, ''))) boost = 1;
    if (s) label = `${eventType}.${s}`.slice(0, LIMITS.label);
  }
  const target = cleanText(text(findDeep(a, 'detectionTarget')) ?? get('targetType'), 32, 'targetType');
  const anpr = getCI(a, 'ANPR');
  let plate: AlertDraft['plate'] = null;
  let score: number | null = null;
  if (isObject(anpr)) {
    score = cleanScore(text(getCI(anpr, 'confidenceLevel')), 'confidenceLevel', true);
    plate = cleanPlate(text(getCI(anpr, 'licensePlate')), score, text(getCI(anpr, 'plateColor')));
    if (!plate && kind === 'license_plate') return { type: 'ignored', reason: 'plate-unread' };
  }
  const rect = findDeep(a, 'TargetRect');
  const bbox = isObject(rect)
    ? relBox(text(getCI(rect, 'X')), text(getCI(rect, 'Y')), text(getCI(rect, 'width')), text(getCI(rect, 'height')))
    : null;
  const uuid = cleanId(get('UUID'), 'UUID');
  const levelKey = uuid ? null : sha1(`${device}|${channel}|${eventType}|${regionId ?? ''}`);
  const dedupeKey = uuid ?? sha1(`${device}|${channel}|${eventType}|${regionId ?? ''}|${dateRaw ?? ''}`);
  return draftAlert({
    source: { type: 'hikvision', instance: ctx.instance },
    sourceEventId: uuid,
    dedupeKey,
    // ANPR (with UUID) is instantaneous; smart events are level-triggered.
    levelKey,
    cameraRefs,
    kind,
    label,
    subLabel: target ? target.toLowerCase() : null,
    plate,
    severity: severityFor(kind, boost),
    score,
    state: state === 'inactive' ? 'ended' : 'active',
    startedAtMs: deviceTimeMs,
    endedAtMs: state === 'inactive' ? deviceTimeMs : null,
    deviceTimeMs,
    deviceTimeRaw: dateRaw,
    zone: regionId ? `region-${regionId}` : null,
    bbox,
    closesByIdle: true,
  });
}
