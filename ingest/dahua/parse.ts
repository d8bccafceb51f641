/**
 * Dahua events (feeds.md): the eventManager body line `Code=…;action=…;index=…[;data={…}]` or the shape
 * Home Assistant parses it into → drafts. Pure. Start/Stop are level-triggered (one open alert per
 * device, channel, code and rule); Pulse is instantaneous and closed by the idle timeout.
 */
import type { AlertKind } from '../../contract/alerts.ts';
import { draftAlert } from '../alerts/draft.ts';
import type { FeedItem, ParseContext } from '../alerts/model.ts';
import { LIMITS, cleanLabel, cleanText, finiteNumber, isObject, parseDeviceTime, reject, sha1 } from '../alerts/validate.ts';

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
  return draftAlert({
    source: { type: 'dahua', instance: ctx.instance },
    dedupeKey: sha1(`${device}|${index}|${code}|${ruleKey}|${String(data.EventSeq ?? t ?? '')}`),
    levelKey: action === 'Pulse' ? null : levelKey,
    cameraRefs: [`${device}/${index + 1}`],
    kind,
    label: cleanLabel(code),
    state: ended ? 'ended' : 'active',
    startedAtMs: t,
    endedAtMs: ended ? t : null,
    deviceTimeMs: utc !== null ? t : null,
    deviceTimeRaw: utc,
    zone: rule,
    closesByIdle: true,
  });
}
