/**
 * Two ingest replicas both consume every feed (ingest/feeds.ts): two engines, one alert store, the same
 * Frigate messages reaching both at the same moment. The idempotent upserts (alert id + version, a
 * lower or equal version never overwrites a higher one) make the second consumer harmless: one alert,
 * each change published once, in order. On the in-process store and on a real Redis.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { loadConfig } from '../../contract/load-config.ts';
import type { AlertChange, AlertStore } from '../../store/alert-store.ts';
import { createMemoryAlertStore } from '../../store/memory-alert-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { createRedisAlertStore } from '../../store/redis-alert-store.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../../testing/databases.ts';
import { eventually, sleep } from '../../testing/eventually.ts';
import { parseFrigateMqttEvent } from '../frigate/parse.ts';
import { ctx } from '../test/samples.ts';
import { createAlertEngine } from './engine.ts';
import { alertId } from './validate.ts';

const config = loadConfig('config');
const FEED = 'frigate-nt';
const prefixes: ReturnType<typeof testRedisPrefix>[] = [];

const stores: [string, () => AlertStore][] = [
  ['in-process', () => createMemoryAlertStore()],
  [
    'Redis',
    () => {
      const p = testRedisPrefix('two-consumers');
      prefixes.push(p);
      return createRedisAlertStore({ url: TEST_REDIS_URL, prefix: p.prefix });
    },
  ],
];

function event(type: 'new' | 'update' | 'end', id: string, startMs: number, over: Record<string, unknown> = {}) {
  const after = { id, camera: 'nt_cho_dam', label: 'person', start_time: startMs / 1000, frame_time: Date.now() / 1000, ...over };
  if (type === 'end') Object.assign(after, { end_time: Date.now() / 1000 });
  return parseFrigateMqttEvent({ type, before: after, after }, { ...ctx, instance: FEED, nowMs: Date.now() });
}

for (const [name, open] of stores) {
  test(`two feed consumers on one ${name} alert store: one alert, each change once, the end last`, async () => {
    const alertStore = open();
    const log = pino({ level: 'silent' });
    const replicas = [1, 2].map(() => createAlertEngine({ alertStore, store: createMemoryStore(), config, log }));
    const seen: AlertChange[] = [];
    const off = await alertStore.subscribe((c) => seen.push(c));
    try {
      const start = Date.now() - 2000;
      const messages = [
        event('new', 'both-1', start, { top_score: 0.6 }),
        event('update', 'both-1', start, { top_score: 0.9 }),
        event('update', 'both-1', start, { top_score: 0.9 }), // a QoS-1 redelivery: only lastSeenAt moves
        event('end', 'both-1', start, { top_score: 0.9 }),
      ];
      const outcomes: string[] = [];
      for (const [i, m] of messages.entries()) {
        // Both replicas get each message at the same moment (neither awaits the other), a second after
        // the one before. Received a few ms apart, the second copy would only move lastSeenAt: a silent
        // touch, never published.
        const receivedMs = start + 2000 + i * 1000;
        const pair = await Promise.all(replicas.map((e) => e.handle(FEED, m, receivedMs)));
        outcomes.push(pair.flat().sort().join('+'));
      }
      assert.deepEqual(outcomes, ['duplicate+raised', 'duplicate+updated', 'duplicate+touched', 'duplicate+updated']);
      await eventually(() => seen.length >= 3, '3 published changes');
      await sleep(100);
      assert.deepEqual(
        seen.map((c) => (c.type === 'camera:status-changed' ? '?' : `${c.type}@${c.alert.version} ${c.alert.state}`)),
        ['alert:raised@1 active', 'alert:updated@2 active', 'alert:updated@4 ended'],
      );
      const stored = await alertStore.get(alertId('frigate', FEED, 'both-1'));
      assert.deepEqual([stored?.state, stored?.score, stored?.version], ['ended', 0.9, 4], 'three changes and one silent touch');
    } finally {
      await off();
      for (const e of replicas) await e.stop();
      await alertStore.close();
    }
  });
}

after(async () => {
  for (const p of prefixes) await p.cleanup();
});
