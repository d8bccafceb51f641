/**
 * The Redis store (ioredis). A group's values live in a hash, its version in a meta hash; every update is
 * one Lua script that writes the values, bumps the version and appends the update to a capped stream, so
 * readers never see a version without its values. Realtime nodes follow the stream with XREAD from the
 * last id they saw, which (unlike pub/sub) loses nothing across a Redis reconnect.
 */
import { Redis } from 'ioredis';
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import type { DeadLetter, RejectedSummary } from '../contract/http.ts';
import { valueKey } from '../contract/value-key.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import { type Store, CHANGE_FEED_LIMIT, DEAD_LETTER_LIMIT } from './store.ts';
import { followStream, followerSet } from './redis-stream.ts';

// KEYS: values, meta, groups, changes. ARGV: group, at, updateJsonWithoutVersion, maxlen, field1, json1, ...
const APPLY_SCRIPT = `
local n = #ARGV
if n > 4 then
  for i = 5, n, 500 do
    local last = math.min(i + 499, n)
    redis.call('HSET', KEYS[1], unpack(ARGV, i, last))
  end
end
local version = redis.call('HINCRBY', KEYS[2], 'version', 1)
redis.call('HSET', KEYS[2], 'at', ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[4], '*', 'g', ARGV[1], 'v', version, 'u', ARGV[3])
return version
`;

const UNLOCK_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const LOCK_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if cur == false or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

export interface RedisStoreOptions {
  url: string;
  /** Key prefix: one per deployment or test run. */
  prefix?: string;
  /** Called on connection errors (ioredis reconnects by itself); defaults to ignoring them. */
  onError?: (err: Error) => void;
}

export function createRedisStore(opts: RedisStoreOptions): Store {
  const keys = redisKeys(opts.prefix ?? 'ioc:');
  const onError = opts.onError ?? (() => {});
  const redis = new Redis(opts.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', onError);
  const followers = followerSet();

  return {
    async applyChanges(group, changes, at) {
      // The version is only known inside the script, so the stream entry carries it in its own field.
      const payload = JSON.stringify({ group, at, changes } satisfies Omit<GroupUpdated, 'version'>);
      const args: string[] = [group, at, payload, String(CHANGE_FEED_LIMIT)];
      for (const v of changes) args.push(valueKey(v), JSON.stringify(v));
      const version = await redis.eval(
        APPLY_SCRIPT,
        4,
        keys.groupValues(group),
        keys.groupMeta(group),
        keys.groups(),
        keys.changes(),
        ...args,
      );
      return Number(version);
    },

    async getGroup(group): Promise<GroupSnapshot> {
      // MULTI so the values and the version belong together.
      const res = await redis.multi().hgetall(keys.groupMeta(group)).hvals(keys.groupValues(group)).exec();
      if (!res) throw new Error('redis transaction aborted');
      const [metaErr, meta] = res[0] as [Error | null, Record<string, string>];
      const [valsErr, vals] = res[1] as [Error | null, string[]];
      if (metaErr || valsErr) throw metaErr ?? valsErr;
      return {
        group,
        version: Number(meta.version ?? 0),
        at: meta.at ?? new Date(0).toISOString(),
        values: vals.map((s) => JSON.parse(s) as IndicatorValue),
      };
    },

    async subscribe(handler) {
      const follower = await followStream(
        redis,
        keys.changes(),
        (f) => {
          const body = JSON.parse(f.u ?? '{}') as Omit<GroupUpdated, 'version'>;
          handler({ ...body, version: Number(f.v) });
        },
        onError,
      );
      return followers.track(follower);
    },

    async recordRejected(entry: DeadLetter) {
      await redis
        .multi()
        .hincrby(keys.rejectedCounts(), `${entry.source}|${entry.reason}`, 1)
        .lpush(keys.deadLetters(), JSON.stringify(entry))
        .ltrim(keys.deadLetters(), 0, DEAD_LETTER_LIMIT - 1)
        .exec();
    },

    async getRejected(limit = 50): Promise<RejectedSummary> {
      const [counts, recent] = await Promise.all([
        redis.hgetall(keys.rejectedCounts()),
        redis.lrange(keys.deadLetters(), 0, limit - 1),
      ]);
      return {
        counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])),
        recent: recent.map((s) => JSON.parse(s) as DeadLetter),
      };
    },

    async tryLock(name, owner, ttlMs) {
      return (await redis.eval(LOCK_SCRIPT, 1, keys.lock(name), owner, String(ttlMs))) === 1;
    },

    async releaseLock(name, owner) {
      await redis.eval(UNLOCK_SCRIPT, 1, keys.lock(name), owner);
    },

    async ping() {
      await redis.ping();
    },

    async close() {
      followers.disconnectAll();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Deletes every key under a prefix (tests clean up after themselves). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', redisKeys(prefix).everything(), 'COUNT', 500);
      cursor = next;
      if (found.length) await redis.del(...found);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
