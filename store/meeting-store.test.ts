import { test } from 'node:test';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { meetingStoreContract } from './meeting-store.contract.ts';
import { createMemoryMeetingStore, createRedisMeetingStore } from './meeting-store.ts';

test('meeting store, in process', async () => {
  const store = createMemoryMeetingStore();
  await meetingStoreContract(store, store);
  await store.close();
});

test('meeting store, Redis (two handles: two realtime nodes)', async () => {
  const { prefix, cleanup } = testRedisPrefix('meetings');
  const a = createRedisMeetingStore({ url: TEST_REDIS_URL, prefix });
  const b = createRedisMeetingStore({ url: TEST_REDIS_URL, prefix });
  try {
    await meetingStoreContract(a, b);
  } finally {
    await a.close();
    await b.close();
    await cleanup();
  }
});
