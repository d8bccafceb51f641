/**
 * The Redis store (ioredis). A group's values live in a hash, its version in a meta hash; every update is
 * one Lua script that writes the values, bumps the version and appends the update to a capped stream, so
 * readers never see a version without its values. Realtime nodes follow the stream with XREAD from the
 * last id they saw, which (unlike pub/sub) loses nothing across a Redis reconnect. Locks and their fencing
 * tokens follow store/lease.ts; a fenced write checks its token inside the same script as the write.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { GroupSnapshot, GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import type { DeadLetter, RejectedSummary } from '../contract/http.ts';
import { valueKey } from '../contract/value-key.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import { StaleFenceError } from './lease.ts';
import { type Store, CHANGE_FEED_LIMIT, DEAD_LETTER_LIMIT } from './store.ts';
import { followStream, followerSet } from './redis-stream.ts';

// KEYS: values, meta, groups, changes[, fence]. ARGV: group, at, updateJsonWithoutVersion, maxlen, token ('' = unfenced),
// field1, json1, ... Returns the new version, or -1 when the token is no longer the lock's current one.
const APPLY_SCRIPT = `
if ARGV[5] ~= '' and redis.call('GET', KEYS[5]) ~= ARGV[5] then return -1 end
local n = #ARGV
if n > 5 then
  for i = 6, n, 500 do
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

// KEYS: counts, recent[, fence]. ARGV: count field, entry JSON, list bound, token ('' = unfenced).
const REJECT_SCRIPT = `
if ARGV[4] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[4] then return -1 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
return 1
`;

// The rules of store/lease.ts decideLock. KEYS: lock (holder, with TTL), fence (current token, no TTL).
// ARGV: owner, ttlMs, held token ('' = acquire), reclaim ('1' | '0'), floor (caller's clock, ms).
// Returns the token, or nil when another holder (or a newer token) has the lock.
const LOCK_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
local current = redis.call('GET', KEYS[2])
if ARGV[3] ~= '' then
  if current ~= ARGV[3] or (holder and holder ~= ARGV[1]) then return false end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return tonumber(current)
end
if holder and not (holder == ARGV[1] and ARGV[4] == '1') then return false end
local token = redis.call('INCR', KEYS[2])
if token < tonumber(ARGV[5]) then
  redis.call('SET', KEYS[2], ARGV[5])
  token = tonumber(ARGV[5])
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return token
`;

// KEYS: lock, fence. ARGV: owner, token ('' = any).
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] and (ARGV[2] == '' or redis.call('GET', KEYS[2]) == ARGV[2]) then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

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
    async applyChanges(group, changes, at, fence) {
      // The version is only known inside the script, so the stream entry carries it in its own field.
      const payload = JSON.stringify({ group, at, changes } satisfies Omit<GroupUpdated, 'version'>);
      const args: string[] = [group, at, payload, String(CHANGE_FEED_LIMIT), fence ? String(fence.token) : ''];
      for (const v of changes) args.push(valueKey(v), JSON.stringify(v));
      const groupKeys = [keys.groupValues(group), keys.groupMeta(group), keys.groups(), keys.changes()];
      if (fence) groupKeys.push(keys.lockFence(fence.lock));
      const version = Number(await redis.eval(APPLY_SCRIPT, groupKeys.length, ...groupKeys, ...args));
      if (version < 0) throw new StaleFenceError(fence!.lock, fence!.token);
      return version;
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

    async recordRejected(entry: DeadLetter, fence) {
      const listKeys = [keys.rejectedCounts(), keys.deadLetters()];
      if (fence) listKeys.push(keys.lockFence(fence.lock));
      const res = await redis.eval(
        REJECT_SCRIPT,
        listKeys.length,
        ...listKeys,
        `${entry.source}|${entry.reason}`,
        JSON.stringify(entry),
        String(DEAD_LETTER_LIMIT),
        fence ? String(fence.token) : '',
      );
      if (Number(res) < 0) throw new StaleFenceError(fence!.lock, fence!.token);
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

    async tryLock(name, owner, ttlMs, attempt = {}) {
      const token = await redis.eval(
        LOCK_SCRIPT,
        2,
        keys.lock(name),
        keys.lockFence(name),
        owner,
        String(ttlMs),
        attempt.token === undefined ? '' : String(attempt.token),
        attempt.reclaim === false ? '0' : '1',
        String(Date.now()),
      );
      return token === null ? null : Number(token);
    },

    async releaseLock(name, owner, token) {
      await redis.eval(UNLOCK_SCRIPT, 2, keys.lock(name), keys.lockFence(name), owner, token === undefined ? '' : String(token));
    },

    async lockHolder(name) {
      return redis.get(keys.lock(name));
    },

    async stateInfo() {
      const [generation, loaded] = await redis.mget(keys.generation(), keys.loadedGeneration());
      return { generation: generation ?? null, loaded: loaded ?? null };
    },

    async ensureGeneration() {
      // SET NX then GET: of several processes initialising an emptied Redis at once, one id wins for all.
      await redis.set(keys.generation(), randomUUID(), 'NX');
      const g = await redis.get(keys.generation());
      if (!g) throw new Error('redis lost the generation just set');
      return g;
    },

    async markLoaded(generation) {
      await redis.set(keys.loadedGeneration(), generation);
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
