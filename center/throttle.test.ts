import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, testRedisPrefix } from '../testing/databases.ts';
import { createSignInThrottle, type SignInThrottle } from './throttle.ts';

const limits = { perAccount: { failures: 5, windowS: 900 }, perAddress: { failures: 20, windowS: 900 } };

async function failTimes(t: SignInThrottle, n: number, username: (i: number) => string, ip: string): Promise<void> {
  for (let i = 0; i < n; i++) await t.fail(username(i), ip);
}

/** The same behaviour whatever counts: this process, or Redis shared by every node. */
async function throttleBehaviour(make: () => SignInThrottle): Promise<void> {
  const t = make();
  assert.deepEqual(await t.check('lanh-dao', '10.0.0.1'), { allowed: true });
  await failTimes(t, 4, () => 'lanh-dao', '10.0.0.1');
  assert.deepEqual(await t.check('lanh-dao', '10.0.0.1'), { allowed: true }, 'four failures are forgiven');
  await t.fail('LANH-DAO', '10.0.0.2'); // the fifth, in other capitals, from elsewhere
  const blocked = await t.check('lanh-dao', '10.0.0.3');
  assert.equal(blocked.allowed, false, 'the account is throttled from every address');
  if (!blocked.allowed) assert.ok(blocked.retryAfterS > 890 && blocked.retryAfterS <= 900, String(blocked.retryAfterS));
  assert.deepEqual(await t.check('nguoi-xem', '10.0.0.1'), { allowed: true }, 'other accounts are not');
  await t.succeed('lanh-dao', '10.0.0.1');
  assert.deepEqual(await t.check('lanh-dao', '10.0.0.1'), { allowed: true }, 'a success forgives the account');

  // Guessing across many accounts from one address.
  await failTimes(t, 20, (i) => `user-${i}`, '192.0.2.9');
  const address = await t.check('someone-new', '192.0.2.9');
  assert.equal(address.allowed, false, 'the address is throttled for every account');
  await t.succeed('someone-new', '192.0.2.9');
  assert.equal((await t.check('someone-new', '192.0.2.9')).allowed, false, 'a success does not forgive the address');
  assert.deepEqual(await t.check('someone-new', '192.0.2.10'), { allowed: true });
  assert.deepEqual(await t.check('x', undefined), { allowed: true });
}

test('throttling in memory', () => throttleBehaviour(() => createSignInThrottle(limits)));

test('throttling in Redis, shared by every node', async () => {
  const { prefix, cleanup } = testRedisPrefix('throttle');
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    await throttleBehaviour(() => createSignInThrottle({ ...limits, redis, keyPrefix: prefix }));
    const keys = await redis.keys(`${prefix}*`);
    assert.ok(keys.length > 0 && keys.every((k) => k.startsWith(prefix)), 'every key under the prefix');
    // Two nodes count the same failures.
    const nodeA = createSignInThrottle({ ...limits, redis, keyPrefix: `${prefix}shared:` });
    const nodeB = createSignInThrottle({ ...limits, redis, keyPrefix: `${prefix}shared:` });
    await failTimes(nodeA, 3, () => 'stc', '10.1.0.1');
    await failTimes(nodeB, 2, () => 'stc', '10.1.0.2');
    assert.equal((await nodeA.check('stc', '10.1.0.3')).allowed, false);
  } finally {
    await cleanup();
    redis.disconnect();
  }
});

test('when Redis is unreachable each node goes on counting in memory', async () => {
  const redis = new Redis({
    host: '127.0.0.1',
    port: 1,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    const t = createSignInThrottle({ ...limits, redis, keyPrefix: 'ioc-test-unreachable:' });
    await failTimes(t, 5, () => 'quan-tri', '10.2.0.1');
    assert.equal((await t.check('quan-tri', '10.2.0.1')).allowed, false);
  } finally {
    redis.disconnect();
  }
});
