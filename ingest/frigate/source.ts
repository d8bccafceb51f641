/**
 * A Frigate instance: MQTT for live events (QoS 1, persistent session; the topics and what each becomes
 * are here), and the periodic HTTP reconciliation and health polls of http-api.ts.
 */
import { hostname } from 'node:os';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { backoffMs } from '../../contract/backoff.ts';
import type { FeedsConfig } from '../../contract/config.ts';
import { credFrom } from '../alerts/device-http.ts';
import type { AlertEngine } from '../alerts/engine.ts';
import type { FeedItem, ParseContext } from '../alerts/model.ts';
import { FeedReject, LIMITS, parseJsonLenient } from '../alerts/validate.ts';
import { createFrigateHttp } from './http-api.ts';
import { createRepeater } from './repeat.ts';
import {
  frigateReviewPatches,
  parseFrigateCameraStatus,
  parseFrigateMqttEvent,
  parseFrigateStats,
  parseFrigateTrackedObjectUpdate,
  parseFrigateTrigger,
} from './parse.ts';

export type FrigateFeedConfig = FeedsConfig['frigate'][number];

/** The JSON topics under the prefix and the parser of each (the rest: `available`, `<camera>/status/<role>`). */
const JSON_TOPICS = new Map<string, (v: unknown, ctx: ParseContext) => FeedItem | FeedItem[]>([
  ['events', parseFrigateMqttEvent],
  ['reviews', frigateReviewPatches],
  ['tracked_object_update', parseFrigateTrackedObjectUpdate],
  ['triggers', (v) => parseFrigateTrigger(v)],
  ['stats', parseFrigateStats],
]);

/** Between MQTT reconnect attempts: from 2 s up to a minute while the broker stays away. */
const MQTT_RECONNECT = { baseMs: 2000, maxMs: 60_000 };

export interface FrigateSourceOptions {
  feed: FrigateFeedConfig;
  engine: AlertEngine;
  log: Logger;
  env: Record<string, string | undefined>;
  now?: () => number;
  /** Start the HTTP reconciliation/health polls (default: when httpUrl is set). */
  poll?: boolean;
  /**
   * This process's stable identity (ingest/instance-id.ts), part of the MQTT client id: each ingest
   * replica keeps its own persistent session. Replicas sharing one client id would take the session
   * from each other in turn (the broker drops the older connection). Default: the host name.
   */
  instanceId?: string;
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
  if (payload.length > LIMITS.mqttMessageBytes)
    throw new FeedReject('message-too-large', `MQTT message of ${payload.length} bytes (max ${LIMITS.mqttMessageBytes})`);
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
  const repeater = createRepeater();
  const http = createFrigateHttp({ feed, engine, log, env, now, ctx });
  const { reconcile, pollStats } = http;

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
      void engine.ingest(
        feed.id,
        () => parseFrigateCameraStatus(status[1]!, status[2]!, payload.toString('utf8').slice(0, 32), ctx()),
        { receivedAtMs },
      );
      return;
    }
    const parse = (fn: (v: unknown) => FeedItem | FeedItem[]) => () => {
      const { value, repaired } = parseJsonMessage(payload);
      const items = fn(value);
      if (repaired)
        for (const it of Array.isArray(items) ? items : [items]) if (it.type === 'draft') it.repairs.push('nan-replaced');
      return items;
    };
    const parser = JSON_TOPICS.get(rest);
    if (parser)
      void engine.ingest(
        feed.id,
        parse((v) => parser(v, ctx())),
        { receivedAtMs },
      );
  }

  const every = (ms: number, job: () => Promise<void>, name: string) =>
    repeater.every(ms, job, (err: unknown) => {
      if (err instanceof FeedReject) void engine.recordReject(feed.id, err.reason, err.detail);
      else log.warn({ feed: feed.id, err: (err as Error).message }, `frigate ${name} failed`);
    });

  return {
    async start() {
      if (feed.mqttUrl) {
        const cred = credFrom(env, feed.mqttUserEnv, feed.mqttPasswordEnv);
        client = mqtt.connect(feed.mqttUrl, {
          // A fixed client id with a persistent session: QoS-1 messages wait for us across reconnects.
          clientId: `ioc-${feed.id}-${(opts.instanceId ?? hostname()).replace(/[^\w.-]/g, '-')}`.slice(0, 64),
          clean: false,
          reconnectPeriod: backoffMs(1, MQTT_RECONNECT),
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
        // mqtt.js waits `reconnectPeriod` before each attempt and reads it again after every failed one,
        // so setting it as attempts fail (and back on success) gives its reconnects the shared backoff.
        const mqttClient = client;
        let attempts = 0;
        const setNextWait = () => (mqttClient.options.reconnectPeriod = backoffMs(attempts + 1, MQTT_RECONNECT));
        mqttClient.on('reconnect', () => {
          attempts++;
          setNextWait();
        });
        mqttClient.on('connect', () => {
          attempts = 0;
          setNextWait();
        });
        subscribed = new Promise<void>((resolve) => {
          client!.on('connect', () => {
            const topics = ['events', 'reviews', 'tracked_object_update', 'triggers', 'available', '+/status/+', 'stats'].map(
              (t) => `${prefix}/${t}`,
            );
            client!.subscribe(topics, { qos: 1 }, (err) => {
              if (err) log.warn({ feed: feed.id, err: err.message }, 'frigate subscribe failed');
              resolve();
            });
            // Backfill what happened while we were away.
            if (feed.httpUrl)
              void reconcile().catch((err: unknown) =>
                log.warn({ feed: feed.id, err: (err as Error).message }, 'frigate backfill failed'),
              );
          });
        });
      }
      if (feed.httpUrl && opts.poll !== false) {
        every(feed.pollIntervalMs, reconcile, 'reconcile');
        every(feed.statsIntervalMs, pollStats, 'stats');
      }
    },
    async stop() {
      repeater.stop();
      if (client) await client.endAsync(true).catch(() => {});
    },
    reconcile,
    pollStats,
    fetchSnapshot: http.fetchSnapshot,
    ready: () => subscribed,
  };
}
