import { after } from 'node:test';
import { randomUUID } from 'node:crypto';
import { createRedisStore, deletePrefix } from './redis-store.ts';
import { runStoreContract } from './store.contract.ts';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefixes: string[] = [];

runStoreContract('redis store', async () => {
  // A fresh prefix per test: tests share one Redis, never each other's keys.
  const prefix = `ioc-test-${randomUUID().slice(0, 8)}:`;
  prefixes.push(prefix);
  return createRedisStore({ url, prefix });
});

after(async () => {
  for (const p of prefixes) await deletePrefix(url, p);
});
