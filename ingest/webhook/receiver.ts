/**
 * Devices and services that post to us (POST /api/feeds/:source/events): Hikvision HTTP host
 * notifications (XML, JSON, multipart with JPEG), our generic JSON webhook (also NGSI-LD Alert), ONVIF
 * Notify, and Frigate-shaped events. Each source has its own key (from the environment); comparison in
 * constant time. The realtime plugin reads and bounds the body; this decides what it means.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { FeedsConfig } from '../../contract/config.ts';
import type { AlertEngine, Outcome } from '../alerts/engine.ts';
import type { FeedItem, ParseContext } from '../alerts/model.ts';
import { FeedReject, isObject, parseJsonLenient } from '../alerts/validate.ts';
import { parseFrigateMqttEvent } from '../frigate/parse.ts';
import { parseHikvisionBody } from '../hikvision/parse.ts';
import { normaliseOnvif, parseOnvifNotifications } from '../onvif/parse.ts';
import { parseGenericWebhook } from './parse.ts';

export interface FeedReceiver {
  authorize(source: string, key: string | undefined): 'ok' | 'unknown-source' | 'unauthorized';
  receive(
    source: string,
    input: { contentType: string; body: Buffer; jpeg?: Buffer },
  ): Promise<{ status: 202 | 400; reason?: string; outcomes: Outcome[] }>;
  recordReject(source: string, reason: string, detail: string): Promise<void>;
}

type Kind = 'hikvision' | 'webhook' | 'onvif' | 'frigate';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function createFeedReceiver(opts: {
  feeds: FeedsConfig;
  engine: AlertEngine;
  env: Record<string, string | undefined>;
  log: Logger;
  now?: () => number;
}): FeedReceiver {
  const { feeds, engine, env, log } = opts;
  const now = opts.now ?? Date.now;
  const sources = new Map<string, { kind: Kind; keyHash: Buffer | null }>();
  const add = (id: string, kind: Kind, keyEnv: string | undefined) => {
    const key = keyEnv ? env[keyEnv] : undefined;
    if (keyEnv && !key) log.warn({ source: id, keyEnv }, 'feed key variable is not set: every post to this source is refused');
    // No key configured (or not set): refuse everything rather than accept anonymous posts.
    sources.set(id, { kind, keyHash: key && key.length >= 8 ? digest(key) : null });
  };
  for (const f of feeds.hikvision) add(f.id, 'hikvision', f.keyEnv);
  for (const f of feeds.webhook) add(f.id, 'webhook', f.keyEnv);

  return {
    authorize(source, key) {
      const s = sources.get(source);
      if (!s) return 'unknown-source';
      if (!s.keyHash || typeof key !== 'string' || key.length === 0 || key.length > 512) return 'unauthorized';
      return timingSafeEqual(s.keyHash, digest(key)) ? 'ok' : 'unauthorized';
    },
    async receive(source, input) {
      const s = sources.get(source)!;
      const ctx: ParseContext = { instance: source, nowMs: now() };
      const text = input.body.toString('utf8');
      const parse = (): FeedItem | FeedItem[] => {
        if (input.body.length === 0) throw new FeedReject('empty-body', 'no event in the request');
        switch (s.kind) {
          case 'hikvision':
            return parseHikvisionBody(text, ctx);
          case 'onvif':
            return parseOnvifNotifications(text).notifications.map((n) => normaliseOnvif(n, ctx));
          case 'frigate': {
            const { value } = parseJsonLenient(text);
            return parseFrigateMqttEvent(value, ctx);
          }
          case 'webhook': {
            if (text.trimStart().startsWith('<')) return parseHikvisionBody(text, ctx);
            const { value, repaired } = parseJsonLenient(text);
            const list = isObject(value) && Array.isArray(value.events) ? value.events : [value];
            if (list.length > 100) throw new FeedReject('too-many-events', `${list.length} events in one request (max 100)`);
            const seen = new Set<string>();
            return list.map((e) => {
              const id = isObject(e) ? String(e.id ?? '') : '';
              if (id && seen.has(id)) return { type: 'ignored', reason: 'duplicate-id-in-request' } as FeedItem;
              seen.add(id);
              const item = parseGenericWebhook(e, ctx);
              if (repaired && item.type === 'draft') item.repairs.push('nan-replaced');
              return item;
            });
          }
        }
      };
      let rejectReason: string | undefined;
      const outcomes = await engine.ingest(source, parse, {
        ...(input.jpeg ? { jpeg: input.jpeg } : {}),
        onReject: (r) => (rejectReason ??= r),
      });
      if (outcomes.length && outcomes.every((o) => o === 'rejected'))
        return { status: 400, reason: rejectReason ?? 'rejected', outcomes };
      return { status: 202, outcomes };
    },
    recordReject: (source, reason, detail) => engine.recordReject(source, reason, detail),
  };
}
