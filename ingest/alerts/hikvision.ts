/**
 * Hikvision ISAPI EventNotificationAlert (XML any version/namespace, or flat JSON) → drafts
 * (feeds.md §2, §6.2). Pure. Level-triggered: one open alert per (device, channel, type, region), kept
 * alive by repeats and closed by `inactive` or the idle timeout. `videoloss` + `inactive` is a heartbeat.
 */
import type { AlertKind } from '../../contract/alerts.ts';
import type { AlertDraft, FeedItem, ParseContext } from './model.ts';
import { LIMITS, cleanId, cleanLabel, cleanPlate, cleanScore, cleanText, finiteNumber, isObject, parseDeviceTime, parseJsonLenient, reject, relBox, severityFor, sha1 } from './validate.ts';
import { findDeep, getCI, parseXmlSafe, text } from './xml.ts';

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
    return { type: 'health', source: { type: 'hikvision', instance: ctx.instance }, cameraRefs, observation: 'ok', fps: null, reason: 'heartbeat' };
  }

  let kind: AlertKind = EVENT_KIND[eventType] ?? 'other';
  let boost = 0;
  let label = cleanLabel(eventType, 'eventType');
  if (eventType === 'aid' || eventType === 'tfs') {
    const sub = text(findDeep(getCI(a, eventType === 'aid' ? 'AID' : 'TFS'), 'illegalTrafficEvent')) ?? text(findDeep(a, 'illegalTrafficEvent'));
    const s = sub ? cleanLabel(sub, 'illegalTrafficEvent') : null;
    kind = (s && AID_KIND[s.replace(/[_\-]/g, '')]) || 'traffic_violation';
    if (s && AID_HIGH.has(s.replace(/[_\-]/g, ''))) boost = 1;
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
  const bbox = isObject(rect) ? relBox(text(getCI(rect, 'X')), text(getCI(rect, 'Y')), text(getCI(rect, 'width')), text(getCI(rect, 'height'))) : null;
  const uuid = cleanId(get('UUID'), 'UUID');
  const levelKey = uuid ? null : sha1(`${device}|${channel}|${eventType}|${regionId ?? ''}`);
  const dedupeKey = uuid ?? sha1(`${device}|${channel}|${eventType}|${regionId ?? ''}|${dateRaw ?? ''}`);
  const picture = findDeep(anpr, 'fileName');
  return {
    type: 'draft',
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
    snapshot: typeof text(picture) === 'string' ? null : null,
    closesByIdle: true,
    location: null,
    repairs: [],
  };
}

/**
 * alertStream: a never-ending multipart/mixed body. Feed chunks in; complete parts come out with their
 * content type. The boundary comes from the response header (it varies by firmware). Bounded buffer.
 */
export class MultipartStreamParser {
  private buf: Buffer = Buffer.alloc(0);
  private readonly delim: Buffer;
  constructor(
    boundary: string,
    private readonly onPart: (contentType: string, body: Buffer) => void,
    private readonly maxBufferBytes = LIMITS.multipartBytes,
  ) {
    this.delim = Buffer.from(`--${boundary}`);
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const start = this.buf.indexOf(this.delim);
      if (start < 0) break;
      const next = this.buf.indexOf(this.delim, start + this.delim.length);
      if (next < 0) {
        // The device writes a part's delimiter when the part starts, so the next one only comes with the
        // next event or heartbeat (up to 10 s later): a part whose Content-Length is in is complete now.
        const end = this.completeByLength(start);
        if (end < 0) break;
        this.buf = this.buf.subarray(end);
        continue;
      }
      const part = this.buf.subarray(start + this.delim.length, next);
      this.buf = this.buf.subarray(next);
      this.emit(part);
    }
    // A part that never ends (or a stream without boundaries) cannot grow memory without bound.
    if (this.buf.length > this.maxBufferBytes) this.buf = Buffer.alloc(0);
  }

  /** Emits the part at `start` if its headers give a Content-Length and that many bytes are in; returns where it ends, or -1. */
  private completeByLength(start: number): number {
    const from = start + this.delim.length;
    const sep = this.buf.indexOf('\r\n\r\n', from);
    if (sep < 0) return -1;
    const len = /content-length:\s*(\d+)/i.exec(this.buf.subarray(from, sep).toString('latin1'));
    if (!len) return -1;
    const end = sep + 4 + Number(len[1]);
    if (end > this.buf.length) return -1;
    this.emit(this.buf.subarray(from, end));
    return end;
  }

  private emit(part: Buffer): void {
    const sep = part.indexOf('\r\n\r\n');
    const sepLen = sep >= 0 ? 4 : 2;
    const at = sep >= 0 ? sep : part.indexOf('\n\n');
    if (at < 0) return;
    const head = part.subarray(0, at).toString('latin1');
    let body = part.subarray(at + sepLen);
    const len = /content-length:\s*(\d+)/i.exec(head);
    if (len) body = body.subarray(0, Number(len[1]));
    else body = trimCrlf(body);
    const type = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim().toLowerCase() ?? 'application/octet-stream';
    this.onPart(type, body);
  }
}

function trimCrlf(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
  return b.subarray(0, end);
}
