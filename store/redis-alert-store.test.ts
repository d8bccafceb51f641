import { after } from 'node:test';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { createRedisAlertStore } from './redis-alert-store.ts';
import { runAlertStoreContract } from './alert-store.contract.ts';

const prefixes: ReturnType<typeof testRedisPrefix>[] = [];

runAlertStoreContract('redis alert store', async (opts) => {
  // A fresh prefix per test: tests share one Redis, never each other's keys.
  const p = testRedisPrefix('alerts');
  prefixes.push(p);
  return createRedisAlertStore({ url: TEST_REDIS_URL, prefix: p.prefix, historyLimit: 200, ...opts });
});

after(async () => {
  for (const p of prefixes) await p.cleanup();
});
