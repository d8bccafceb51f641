import { after } from 'node:test';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { createRedisStore } from './redis-store.ts';
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
