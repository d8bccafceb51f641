/**
 * Alert state rebuilt from the feed's own API after Redis lost it (issue 14): a private redis-server holds
 * the alert store; the real Frigate source polls a Frigate HTTP API (the demo simulator, which serves
 * /api/events like Frigate). After FLUSHALL, and after Redis restarts empty, the next reconciliation puts
 * every event still in progress back as an active alert — the store is the engine's only memory, so an
 * emptied one does not make it skip what it saw before.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../../contract/load-config.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { createRedisAlertStore } from '../../store/redis-alert-store.ts';
import { startRedisServer } from '../../testing/cluster.ts';
import { startDemoFrigate } from '../demo/frigate-simulator.ts';
import { createAlertEngine } from '../alerts/engine.ts';
import { alertId } from '../alerts/validate.ts';
import { createFrigateSource } from './source.ts';

const config = loadConfig('config');
const log = pino({ level: 'silent' });
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => {});
});

test('after Redis is flushed or restarted empty, the next Frigate reconciliation brings the active alerts back', async () => {
  const redisServer = await startRedisServer();
  closers.push(() => redisServer.stop());
  const feed = config.sources.feeds!.frigate[0]!;
  const cameras = (config.cameras ?? []).filter((c) => c.feed === feed.id);
  const frigate = await startDemoFrigate({ cameras, eventsPerMinute: 60, log });
  closers.push(() => frigate.close());
  for (let i = 0; i < 5; i++) frigate.tick(); // a few events in progress
  const alertStore = createRedisAlertStore({ url: redisServer.url, prefix: 'ioc-rebuild:', onError: () => {} });
  closers.push(() => alertStore.close());
  const engine = createAlertEngine({ alertStore, store: createMemoryStore(), config, log });
  closers.push(() => engine.stop());
  const source = createFrigateSource({
    feed: { ...feed, mqttUrl: undefined, httpUrl: frigate.url, httpUserEnv: undefined, httpPasswordEnv: undefined },
    engine,
    log,
    env: {},
    poll: false,
  });
  closers.push(() => source.stop());
  await source.start();

  await source.reconcile();
  const ids = async () => (await alertStore.listActive()).map((a) => a.id).sort();
  const before = await ids();
  assert.ok(before.length > 0, 'active alerts from /api/events');

  const redis = new Redis(redisServer.url);
  redis.on('error', () => {});
  closers.push(async () => redis.disconnect());
  for (const lose of [() => redis.flushall().then(() => {}), () => redisServer.stop().then(() => redisServer.start())]) {
    await lose();
    assert.deepEqual(await ids().catch(() => []), [], 'the alert state is gone');
    await source.reconcile();
    // Events may have begun or ended meanwhile: every one Frigate says is in progress is an active alert again.
    const inProgress = (await (await fetch(`${frigate.url}/api/events?in_progress=1`)).json()) as { id: string }[];
    const active = await ids();
    assert.ok(inProgress.length > 0);
    for (const e of inProgress) assert.ok(active.includes(alertId('frigate', feed.id, e.id)), `event ${e.id} back as an alert`);
  }
});
