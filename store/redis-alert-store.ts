/**
 * The Redis alert store. Its keys (contract/redis-keys.ts, `<prefix>alerts:…`): the latest copy of each
 * alert (ended ones kept ALERT_RETENTION_MS for dedupe), their versions, the time of their last write,
 * the active set, the change stream (the bounded alert history and the change feed) and camera statuses.
 * Every write is one Lua script, so a reader never sees an alert in `active` without its copy, and
 * every realtime node follows `changes` with XREAD from the last id it saw (nothing lost on reconnect).
 */
import { Redis } from 'ioredis';
import type { Alert, CameraStatus } from '../contract/alerts.ts';
import { redisKeys } from '../contract/redis-keys.ts';
import { type AlertStore, ACTIVE_LIMIT, ALERT_HISTORY_LIMIT, ALERT_RETENTION_MS } from './alert-store.ts';
import { fieldsOf, followStream, followerSet } from './redis-stream.ts';

// KEYS: byid, ver, active, changes, seen. ARGV: id, expected, newVersion, json, state, publish, maxlen, receivedMs, cutoffMs
const PUT_SCRIPT = `
local cur = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if cur ~= tonumber(ARGV[2]) or tonumber(ARGV[3]) <= cur then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
if ARGV[5] == 'active' then redis.call('SADD', KEYS[3], ARGV[1]) else redis.call('SREM', KEYS[3], ARGV[1]) end
redis.call('ZADD', KEYS[5], ARGV[8], ARGV[1])
if ARGV[6] ~= '' then
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*', 't', ARGV[6], 'j', ARGV[4])
end
local old = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', ARGV[9], 'LIMIT', 0, 20)
for _, oid in ipairs(old) do
  if redis.call('SISMEMBER', KEYS[3], oid) == 0 then
    redis.call('HDEL', KEYS[1], oid)
    redis.call('HDEL', KEYS[2], oid)
    redis.call('ZREM', KEYS[5], oid)
  end
end
return 1
`;

// KEYS: cameras, changes. ARGV: cameraId, json, state, maxlen
const CAMERA_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if cur then
  local ok, o = pcall(cjson.decode, cur)
  if ok and type(o) == 'table' and o.state == ARGV[3] then return 0 end
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 't', 'camera:status-changed', 'j', ARGV[2])
return 1
`;

export interface RedisAlertStoreOptions {
  url: string;
  prefix?: string;
  historyLimit?: number;
  onError?: (err: Error) => void;
  now?: () => number;
}

export function createRedisAlertStore(opts: RedisAlertStoreOptions): AlertStore {
  const k = redisKeys(opts.prefix ?? 'ioc:');
  const keys = {
    byId: k.alertById(),
    versions: k.alertVersions(),
    seen: k.alertSeen(),
    active: k.alertsActive(),
    changes: k.alertChanges(),
    cameras: k.cameraStatuses(),
  };
  const onError = opts.onError ?? (() => {});
  const now = opts.now ?? Date.now;
  const historyLimit = String(opts.historyLimit ?? ALERT_HISTORY_LIMIT);
  const redis = new Redis(opts.url, { maxRetriesPerRequest: 2 });
  redis.on('error', onError);
  const followers = followerSet();
  const parse = <T>(s: string | null | undefined): T | null => {
    if (!s) return null;
    try {
      return JSON.parse(s) as T;
    } catch {
      return null;
    }
  };

  return {
    async get(id) {
      return parse<Alert>(await redis.hget(keys.byId, id));
    },

    async put(next, expectedVersion, publish) {
      const res = await redis.eval(
        PUT_SCRIPT,
        5,
        keys.byId,
        keys.versions,
        keys.active,
        keys.changes,
        keys.seen,
        next.id,
        String(expectedVersion),
        String(next.version),
        JSON.stringify(next),
        next.state,
        publish ?? '',
        historyLimit,
        String(now()), // retention counts from the last write
        String(now() - ALERT_RETENTION_MS),
      );
      return Number(res) === 1;
    },

    async listActive(limit = ACTIVE_LIMIT) {
      const ids = (await redis.smembers(keys.active)).slice(0, limit);
      if (!ids.length) return [];
      const rows = await redis.hmget(keys.byId, ...ids);
      return rows.map((r) => parse<Alert>(r)).filter((a): a is Alert => a !== null && a.state === 'active');
    },

    async recent(limit) {
      if (limit <= 0) return [];
      const entries = (await redis.xrevrange(keys.changes, '+', '-', 'COUNT', limit * 4)) as [string, string[]][];
      const ids: string[] = [];
      const seen = new Set<string>();
      for (const [, fields] of entries) {
        const f = fieldsOf(fields);
        if (f.t === 'camera:status-changed') continue;
        const a = parse<Alert>(f.j);
        if (!a || seen.has(a.id)) continue;
        seen.add(a.id);
        ids.push(a.id);
        if (ids.length >= limit) break;
      }
      if (!ids.length) return [];
      const rows = await redis.hmget(keys.byId, ...ids);
      return rows.map((r) => parse<Alert>(r)).filter((a): a is Alert => a !== null);
    },

    async setCameraStatus(status) {
      const res = await redis.eval(
        CAMERA_SCRIPT,
        2,
        keys.cameras,
        keys.changes,
        status.cameraId,
        JSON.stringify(status),
        status.state,
        historyLimit,
      );
      return Number(res) === 1;
    },

    async getCameraStatuses() {
      const all = await redis.hvals(keys.cameras);
      return all.map((s) => parse<CameraStatus>(s)).filter((s): s is CameraStatus => s !== null);
    },

    async subscribe(handler) {
      const follower = await followStream(
        redis,
        keys.changes,
        (f) => {
          if (f.t === 'camera:status-changed') {
            const status = parse<CameraStatus>(f.j);
            if (status) handler({ type: 'camera:status-changed', status });
          } else if (f.t === 'alert:raised' || f.t === 'alert:updated') {
            const alert = parse<Alert>(f.j);
            if (alert) handler({ type: f.t, alert });
          }
        },
        onError,
        1000,
      );
      return followers.track(follower);
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
