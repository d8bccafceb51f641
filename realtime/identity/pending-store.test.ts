import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryPendingStore } from './pending-store.ts';

const entry = (n: number) => ({ codeVerifier: `v${n}`, nonce: `n${n}`, returnTo: '/' });

test('pending store: an entry is taken once', async () => {
  const store = createMemoryPendingStore();
  await store.put('s1', entry(1), 60_000);
  assert.deepEqual(await store.take('s1'), entry(1));
  assert.equal(await store.take('s1'), undefined);
  assert.equal(await store.take('unknown'), undefined);
});

test('pending store: an expired entry is gone', async () => {
  let t = 1_000;
  const store = createMemoryPendingStore({ now: () => t });
  await store.put('s1', entry(1), 100);
  t += 100;
  assert.equal(await store.take('s1'), undefined);
});

test('pending store: beyond maxEntries the oldest sign-ins are dropped', async () => {
  const store = createMemoryPendingStore({ maxEntries: 2 });
  for (const n of [1, 2, 3]) await store.put(`s${n}`, entry(n), 60_000);
  assert.equal(await store.take('s1'), undefined);
  assert.deepEqual(await store.take('s2'), entry(2));
  assert.deepEqual(await store.take('s3'), entry(3));
});
