/**
 * Lenient, safe XML for device payloads: local names only (namespaces vary by firmware), no DTD, no
 * entities beyond the five predefined ones (no billion laughs, no XXE), bounded depth, and the unescaped
 * `&` some Hikvision firmware sends repaired.
 */
import { XMLParser } from 'fast-xml-parser';
import { LIMITS, reject } from './validate.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Entities are never expanded by the parser: we decode the five predefined ones ourselves.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  allowBooleanAttributes: true,
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return PREDEFINED[e] ?? '';
  });
}

function decodeTree(v: unknown): unknown {
  if (typeof v === 'string') return decode(v);
  if (Array.isArray(v)) return v.map(decodeTree);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decodeTree(x);
    return out;
  }
  return v;
}

/** Parses device XML into plain objects keyed by local name. Throws FeedReject with a specific reason. */
export function parseXmlSafe(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) reject('xml-dtd-forbidden', 'XML with a DTD or entity declarations is refused');
  // Depth: count open/close tags in one pass (comments, CDATA and processing instructions skipped).
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([A-Za-z_][\w.\-:]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (!m[2]) continue;
    if (m[1]) depth--;
    else if (!m[3]) max = Math.max(max, ++depth);
    if (max > LIMITS.xmlDepth) reject('xml-too-deep', `XML nesting deeper than ${LIMITS.xmlDepth}`);
  }
  // Some firmware leaves `&` unescaped in free text (channel names): escape the ones that start no entity.
  const fixed = text.replace(/&(?!(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;');
  let doc: unknown;
  try {
    doc = parser.parse(fixed);
  } catch (err) {
    return reject('invalid-xml', `XML does not parse: ${String((err as Error).message).slice(0, 120)}`);
  }
  if (!doc || typeof doc !== 'object') return reject('invalid-xml', 'empty XML');
  return decodeTree(doc) as Record<string, unknown>;
}

/** Case-insensitive property lookup (Hikvision JSON drifts: `aNPR` for `ANPR`). */
export function getCI(o: unknown, key: string): unknown {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  const r = o as Record<string, unknown>;
  if (key in r) return r[key];
  const k = key.toLowerCase();
  for (const [name, v] of Object.entries(r)) if (name.toLowerCase() === k) return v;
  return undefined;
}

/** First value under `key` anywhere in the tree (depth-first, bounded). */
export function findDeep(o: unknown, key: string, depth = 0): unknown {
  if (depth > LIMITS.xmlDepth || !o || typeof o !== 'object') return undefined;
  if (Array.isArray(o)) {
    for (const x of o) {
      const r = findDeep(x, key, depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  const direct = getCI(o, key);
  if (direct !== undefined) return direct;
  for (const v of Object.values(o)) {
    const r = findDeep(v, key, depth + 1);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Text of an element that may have attributes (`{'#text': …}`) or be repeated. */
export function text(v: unknown): string | undefined {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Record<string, unknown>)['#text']);
  return undefined;
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
