/**
 * Generic JSON webhook (our own small format, documented in README) → drafts; an NGSI-LD `Alert` posted
 * to the same webhook goes to ngsi.ts. Pure.
 */
import { z } from 'zod';
import { ALERT_KINDS, SEVERITIES } from '../../contract/alerts.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import { draftAlert } from '../alerts/draft.ts';
import type { FeedItem, ParseContext } from '../alerts/model.ts';
import {
  LIMITS,
  cleanId,
  cleanLabel,
  cleanPlate,
  cleanScore,
  cleanText,
  isObject,
  parseDeviceTime,
  reject,
  relBox,
  severityFor,
} from '../alerts/validate.ts';
import { parseNgsiAlert } from './ngsi.ts';

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
  if (isObject(body) && body.type === 'Alert') return parseNgsiAlert(body, ctx);
  const res = GenericSchema.safeParse(body);
  if (!res.success) {
    // The first issue decides the reason: a top-level field that is absent is missing, anything else a bad shape.
    const issuePath = res.error.issues[0]?.path ?? [];
    const field = issuePath.length === 1 ? String(issuePath[0]) : null;
    const missing = field !== null && isObject(body) && body[field] === undefined;
    const reason = missing ? (field === 'id' ? 'missing-id' : 'missing-field') : 'invalid-shape';
    return reject(reason, describeZodError(res.error, 1));
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
  return draftAlert({
    source: { type: 'webhook', instance: ctx.instance },
    sourceEventId: id,
    dedupeKey: id,
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
    deviceTimeRaw: typeof e.startedAt === 'number' || typeof e.startedAt === 'string' ? e.startedAt : null,
    zone: cleanText(e.zone, LIMITS.zone, 'zone'),
    bbox: e.bbox ? relBox(e.bbox.x, e.bbox.y, e.bbox.w, e.bbox.h) : null,
    // A producer that never sends `ended` must not leave a ghost.
    closesByIdle: state === 'active',
  });
}
