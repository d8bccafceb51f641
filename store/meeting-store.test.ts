import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { redisKeys } from '../contract/redis-keys.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { eventually } from '../testing/eventually.ts';
import { meetingDisplaysContract, meetingStoreContract, record } from './meeting-store.contract.ts';
import { MEETING_TTL_S, createMemoryMeetingStore, createRedisMeetingStore } from './meeting-store.ts';

test('meeting store, in process', async () => {
  const store = createMemoryMeetingStore();
  await meetingStoreContract(store, store);
  await store.close();
});

test('meeting store, in process: displays', async () => {
  const store = createMemoryMeetingStore();
  await meetingDisplaysContract(store, store);
});

test('meeting store, in process: a meeting that expires frees its displays', async () => {
  let now = 0;
  const store = createMemoryMeetingStore(() => now);
  assert.ok((await store.create(record('old', undefined, ['wall-1']))).ok);
  now += MEETING_TTL_S * 1000 - 1;
  assert.equal((await store.create(record('new', undefined, ['wall-1']))).ok, false, 'held until its TTL');
  assert.ok((await store.update('old', (cur) => ({ record: cur }))).ok, 'a change renews it');
  now += MEETING_TTL_S * 1000 - 1;
  assert.equal((await store.create(record('new', undefined, ['wall-1']))).ok, false);
  now += 1;
  assert.deepEqual(await store.create(record('new', undefined, ['wall-1'])), { ok: true }, 'expired: the display is free');
  assert.equal(await store.get('old'), null);
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

test('meeting store, Redis: displays (two handles)', async () => {
  const { prefix, cleanup } = testRedisPrefix('meeting-displays');
  const a = createRedisMeetingStore({ url: TEST_REDIS_URL, prefix });
  const b = createRedisMeetingStore({ url: TEST_REDIS_URL, prefix });
  try {
    await meetingDisplaysContract(a, b);
  } finally {
    await a.close();
    await b.close();
    await cleanup();
  }
});

test('meeting store, Redis: display claims live as long as their meeting, and one whose meeting is gone is free', async () => {
  const { prefix, cleanup } = testRedisPrefix('meeting-claims');
  const store = createRedisMeetingStore({ url: TEST_REDIS_URL, prefix });
  const redis = new Redis(TEST_REDIS_URL);
  const keys = redisKeys(prefix);
  try {
    assert.ok((await store.create(record('m', undefined, ['wall-1', 'wall-2']))).ok);
    assert.equal(await redis.get(keys.meetingDisplay('wall-1')), 'm');
    const ttls = async () => Promise.all([keys.meeting('m'), keys.meetingDisplay('wall-1')].map((k) => redis.pttl(k)));
    const [rec, claim] = await ttls();
    assert.ok(rec! > 0 && claim! > 0 && Math.abs(rec! - claim!) < 1000, `same TTL: ${rec} / ${claim}`);
    // A change renews the record and its claims together.
    await redis.pexpire(keys.meeting('m'), 60_000);
    await redis.pexpire(keys.meetingDisplay('wall-1'), 60_000);
    assert.ok((await store.update('m', (cur) => ({ record: cur }))).ok);
    const [rec2, claim2] = await ttls();
    assert.ok(rec2! > MEETING_TTL_S * 1000 - 60_000 && Math.abs(rec2! - claim2!) < 1000, `renewed: ${rec2} / ${claim2}`);

    // The meeting's record expires (here: soon) while a claim would outlive it: the display is free anyway.
    await redis.pexpire(keys.meeting('m'), 50);
    await eventually(async () => (await redis.exists(keys.meeting('m'))) === 0, 'the record expired');
    assert.equal(await redis.get(keys.meetingDisplay('wall-2')), 'm', 'a claim still names it');
    assert.deepEqual(await store.create(record('n', undefined, ['wall-2'])), { ok: true }, 'free: its meeting is gone');
    assert.equal(await redis.get(keys.meetingDisplay('wall-2')), 'n');
    assert.deepEqual(
      (await store.list()).map((r) => r.state.id),
      ['n'],
    );

    // The end releases the claims themselves (only those still its own).
    await store.remove('n');
    assert.equal(await redis.exists(keys.meetingDisplay('wall-2')), 0);
  } finally {
    redis.disconnect();
    await store.close();
    await cleanup();
  }
});
