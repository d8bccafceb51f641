/**
 * A Frigate instance: MQTT for live events (QoS 1, persistent session), HTTP for backfill and
 * reconciliation (`/api/events` paged with an overlap window, since `after=` filters on start time;
 * `in_progress=1` separately; `/api/review` for severity), `/api/stats` for camera health, and snapshots.
 */
import { hostname } from 'node:os';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { FeedsConfig } from '../../contract/config.ts';
import type { AlertEngine } from '../alerts/engine.ts';
import { frigateReviewPatches, parseFrigateApiEvent, parseFrigateCameraStatus, parseFrigateMqttEvent, parseFrigateStats, parseFrigateTrackedObjectUpdate, parseFrigateTrigger } from '../alerts/frigate.ts';
import type { FeedItem, ParseContext } from '../alerts/model.ts';
import { FeedReject, LIMITS, isObject, parseJsonLenient } from '../alerts/validate.ts';
import { credFrom, readLimited } from './http.ts';

export type FrigateFeedConfig = FeedsConfig['frigate'][number];

export interface FrigateSourceOptions {
  feed: FrigateFeedConfig;
  engine: AlertEngine;
  log: Logger;
  env: Record<string, string | undefined>;
  now?: () => number;
  /** Start the HTTP reconciliation/health polls (default: when httpUrl is set). */
  poll?: boolean;
}

export interface FrigateSource {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One reconciliation round now (tests, reconnect). */
  reconcile(): Promise<void>;
  pollStats(): Promise<void>;
  /** Fetches an event snapshot with our credentials (for the snapshot proxy). */
  fetchSnapshot(eventId: string): Promise<Buffer | null>;
  /** Resolves when MQTT is subscribed. */
  ready(): Promise<void>;
}

export function parseJsonMessage(payload: Buffer): { value: unknown; repaired: boolean } {
  if (payload.length > LIMITS.mqttMessageBytes) throw new FeedReject('message-too-large', `MQTT message of ${payload.length} bytes (max ${LIMITS.mqttMessageBytes})`);
  return parseJsonLenient(payload.toString('utf8'));
}

export function createFrigateSource(opts: FrigateSourceOptions): FrigateSource {
  const { feed, engine, log, env } = opts;
  const now = opts.now ?? Date.now;
  const cams = engine.cameras().filter((c) => c.feed === feed.id);
  const ctx = (): ParseContext => ({
    instance: feed.id,
    nowMs: now(),
    detectOf: (ref) => cams.find((c) => c.ref === ref)?.detect,
    noParkingZonesOf: (ref) => cams.find((c) => c.ref === ref)?.noParkingZones ?? [],
  });
  const prefix = feed.topicPrefix;
  let client: MqttClient | undefined;
  let subscribed: Promise<void> = Promise.resolve();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  /** Largest start_time (epoch s) seen by the HTTP pager. */
  let cursorS: number | null = null;
  let token: string | null = null;
  const httpCred = credFrom(env, feed.httpUserEnv, feed.httpPasswordEnv);

  function onMessage(topic: string, payload: Buffer): void {
    const rest = topic.slice(prefix.length + 1);
    const receivedAtMs = now();
    if (rest === 'available') {
      const s = payload.toString('utf8').trim();
      if (s !== 'online') log.warn({ feed: feed.id, state: s.slice(0, 20) }, 'frigate instance not available');
      return;
    }
    const status = /^([^/]+)\/status\/([^/]+)$/.exec(rest);
    if (status) {
      void engine.ingest(feed.id, () => parseFrigateCameraStatus(status[1]!, status[2]!, payload.toString('utf8').slice(0, 32), ctx()), { receivedAtMs });
      return;
    }
    const parse = (fn: (v: unknown) => FeedItem | FeedItem[]) => () => {
      const { value, repaired } = parseJsonMessage(payload);
      const items = fn(value);
      if (repaired) for (const it of Array.isArray(items) ? items : [items]) if (it.type === 'draft') it.repairs.push('nan-replaced');
      return items;
    };
    switch (rest) {
      case 'events':
        void engine.ingest(feed.id, parse((v) => parseFrigateMqttEvent(v, ctx())), { receivedAtMs });
        return;
      case 'reviews':
        void engine.ingest(feed.id, parse((v) => frigateReviewPatches(v, ctx())), { receivedAtMs });
        return;
      case 'tracked_object_update':
        void engine.ingest(feed.id, parse((v) => parseFrigateTrackedObjectUpdate(v, ctx())), { receivedAtMs });
        return;
      case 'triggers':
        void engine.ingest(feed.id, parse((v) => parseFrigateTrigger(v)), { receivedAtMs });
        return;
      case 'stats':
        void engine.ingest(feed.id, parse((v) => parseFrigateStats(v, ctx())), { receivedAtMs });
        return;
      default:
        return;
    }
  }

  async function api(path: string, maxBytes = LIMITS.multipartBytes, retry = true): Promise<Buffer | null> {
    if (!feed.httpUrl) return null;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${feed.httpUrl.replace(/\/$/, '')}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
    if (res.status === 401 && retry && httpCred) {
      await res.body?.cancel().catch(() => {});
      await login();
      return api(path, maxBytes, false);
    }
    if (res.status === 404) {
      await res.body?.cancel().catch(() => {});
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new Error(`frigate ${path.split('?')[0]}: HTTP ${res.status}`);
    }
    return readLimited(res, maxBytes);
  }

  /** Port 8971: POST /api/login, token from the frigate_token cookie (JWT; expires, so again on 401). */
  async function login(): Promise<void> {
    if (!httpCred || !feed.httpUrl) return;
    const res = await fetch(`${feed.httpUrl.replace(/\/$/, '')}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: httpCred.user, password: httpCred.password }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel().catch(() => {});
    const cookie = res.headers.get('set-cookie') ?? '';
    token = /frigate_token=([^;]+)/.exec(cookie)?.[1] ?? null;
    if (!res.ok || !token) log.warn({ feed: feed.id, status: res.status }, 'frigate login failed');
  }

  async function listFrom(path: string): Promise<unknown[]> {
    const body = await api(path);
    if (!body) return [];
    const { value } = parseJsonLenient(body.toString('utf8'));
    if (!Array.isArray(value)) throw new FeedReject('invalid-shape', `${path.split('?')[0]} did not return a list`);
    return value;
  }

  async function reconcile(): Promise<void> {
    if (!feed.httpUrl) return;
    const c = ctx();
    // Events still in progress (their start may be older than any window).
    for (const e of await listFrom('/api/events?in_progress=1&include_thumbnails=0&limit=500')) await engine.ingest(feed.id, () => parseFrigateApiEvent(e, c));
    // Then pages from the cursor minus the overlap window, oldest first.
    const overlapS = feed.overlapWindowMs / 1000;
    let after = cursorS === null ? now() / 1000 - 3600 : cursorS - overlapS;
    for (let page = 0; page < 20; page++) {
      const list = await listFrom(`/api/events?after=${after.toFixed(6)}&sort=date_asc&limit=100&include_thumbnails=0`);
      for (const e of list) {
        await engine.ingest(feed.id, () => parseFrigateApiEvent(e, c));
        const st = isObject(e) && typeof e.start_time === 'number' && Number.isFinite(e.start_time) ? e.start_time : null;
        if (st !== null && (cursorS === null || st > cursorS)) cursorS = st;
        if (st !== null && st > after) after = st;
      }
      if (list.length < 100) break;
    }
    // Reviews overlap-filtered: `alert` severity raises the events they name.
    const reviewAfter = (cursorS ?? now() / 1000) - overlapS - 120;
    for (const r of await listFrom(`/api/review?after=${reviewAfter.toFixed(3)}&limit=200`)) await engine.ingest(feed.id, () => frigateReviewPatches(r, c));
  }

  async function pollStats(): Promise<void> {
    const body = await api('/api/stats', LIMITS.httpBodyBytes);
    if (!body) return;
    await engine.ingest(feed.id, () => {
      const items = parseFrigateStats(parseJsonLenient(body.toString('utf8')).value, ctx());
      for (const s of items) engine.expectHeartbeat(feed.id, s.cameraRefs, feed.statsIntervalMs);
      return items;
    });
  }

  const every = (ms: number, job: () => Promise<void>, name: string) => {
    const run = () => {
      if (stopped) return;
      job()
        .catch((err: unknown) => {
          if (err instanceof FeedReject) void engine.recordReject(feed.id, err.reason, err.detail);
          else log.warn({ feed: feed.id, err: (err as Error).message }, `frigate ${name} failed`);
        })
        .finally(() => {
          if (!stopped) timers.push(setTimeout(run, ms));
        });
    };
    timers.push(setTimeout(run, 50));
  };

  return {
    async start() {
      if (feed.mqttUrl) {
        const cred = credFrom(env, feed.mqttUserEnv, feed.mqttPasswordEnv);
        client = mqtt.connect(feed.mqttUrl, {
          // A fixed client id with a persistent session: QoS-1 messages wait for us across reconnects.
          clientId: `ioc-${feed.id}-${hostname()}`.slice(0, 64),
          clean: false,
          reconnectPeriod: 2000,
          connectTimeout: 10_000,
          ...(cred ? { username: cred.user, password: cred.password } : {}),
        });
        client.on('message', (topic, payload) => {
          try {
            onMessage(topic, payload);
          } catch (err) {
            log.error({ err, feed: feed.id }, 'frigate message handler failed');
          }
        });
        client.on('error', (err) => log.warn({ feed: feed.id, err: err.message }, 'frigate mqtt'));
        subscribed = new Promise<void>((resolve) => {
          client!.on('connect', () => {
            const topics = ['events', 'reviews', 'tracked_object_update', 'triggers', 'available', '+/status/+', 'stats'].map((t) => `${prefix}/${t}`);
            client!.subscribe(topics, { qos: 1 }, (err) => {
              if (err) log.warn({ feed: feed.id, err: err.message }, 'frigate subscribe failed');
              resolve();
            });
            // Backfill what happened while we were away.
            if (feed.httpUrl) void reconcile().catch((err: unknown) => log.warn({ feed: feed.id, err: (err as Error).message }, 'frigate backfill failed'));
          });
        });
      }
      if (feed.httpUrl && opts.poll !== false) {
        every(feed.pollIntervalMs, reconcile, 'reconcile');
        every(feed.statsIntervalMs, pollStats, 'stats');
      }
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      if (client) await client.endAsync(true).catch(() => {});
    },
    reconcile,
    pollStats,
    async fetchSnapshot(eventId) {
      if (!/^[\w.\-]{1,64}$/.test(eventId)) return null;
      return api(`/api/events/${encodeURIComponent(eventId)}/snapshot.jpg?bbox=0`, LIMITS.multipartBytes);
    },
    ready: () => subscribed,
  };
}
