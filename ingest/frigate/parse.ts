/**
 * Frigate → drafts (feeds.md §1, §6.1). Pure. Three shapes of one event:
 *  - MQTT `frigate/events` {type, before, after}: absolute pixel boxes, sub_label and plate as tuples;
 *  - `GET /api/events` items: relative [x, y, w, h] boxes in data.*, sub_label a string;
 *  - reviews (MQTT `frigate/reviews`, `GET /api/review`): start_time float or ISO without offset.
 * Plus `tracked_object_update` (patches) and `/api/stats` (health samples).
 */
import type { AlertKind } from '../../contract/alerts.ts';
import { type DraftFields, draftAlert } from '../alerts/draft.ts';
import type { AlertDraft, AlertPatch, FeedItem, HealthSample, Ignored, ParseContext } from '../alerts/model.ts';
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
  reject,
  relBox,
  severityFor,
} from '../alerts/validate.ts';

const VEHICLES = new Set(['car', 'motorcycle', 'bus', 'truck', 'bicycle', 'vehicle']);

/** Label table of §6.1 (custom models: fire, smoke, flood, crowd). */
export function frigateKind(
  label: string,
  o: { stationary?: boolean; zones?: string[]; noParking?: readonly string[]; hasPlate?: boolean },
): AlertKind {
  if (label === 'fire' || label === 'smoke' || label === 'fire_smoke') return 'fire_smoke';
  if (label === 'flood' || label === 'flooding' || label === 'water') return 'flooding';
  if (label === 'crowd') return 'crowd';
  if (label === 'license_plate' || o.hasPlate) return 'license_plate';
  if (VEHICLES.has(label) && o.stationary && o.noParking?.length && o.zones?.some((z) => o.noParking!.includes(z)))
    return 'illegal_parking';
  return 'object';
}

function cameraName(v: unknown): string {
  const c = cleanText(v, LIMITS.camera, 'camera');
  if (!c) return reject('missing-field', 'camera is missing');
  return c;
}

function zonesOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.slice(0, 32).flatMap((z) => {
    const s = cleanText(z, LIMITS.zone, 'zone');
    return s ? [s] : [];
  });
}

/** sub_label: `[name, score]` on MQTT, a string in the API. */
function subLabelOf(v: unknown): string | null {
  if (Array.isArray(v)) return cleanText(v[0], LIMITS.subLabel, 'sub_label');
  return cleanText(v, LIMITS.subLabel, 'sub_label');
}

/** recognized_license_plate: a string (+ _score) in the docs, a `[plate, score]` tuple in the code. */
function plateOf(v: unknown, score: unknown): AlertDraft['plate'] {
  if (Array.isArray(v)) return cleanPlate(v[0], cleanScoreSafe(v[1]));
  return cleanPlate(v, cleanScoreSafe(score));
}

function cleanScoreSafe(v: unknown): number | null {
  try {
    return cleanScore(v, 'score');
  } catch {
    return null;
  }
}

function times(o: Record<string, unknown>, ctx: ParseContext): { start: number; end: number | null } {
  const start = parseDeviceTime(o.start_time as unknown, ctx.deviceOffsetMin);
  if (start === null) return reject('invalid-time', 'start_time is missing or not a time', String(o.id ?? ''));
  const end = o.end_time === null || o.end_time === undefined ? null : parseDeviceTime(o.end_time, ctx.deviceOffsetMin);
  if (o.end_time !== null && o.end_time !== undefined && end === null)
    return reject('invalid-time', 'end_time is not a time', String(o.id ?? ''));
  return { start, end };
}

interface EventHead {
  id: string;
  camera: string;
  label: string;
  start: number;
  end: number | null;
}

/** What an MQTT event's `after` and an API event share, read in this order: id, camera, label, times. */
function eventHead(o: Record<string, unknown>, idField: string, ctx: ParseContext): EventHead | Ignored {
  const id = cleanId(o.id, idField, true);
  const camera = cameraName(o.camera);
  if (camera.startsWith('_replay_')) return { type: 'ignored', reason: 'replay-camera' };
  if (o.false_positive === true) return { type: 'ignored', reason: 'false-positive' };
  const label = cleanLabel(o.label);
  const { start, end } = times(o, ctx);
  return { id, camera, label, start, end };
}

/** A tracked object's draft: named by its Frigate id, with Frigate's snapshot when it kept one. */
function objectDraft(
  h: EventHead,
  o: Record<string, unknown>,
  ctx: ParseContext,
  fields: Omit<DraftFields, 'source' | 'sourceEventId' | 'dedupeKey' | 'cameraRefs' | 'label' | 'startedAtMs' | 'snapshot'>,
): AlertDraft {
  return draftAlert({
    source: { type: 'frigate', instance: ctx.instance },
    sourceEventId: h.id,
    dedupeKey: h.id,
    cameraRefs: [h.camera],
    label: h.label,
    startedAtMs: h.start,
    snapshot: o.has_snapshot === true ? { kind: 'frigate-event', eventId: h.id } : null,
    ...fields,
  });
}

/** MQTT `frigate/events`. */
export function parseFrigateMqttEvent(msg: unknown, ctx: ParseContext): FeedItem {
  if (!isObject(msg)) return reject('invalid-shape', 'message is not an object');
  const type = msg.type;
  if (type !== 'new' && type !== 'update' && type !== 'end') return reject('invalid-shape', 'type must be new, update or end');
  const a = msg.after;
  if (!isObject(a)) return reject('invalid-shape', 'after is missing');
  const head = eventHead(a, 'after.id', ctx);
  if ('type' in head) return head;
  const { camera, label, end } = head;
  const frameMs = parseDeviceTime(a.frame_time, ctx.deviceOffsetMin);
  const zones = zonesOf(a.entered_zones).length ? zonesOf(a.entered_zones) : zonesOf(a.current_zones);
  const plate = plateOf(a.recognized_license_plate, a.recognized_license_plate_score);
  const kind = frigateKind(label, {
    stationary: a.stationary === true,
    zones: zonesOf(a.current_zones),
    noParking: ctx.noParkingZonesOf?.(camera),
    hasPlate: !!plate,
  });
  const score = cleanScore(a.top_score ?? a.score, 'top_score');
  let bbox: AlertDraft['bbox'] = null;
  const det = ctx.detectOf?.(camera);
  if (det && Array.isArray(a.box) && a.box.length === 4) {
    const [x1, y1, x2, y2] = a.box.map(finiteNumber);
    if (x1 != null && y1 != null && x2 != null && y2 != null && x2 >= x1 && y2 >= y1)
      bbox = relBox(x1 / det.width, y1 / det.height, (x2 - x1) / det.width, (y2 - y1) / det.height);
  }
  const ended = type === 'end' || end !== null;
  return objectDraft(head, a, ctx, {
    kind,
    subLabel: subLabelOf(a.sub_label),
    plate,
    score,
    state: ended ? 'ended' : 'active',
    endedAtMs: ended ? (end ?? frameMs ?? null) : null,
    deviceTimeMs: frameMs,
    deviceTimeRaw: typeof a.frame_time === 'number' ? a.frame_time : null,
    zone: zones.at(-1) ?? null,
    bbox,
  });
}

/** One item of `GET /api/events`. */
export function parseFrigateApiEvent(e: unknown, ctx: ParseContext): FeedItem {
  if (!isObject(e)) return reject('invalid-shape', 'event is not an object');
  const head = eventHead(e, 'id', ctx);
  if ('type' in head) return head;
  const data = isObject(e.data) ? e.data : {};
  const zones = zonesOf(e.zones);
  const plate = plateOf(data.recognized_license_plate, data.recognized_license_plate_score);
  const kind = frigateKind(head.label, { hasPlate: !!plate });
  const box =
    Array.isArray(data.box) && data.box.length === 4 ? relBox(data.box[0], data.box[1], data.box[2], data.box[3]) : null;
  return objectDraft(head, e, ctx, {
    kind,
    subLabel: subLabelOf(e.sub_label),
    plate,
    score: cleanScore(data.top_score ?? e.top_score ?? data.score, 'top_score'),
    state: head.end === null ? 'active' : 'ended',
    endedAtMs: head.end,
    // An API item carries no "now" of the device: no skew sample.
    deviceTimeMs: null,
    deviceTimeRaw: typeof e.start_time === 'number' ? e.start_time : null,
    zone: zones.at(-1) ?? null,
    bbox: box,
  });
}

/** A review segment (MQTT `after`, or an item of `GET /api/review`). */
export function parseFrigateReview(r: unknown, ctx: ParseContext): FeedItem {
  if (!isObject(r)) return reject('invalid-shape', 'review is not an object');
  const id = cleanId(r.id, 'id', true);
  const camera = cameraName(r.camera);
  if (camera.startsWith('_replay_')) return { type: 'ignored', reason: 'replay-camera' };
  const { start, end } = times(r, ctx);
  const data = isObject(r.data) ? r.data : {};
  const objects = Array.isArray(data.objects) ? data.objects.slice(0, 16).map((o) => cleanLabel(o, 'data.objects')) : [];
  const kinds = objects.map((o) => frigateKind(o, {}));
  const kind: AlertKind = kinds.includes('fire_smoke')
    ? 'fire_smoke'
    : kinds.includes('flooding')
      ? 'flooding'
      : (kinds[0] ?? 'object');
  const boost = r.severity === 'alert' ? 1 : 0;
  const subLabels = Array.isArray(data.sub_labels) ? data.sub_labels : [];
  const zones = zonesOf(data.zones);
  return draftAlert({
    source: { type: 'frigate', instance: ctx.instance },
    sourceEventId: id,
    dedupeKey: `review:${id}`,
    cameraRefs: [camera],
    kind,
    label: objects[0] ?? 'review',
    subLabel: cleanText(subLabels[0], LIMITS.subLabel, 'sub_labels'),
    severity: severityFor(kind, boost),
    state: end === null ? 'active' : 'ended',
    startedAtMs: start,
    endedAtMs: end,
    deviceTimeRaw:
      typeof r.start_time === 'number' || typeof r.start_time === 'string' ? (r.start_time as string | number) : null,
    zone: zones[0] ?? null,
  });
}

/** A review message tells which tracked objects belong to an `alert`-severity incident: boost them. */
export function frigateReviewPatches(msg: unknown, ctx: ParseContext): AlertPatch[] {
  const after = isObject(msg) && isObject(msg.after) ? msg.after : msg;
  if (!isObject(after) || after.severity !== 'alert') return [];
  const data = isObject(after.data) ? after.data : {};
  const ids = Array.isArray(data.detections) ? data.detections.slice(0, 64) : [];
  return ids.flatMap((d) => {
    const id = cleanId(d, 'data.detections');
    return id
      ? [
          {
            type: 'patch' as const,
            source: { type: 'frigate' as const, instance: ctx.instance },
            dedupeKey: id,
            severityBoost: 1,
          },
        ]
      : [];
  });
}

/** `frigate/tracked_object_update`: LPR and sub-label enrichments of an existing event. */
export function parseFrigateTrackedObjectUpdate(msg: unknown, ctx: ParseContext): FeedItem {
  if (!isObject(msg)) return reject('invalid-shape', 'message is not an object');
  const id = cleanId(msg.id, 'id', true);
  const source = { type: 'frigate' as const, instance: ctx.instance };
  switch (msg.type) {
    case 'lpr': {
      const plate = cleanPlate(msg.plate, cleanScoreSafe(msg.score));
      const name = cleanText(msg.name, LIMITS.subLabel, 'name');
      if (!plate && !name) return { type: 'ignored', reason: 'no-plate' };
      return { type: 'patch', source, dedupeKey: id, ...(plate ? { plate } : {}), ...(name ? { subLabel: name } : {}) };
    }
    case 'face': {
      const name = cleanText(msg.name, LIMITS.subLabel, 'name');
      return name ? { type: 'patch', source, dedupeKey: id, subLabel: name } : { type: 'ignored', reason: 'no-name' };
    }
    case 'description':
    case 'classification':
      // GenAI text is not shown on the wall (free text from a model); nothing to patch.
      return { type: 'ignored', reason: `${msg.type}-not-shown` };
    default:
      return { type: 'ignored', reason: 'unknown-update-type' };
  }
}

/** `frigate/triggers` (semantic-search trigger): informational, not an alert. */
export function parseFrigateTrigger(msg: unknown): FeedItem {
  if (!isObject(msg)) return reject('invalid-shape', 'message is not an object');
  cleanId(msg.event_id, 'event_id', true);
  return { type: 'ignored', reason: 'trigger-not-an-alert' };
}

/** `/api/stats` or `frigate/stats` → one health sample per camera (connection_quality, else fps). */
export function parseFrigateStats(stats: unknown, ctx: ParseContext): HealthSample[] {
  if (!isObject(stats) || !isObject(stats.cameras)) return reject('invalid-shape', 'stats.cameras is missing');
  const out: HealthSample[] = [];
  for (const [name, raw] of Object.entries(stats.cameras).slice(0, 1000)) {
    if (!isObject(raw)) continue;
    const camera = cleanText(name, LIMITS.camera, 'camera');
    if (!camera || camera.startsWith('_replay_')) continue;
    const fps = finiteNumber(raw.camera_fps);
    const q = raw.connection_quality;
    let observation: HealthSample['observation'];
    let reason: string | null = null;
    if (raw.detection_enabled === false || raw.detection_enabled === 0) {
      observation = fps !== null && fps >= 0.1 ? 'ok' : 'disabled';
      reason = 'detection disabled';
    } else if (q === 'unusable' || (fps !== null && fps < 0.1)) {
      observation = 'down';
      reason = q === 'unusable' ? 'connection unusable' : 'no frames';
    } else if (q === 'poor' || q === 'fair') {
      observation = 'degraded';
      reason = `connection ${q}`;
    } else {
      observation = fps === null ? 'degraded' : 'ok';
      if (fps === null) reason = 'no fps reported';
    }
    out.push({
      type: 'health',
      source: { type: 'frigate', instance: ctx.instance },
      cameraRefs: [camera],
      observation,
      fps,
      reason,
    });
  }
  return out;
}

/** `frigate/<camera>/status/<role>` payload → health (detect role only). */
export function parseFrigateCameraStatus(camera: string, role: string, payload: string, ctx: ParseContext): FeedItem {
  if (role !== 'detect') return { type: 'ignored', reason: 'status-role-not-detect' };
  const cam = cameraName(camera);
  const p = payload.trim();
  const observation = p === 'online' ? 'ok' : p === 'offline' ? 'down' : p === 'disabled' ? 'disabled' : null;
  if (!observation) return reject('invalid-value', 'status must be online, offline or disabled');
  return {
    type: 'health',
    source: { type: 'frigate', instance: ctx.instance },
    cameraRefs: [cam],
    observation,
    fps: null,
    reason: `detect ${p}`,
  };
}
