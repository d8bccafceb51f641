/**
 * Input hygiene for camera and AI feeds (shared/docs/feeds.md §6.5). Pure functions: every feed parser
 * goes through these before anything reaches the store or a screen.
 */
import { createHash } from 'node:crypto';
import type { AlertKind, Severity } from '../../contract/alerts.ts';

export const LIMITS = {
  /** HTTP JSON/XML body. */
  httpBodyBytes: 1024 * 1024,
  /** Multipart with JPEG parts. */
  multipartBytes: 5 * 1024 * 1024,
  mqttMessageBytes: 256 * 1024,
  label: 64,
  subLabel: 128,
  zone: 64,
  camera: 64,
  plate: 16,
  id: 128,
  xmlDepth: 32,
  /** Device time this far ahead of ours is refused. */
  futureMs: 5 * 60_000,
  /** Before this, a device clock is not set (1970, 2000 …): repaired to our clock. */
  absurdBeforeMs: Date.UTC(2015, 0, 1),
} as const;

/** A rejected input: `reason` is short and machine-readable (it becomes a metrics label). */
export class FeedReject extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
    readonly key = '',
  ) {
    super(`${reason}: ${detail}`);
  }
}

export const reject = (reason: string, detail: string, key = ''): never => {
  throw new FeedReject(reason, detail, key);
};

// Bidi controls, zero-width characters and BOM: they can reorder or hide text on screen.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF]/g;
// C0/C1 controls except tab/newline (which become spaces below).
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Free text from a device (names, rule names, plate owners): NFC, no bidi/zero-width/control characters,
 * whitespace collapsed. Longer than `max` after cleaning: rejected (a hostile or broken producer).
 */
export function cleanText(v: unknown, max: number, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return reject('wrong-type', `${field} must be a string`);
  if (v.length > max * 4) return reject('field-too-long', `${field} is ${v.length} characters (max ${max})`);
  const s = v.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  if (s.length > max) return reject('field-too-long', `${field} is ${s.length} characters (max ${max})`);
  return s.length ? s : null;
}

/** Labels are lower-case ASCII identifiers: anything else (markup, script) is refused. */
export function cleanLabel(v: unknown, field = 'label'): string {
  const s = cleanText(v, LIMITS.label, field);
  if (!s) return reject('missing-field', `${field} is missing`);
  const l = s.toLowerCase().replace(/\s+/g, '_');
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(l)) return reject('invalid-label', `${field} has characters outside a-z 0-9 _ . -`);
  return l;
}

/** Ids and keys: printable ASCII without spaces, bounded. */
export function cleanId(v: unknown, field: string, required: true): string;
export function cleanId(v: unknown, field: string, required?: false): string | null;
export function cleanId(v: unknown, field: string, required = false): string | null {
  if (v === null || v === undefined || v === '') return required ? reject('missing-id', `${field} is missing`) : null;
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return reject('wrong-type', `${field} must be a string`);
  const s = v.trim();
  if (s.length > LIMITS.id) return reject('field-too-long', `${field} is ${s.length} characters (max ${LIMITS.id})`);
  if (!/^[\x21-\x7E]+$/.test(s)) return reject('invalid-id', `${field} has characters outside printable ASCII`);
  return s;
}

/** A score in 0..1; `percent` accepts 0..100 (only ANPR confidenceLevel, per feeds.md §6.5). */
export function cleanScore(v: unknown, field: string, percent = false): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) return reject('invalid-number', `${field} is not a finite number`);
  if (percent && n > 1 && n <= 100) return n / 100;
  if (n < 0 || n > 1) return reject('out-of-range', `${field} ${n} is outside 0..1`);
  return n;
}

export function finiteNumber(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/**
 * Device time → epoch ms. Accepts epoch seconds, epoch ms (> 1e12), ISO with an offset, and ISO without
 * one (device-local: `offsetMin` east of UTC, Vietnam +420 by default). null when absent or unreadable.
 */
export function parseDeviceTime(v: unknown, offsetMin = 420): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v))) {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) return null;
    return n > 1e12 ? n : n * 1000;
  }
  if (typeof v !== 'string' || v.length > 64) return null;
  const s = v.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se, frac, tz] = m;
  let ms = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(se ?? 0), frac ? Math.round(Number(frac) * 1000) : 0);
  if (!Number.isFinite(ms)) return null;
  if (!tz) ms -= offsetMin * 60_000;
  else if (tz.toUpperCase() !== 'Z') {
    const t = /([+-])(\d{2}):?(\d{2})/.exec(tz)!;
    ms -= (t[1] === '-' ? -1 : 1) * (+t[2]! * 60 + +t[3]!) * 60_000;
  }
  return ms;
}

/** A licence plate: NFC, upper case, `^[0-9A-Z.\- ]{4,16}$`; null when absent or not a plate. */
export function cleanPlate(
  text: unknown,
  confidence: number | null,
  color?: unknown,
): { text: string; normalized: string; confidence: number | null; color?: string } | null {
  if (typeof text !== 'string') return null;
  const t = text.normalize('NFC').replace(INVISIBLE, '').trim().toUpperCase();
  if (!t || t === 'UNKNOWN' || !/^[0-9A-Z.\- ]{4,16}$/.test(t)) return null;
  const c = typeof color === 'string' && /^[a-z]{1,16}$/i.test(color) ? color.toLowerCase() : undefined;
  return { text: t, normalized: t.replace(/[^0-9A-Z]/g, ''), confidence, ...(c ? { color: c } : {}) };
}

/** `[x, y, w, h]` relative, each in 0..1; anything else → null. */
export function relBox(x: unknown, y: unknown, w: unknown, h: unknown): { x: number; y: number; w: number; h: number } | null {
  const v = [x, y, w, h].map(finiteNumber);
  if (v.some((n) => n === null || n < 0 || n > 1)) return null;
  const [a, b, c, d] = v as number[];
  return { x: a!, y: b!, w: c!, h: d! };
}

export const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Default severities (feeds.md §6; the operations team confirms them). */
export const DEFAULT_SEVERITY: Record<AlertKind, Severity> = {
  fire_smoke: 'critical',
  flooding: 'high',
  crowd: 'high',
  traffic_violation: 'medium',
  illegal_parking: 'low',
  congestion: 'medium',
  license_plate: 'info',
  intrusion: 'medium',
  line_crossing: 'medium',
  loitering: 'medium',
  motion: 'info',
  object: 'low',
  tamper: 'medium',
  camera_offline: 'medium',
  other: 'low',
};

export function severityFor(kind: AlertKind, boost = 0): Severity {
  const i = SEVERITY_ORDER.indexOf(DEFAULT_SEVERITY[kind]);
  return SEVERITY_ORDER[Math.max(0, Math.min(SEVERITY_ORDER.length - 1, i + boost))]!;
}

export const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** uuid v5-style id (SHA-1, namespace folded into the name): stable across re-ingest. */
export function alertId(sourceType: string, instance: string, dedupeKey: string): string {
  const h = createHash('sha1').update(`ioc-alert:${sourceType}:${instance}:${dedupeKey}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * JSON as Python's json.dumps writes it: bare NaN / Infinity / -Infinity become null (outside strings
 * only). Returns the value and whether anything was repaired. Throws FeedReject on anything else.
 */
export function parseJsonLenient(text: string): { value: unknown; repaired: boolean } {
  try {
    return { value: JSON.parse(text), repaired: false };
  } catch {
    // fall through to the repair pass
  }
  let out = '';
  let repaired = false;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inStr) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') {
      inStr = true;
      out += ch;
      continue;
    }
    const rest = text.slice(i, i + 9);
    const m = /^-?(NaN|Infinity)/.exec(rest);
    if (m) {
      out += 'null';
      i += m[0].length - 1;
      repaired = true;
      continue;
    }
    out += ch;
  }
  if (!repaired) return reject('invalid-json', 'body is not JSON (truncated or another format)');
  try {
    return { value: JSON.parse(out), repaired: true };
  } catch {
    return reject('invalid-json', 'body is not JSON (truncated or another format)');
  }
}

/** `{ }` and not an array. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
