/**
 * ONVIF events (feeds.md §4, §6.3): PullMessagesResponse / metadata-stream notifications → drafts, and the
 * CreatePullPointSubscription response → subscription address and lifetime. Pure.
 */
import type { AlertKind } from '../../contract/alerts.ts';
import { draftAlert } from '../alerts/draft.ts';
import type { FeedItem, ParseContext } from '../alerts/model.ts';
import { LIMITS, cleanText, parseDeviceTime, reject, sha1 } from '../alerts/validate.ts';
import { asArray, findDeep, getCI, parseXmlSafe, text } from '../alerts/device-xml.ts';

const TOPIC_KIND: [RegExp, AlertKind][] = [
  [/RuleEngine\/CellMotionDetector\/Motion$/i, 'motion'],
  [/VideoSource\/MotionAlarm$/i, 'motion'],
  [/RuleEngine\/FieldDetector\/ObjectsInside$/i, 'intrusion'],
  [/RuleEngine\/LineDetector\/Crossed$/i, 'line_crossing'],
  [/RuleEngine\/ObjectDetection\/Object$/i, 'object'],
  [/RuleEngine\/LoiteringDetector\/ObjectIsLoitering$/i, 'loitering'],
  [/RuleEngine\/CountAggregation\/(Counter|OccupancyCounter)$/i, 'crowd'],
  [/RuleEngine\/Recognition\/LicensePlate$/i, 'license_plate'],
  [/RuleEngine\/Radiometry\/TemperatureAlarm$/i, 'fire_smoke'],
  [/VideoSource\/(ImageTooBlurry|ImageTooDark|ImageTooBright|GlobalSceneChange)/i, 'tamper'],
  [/VideoSource\/SignalLoss$/i, 'camera_offline'],
];
const BOOL_ITEMS = ['IsMotion', 'State', 'IsInside', 'IsLoitering', 'IsTamper', 'Active', 'Value'];

export interface OnvifNotification {
  topic: string;
  utcTime: string | null;
  operation: string | null;
  source: [string, string][];
  data: [string, string][];
}

/** Topic text without whitespace and namespace prefixes: `tns1:RuleEngine/…` → `RuleEngine/…`. */
export function topicPath(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .split('/')
    .map((seg) => seg.replace(/^[\w.-]+:/, ''))
    .join('/');
}

function items(node: unknown): [string, string][] {
  return asArray(getCI(node, 'SimpleItem') as unknown[] | undefined)
    .slice(0, 32)
    .flatMap((it) => {
      const name = text(getCI(it, '@Name'));
      const value = text(getCI(it, '@Value'));
      return name !== undefined && value !== undefined ? [[name, value] as [string, string]] : [];
    });
}

/** Every notification of a PullMessagesResponse, a Notify or a metadata stream (typos tolerated). */
export function parseOnvifNotifications(xml: string): {
  currentTime: string | null;
  terminationTime: string | null;
  notifications: OnvifNotification[];
} {
  const doc = parseXmlSafe(xml);
  const currentTime = text(findDeep(doc, 'CurrentTime'))?.trim() ?? null;
  const terminationTime = text(findDeep(doc, 'TerminationTime'))?.trim() ?? null;
  const found: unknown[] = [];
  const walk = (o: unknown, depth: number) => {
    if (depth > LIMITS.xmlDepth || !o || typeof o !== 'object') return;
    if (Array.isArray(o)) return o.forEach((x) => walk(x, depth + 1));
    for (const [k, v] of Object.entries(o)) {
      // The Analytics spec example misspells it `NotficationMessage`.
      if (/^Noti?ficationMessage$/i.test(k)) found.push(...asArray(v as unknown[]));
      else walk(v, depth + 1);
    }
  };
  walk(doc, 0);
  const notifications = found.slice(0, 500).flatMap((n) => {
    const topic = text(getCI(n, 'Topic'));
    const msg = getCI(getCI(n, 'Message'), 'Message') ?? getCI(n, 'Message');
    if (!topic || !msg || typeof msg !== 'object') return [];
    return [
      {
        topic: topicPath(topic),
        utcTime: text(getCI(msg, '@UtcTime'))?.trim() ?? null,
        operation: text(getCI(msg, '@PropertyOperation')) ?? null,
        source: items(getCI(msg, 'Source')),
        data: items(getCI(msg, 'Data')),
      },
    ];
  });
  return { currentTime, terminationTime, notifications };
}

/** One notification → a draft (or ignored: `Initialized` reports state, not an event). */
export function normaliseOnvif(n: OnvifNotification, ctx: ParseContext): FeedItem {
  if (n.operation && /^Initialized$/i.test(n.operation)) return { type: 'ignored', reason: 'initialized-state' };
  if (n.operation && /^Deleted$/i.test(n.operation)) return { type: 'ignored', reason: 'property-deleted' };
  const kind = TOPIC_KIND.find(([re]) => re.test(n.topic))?.[1];
  if (!kind) return { type: 'ignored', reason: 'topic-not-mapped' };
  const src = Object.fromEntries(n.source);
  const data = Object.fromEntries(n.data);
  const videoSource = src.VideoSourceConfigurationToken ?? src.VideoSource ?? src.Source ?? src.VideoSourceToken ?? '1';
  const rule = cleanText(src.Rule ?? null, LIMITS.zone, 'Rule');
  const bool = BOOL_ITEMS.map((k) => data[k]).find((v) => v === 'true' || v === 'false');
  const t = parseDeviceTime(n.utcTime, 0); // ONVIF times are UTC, often without the `Z`
  if (n.utcTime && t === null) return reject('invalid-time', 'UtcTime is not a time');
  const sourceKey = n.source.map(([k, v]) => `${k}=${v}`).join(',');
  const levelKey = sha1(`${ctx.instance}|${n.topic}|${sourceKey}`);
  const label = n.topic.split('/').at(-1)!.toLowerCase().slice(0, LIMITS.label);
  const ended = bool === 'false';
  return draftAlert({
    source: { type: 'onvif', instance: ctx.instance },
    dedupeKey: sha1(`${ctx.instance}|${n.topic}|${sourceKey}|${n.utcTime ?? ''}|${data.ObjectId ?? ''}`),
    // Booleans are states (one open alert per property); other events are pulses closed by the idle timeout.
    levelKey: bool !== undefined ? levelKey : null,
    cameraRefs: [cleanText(videoSource, LIMITS.camera, 'VideoSource') ?? '1'],
    kind,
    label: /^[a-z0-9_.-]+$/.test(label) ? label : 'onvif',
    state: ended ? 'ended' : 'active',
    startedAtMs: t,
    endedAtMs: ended ? t : null,
    deviceTimeMs: t,
    deviceTimeRaw: n.utcTime,
    zone: rule,
    closesByIdle: true,
  });
}

/** CreatePullPointSubscriptionResponse → where to pull and for how long (by the device's own clock). */
export function parseCreatePullPointResponse(xml: string): { address: string; lifetimeMs: number | null } {
  const doc = parseXmlSafe(xml);
  const ref = findDeep(doc, 'SubscriptionReference');
  const address = text(getCI(ref, 'Address'))?.trim();
  if (!address || !/^https?:\/\//.test(address)) return reject('invalid-shape', 'no subscription address');
  const cur = parseDeviceTime(text(findDeep(doc, 'CurrentTime'))?.trim(), 0);
  const end = parseDeviceTime(text(findDeep(doc, 'TerminationTime'))?.trim(), 0);
  // Lifetime from the device's two clocks: the device may be at year 2000, the difference still holds.
  return { address, lifetimeMs: cur !== null && end !== null && end > cur ? end - cur : null };
}
