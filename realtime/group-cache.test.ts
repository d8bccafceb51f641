/**
 * The group cache: it follows the store's feed, and when the feed breaks for a group it serves (the
 * store emptied, updates it cannot see, a break during a read) it reads the group again and says so once.
 * On the Redis store, and on a stand-in store where the timing must be exact.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupUpdated, IndicatorValue, ResyncReason } from '../contract/messages.ts';
import { createRedisStore, deletePrefix } from '../store/redis-store.ts';
import type { Store } from '../store/store.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { eventually } from '../testing/eventually.ts';
import { GroupCache } from './group-cache.ts';

const redis = testRedisPrefix('group-cache');
const stores: Store[] = [];
after(async () => {
  for (const s of stores) await s.close();
  await redis.cleanup();
});

const value = (period: string, v: number): IndicatorValue => ({
  indicator: 'budget.revenue_total',
  area: '56',
  period,
  value: v,
  plan: null,
  status: 'estimate',
  updatedAt: '2026-11-23T00:00:00.000Z',
});
const later = (s: number) => new Date(Date.now() + s * 1000).toISOString();

function follow(store: Store) {
  const updates: GroupUpdated[] = [];
  const resyncs: [string, ResyncReason][] = [];
  const errors: unknown[] = [];
  const cache = new GroupCache(store, {
    onUpdate: (u) => updates.push(u),
    onResync: (g, r) => resyncs.push([g, r]),
    onError: (err) => errors.push(err),
  });
  return { cache, updates, resyncs, errors };
}

test('Redis emptied under a running node: the group is read again, one resync, then deltas go on', async () => {
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix: redis.prefix });
  stores.push(store);
  for (let i = 1; i <= 3; i++) await store.applyChanges('budget', [value('2026-10', i)], later(0));
  const { cache, updates, resyncs, errors } = follow(store);
  await cache.start();
  try {
    const [before] = await cache.current(['budget']);
    assert.equal(before!.version, 3);
    await store.applyChanges('budget', [value('2026-10', 4)], later(1));
    await eventually(() => updates.length === 1, 'the delta of version 4');

    await deletePrefix(TEST_REDIS_URL, redis.prefix);
    await store.applyChanges('budget', [value('2026-11', 99)], later(2));
    await eventually(() => resyncs.length === 1, 'a resync');
    assert.deepEqual(resyncs, [['budget', 'feed-restarted']]);
    const [fresh] = await cache.current(['budget']);
    assert.equal(fresh!.version, 1);
    assert.deepEqual(
      [...fresh!.values.values()].map((v) => v.value),
      [99],
    );

    await store.applyChanges('budget', [value('2026-12', 100)], later(3));
    await eventually(() => updates.some((u) => u.version === 2), 'version 2 after the restart');
    assert.equal((await cache.current(['budget']))[0]!.version, 2);
    assert.equal(resyncs.length, 1, 'one break, one resync');
    assert.deepEqual(errors, []);
  } finally {
    await cache.stop();
  }
});

test('a version the feed skipped (trimmed past this node): the group is read again with it', async () => {
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix: redis.prefix });
  stores.push(store);
  await deletePrefix(TEST_REDIS_URL, redis.prefix);
  await store.applyChanges('budget', [value('2026-10', 1)], later(0));
  // A store whose feed drops version 2, as a reader too far behind a trimmed stream would see it.
  const lossy: Store = { ...store, subscribe: (h) => store.subscribe((u) => u.version !== 2 && h(u)) };
  const { cache, updates, resyncs } = follow(lossy);
  await cache.start();
  try {
    await cache.current(['budget']);
    await store.applyChanges('budget', [value('2026-11', 2)], later(1));
    await store.applyChanges('budget', [value('2026-12', 3)], later(2));
    await eventually(() => resyncs.length === 1, 'a resync');
    assert.deepEqual(resyncs, [['budget', 'feed-gap']]);
    assert.deepEqual(updates, [], 'the broken update is not relayed: subscribers resubscribe instead');
    const [state] = await cache.current(['budget']);
    assert.equal(state!.version, 3);
    assert.deepEqual([...state!.values.values()].map((v) => v.period).sort(), ['2026-10', '2026-11', '2026-12']);
  } finally {
    await cache.stop();
  }
});

test('the feed breaks while a group is being read: that read is thrown away and the group read again', async () => {
  let feed: (u: GroupUpdated) => void = () => {};
  let release: () => void = () => {};
  const reads = [
    { group: 'budget', version: 10, at: later(0), values: [value('2026-10', 10)] },
    { group: 'budget', version: 1, at: later(2), values: [value('2026-10', 1)] },
  ];
  let n = 0;
  const store = {
    async subscribe(h: (u: GroupUpdated) => void) {
      feed = h;
      return async () => {};
    },
    async getGroup() {
      const snap = reads[n++]!;
      if (n === 1) await new Promise<void>((r) => (release = r));
      return snap;
    },
  } as unknown as Store;
  const { cache, resyncs, updates } = follow(store);
  await cache.start();
  feed({ group: 'budget', version: 10, at: later(0), changes: [] });
  const reading = cache.current(['budget']);
  feed({ group: 'budget', version: 1, at: later(1), changes: [value('2026-10', 1)] });
  release();
  const [state] = await reading;
  assert.equal(n, 2, 'read twice');
  assert.equal(state!.version, 1);
  assert.deepEqual(resyncs, [['budget', 'feed-restarted']]);
  assert.deepEqual(
    updates.map((u) => u.version),
    [10],
    'the update that broke the feed is not relayed',
  );
});
