import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScreenHeartbeat } from '../contract/messages.ts';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { createMemoryScreenRegistry, createRedisScreenRegistry, type ScreenRegistryStore } from './screen-registry.ts';

const hb = (page: string): ScreenHeartbeat => ({
  screen: 'man-hinh-1',
  page,
  index: 0,
  count: 2,
  paused: false,
  version: 'v1',
  heapBytes: 12_000_000,
  uptimeS: 5,
  takeover: null,
});

async function contract(reg: ScreenRegistryStore) {
  assert.equal((await reg.list()).size, 0);
  await reg.heartbeat('man-hinh-1', hb('tong-quan'), 'kiosk-1', '2026-11-23T10:00:00.000Z');
  await reg.heartbeat('man-hinh-1', hb('kinh-te-xa-hoi'), 'kiosk-1', '2026-11-23T10:00:05.000Z');
  await reg.heartbeat('man-hinh-2', hb('tong-quan'), 'kiosk-2', '2026-11-23T10:00:06.000Z');
  const list = await reg.list();
  assert.equal(list.size, 2, 'one record per screen');
  assert.deepEqual(list.get('man-hinh-1'), {
    hb: hb('kinh-te-xa-hoi'),
    at: '2026-11-23T10:00:05.000Z',
    by: 'kiosk-1',
    thumbnailAt: null,
  });
  assert.equal(await reg.getThumbnail('man-hinh-1'), null);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x80, 0xd9]);
  await reg.setThumbnail('man-hinh-1', jpeg, '2026-11-23T10:00:07.000Z');
  assert.deepEqual(await reg.getThumbnail('man-hinh-1'), { jpeg, at: '2026-11-23T10:00:07.000Z' }, 'binary kept byte for byte');
  assert.equal((await reg.list()).get('man-hinh-1')!.thumbnailAt, '2026-11-23T10:00:07.000Z');
}

test('screen registry, in process', async () => {
  const reg = createMemoryScreenRegistry();
  await contract(reg);
  await reg.close();
});

test('screen registry, Redis (shared by every realtime node)', async () => {
  const { prefix, cleanup } = testRedisPrefix('screens');
  const a = createRedisScreenRegistry({ url: TEST_REDIS_URL, prefix });
  const b = createRedisScreenRegistry({ url: TEST_REDIS_URL, prefix });
  try {
    await contract(a);
    assert.equal((await b.list()).get('man-hinh-2')!.by, 'kiosk-2', 'another node sees the same state');
  } finally {
    await a.close();
    await b.close();
    await cleanup();
  }
});
