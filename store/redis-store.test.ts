import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { createRedisStore, deletePrefix } from './redis-store.ts';
import { runStoreContract } from './store.contract.ts';

const prefixes: ReturnType<typeof testRedisPrefix>[] = [];

runStoreContract('redis store', async () => {
  // A fresh prefix per test: tests share one Redis, never each other's keys.
  const p = testRedisPrefix('store');
  prefixes.push(p);
  return createRedisStore({ url: TEST_REDIS_URL, prefix: p.prefix });
});

after(async () => {
  for (const p of prefixes) await p.cleanup();
});

test('redis store: an emptied Redis has no generation; the next initialisation is a new one', async () => {
  const p = testRedisPrefix('store-gen');
  prefixes.push(p);
  const store = createRedisStore({ url: TEST_REDIS_URL, prefix: p.prefix });
  try {
    assert.deepEqual(await store.stateInfo(), { generation: null, loaded: null }, 'nothing initialised yet');
    const g = await store.ensureGeneration();
    await store.markLoaded(g);
    await deletePrefix(TEST_REDIS_URL, p.prefix); // as FLUSHDB would
    assert.deepEqual(await store.stateInfo(), { generation: null, loaded: null }, 'the loss is visible');
    const g2 = await store.ensureGeneration();
    assert.notEqual(g2, g);
  } finally {
    await store.close();
  }
});
