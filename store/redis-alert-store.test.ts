import { after } from 'node:test';
import { randomUUID } from 'node:crypto';
import { deletePrefix } from './redis-store.ts';
import { createRedisAlertStore } from './redis-alert-store.ts';
import { runAlertStoreContract } from './alert-store.contract.ts';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefixes: string[] = [];

runAlertStoreContract('redis alert store', async (opts) => {
  // A fresh prefix per test: tests share one Redis, never each other's keys.
  const prefix = `ioc-alert-test-${randomUUID().slice(0, 8)}:`;
  prefixes.push(prefix);
  return createRedisAlertStore({ url, prefix, historyLimit: 200, ...opts });
});

after(async () => {
  for (const p of prefixes) await deletePrefix(url, p);
});
