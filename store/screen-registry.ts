/**
 * The wall screens' last known state (heartbeats) and thumbnails, shared by every realtime node: in Redis
 * when REDIS_URL is set, in process otherwise. Bounded by construction: one record and one thumbnail per
 * configured screen (the server accepts no other ids), thumbnails expire after THUMBNAIL_TTL_S.
 */
import { Redis } from 'ioredis';
import type { ScreenHeartbeat } from '../contract/messages.ts';
import { redisKeys } from '../contract/redis-keys.ts';

export interface ScreenRecord {
  hb: ScreenHeartbeat;
  /** ISO-8601 time the server received the heartbeat. */
  at: string;
  /** Device id, or user id for a page opened by hand. */
  by: string;
  thumbnailAt: string | null;
}

export interface ScreenRegistryStore {
  heartbeat(id: string, hb: ScreenHeartbeat, by: string, at: string): Promise<void>;
  setThumbnail(id: string, jpeg: Buffer, at: string): Promise<void>;
  getThumbnail(id: string): Promise<{ jpeg: Buffer; at: string } | null>;
  list(): Promise<Map<string, ScreenRecord>>;
  close(): Promise<void>;
}

export const THUMBNAIL_TTL_S = 3600;

export function createMemoryScreenRegistry(now: () => number = Date.now): ScreenRegistryStore {
  const records = new Map<string, ScreenRecord>();
  const thumbs = new Map<string, { jpeg: Buffer; at: string; expires: number }>();
  return {
    async heartbeat(id, hb, by, at) {
      records.set(id, { hb, at, by, thumbnailAt: records.get(id)?.thumbnailAt ?? null });
    },
    async setThumbnail(id, jpeg, at) {
      thumbs.set(id, { jpeg, at, expires: now() + THUMBNAIL_TTL_S * 1000 });
      const r = records.get(id);
      if (r) records.set(id, { ...r, thumbnailAt: at });
    },
    async getThumbnail(id) {
      const t = thumbs.get(id);
      if (!t || t.expires <= now()) return null;
      return { jpeg: t.jpeg, at: t.at };
    },
    async list() {
      return new Map(records);
    },
    async close() {},
  };
}

export function createRedisScreenRegistry(opts: {
  url: string;
  prefix: string;
  onError?: (err: Error) => void;
}): ScreenRegistryStore {
  const redis = new Redis(opts.url, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => opts.onError?.(err));
  const keys = redisKeys(opts.prefix);
  const stateKey = keys.screenStates();
  const thumbKey = keys.screenThumbnail;
  const thumbAtKey = keys.screenThumbnailTimes();
  return {
    async heartbeat(id, hb, by, at) {
      await redis.hset(stateKey, id, JSON.stringify({ hb, at, by }));
    },
    async setThumbnail(id, jpeg, at) {
      await redis.multi().set(thumbKey(id), jpeg, 'EX', THUMBNAIL_TTL_S).hset(thumbAtKey, id, at).exec();
    },
    async getThumbnail(id) {
      const [jpeg, at] = await Promise.all([redis.getBuffer(thumbKey(id)), redis.hget(thumbAtKey, id)]);
      return jpeg && at ? { jpeg, at } : null;
    },
    async list() {
      const [states, thumbAts] = await Promise.all([redis.hgetall(stateKey), redis.hgetall(thumbAtKey)]);
      const out = new Map<string, ScreenRecord>();
      for (const [id, json] of Object.entries(states)) {
        try {
          const r = JSON.parse(json) as Omit<ScreenRecord, 'thumbnailAt'>;
          out.set(id, { ...r, thumbnailAt: thumbAts[id] ?? null });
        } catch {
          // A record another version wrote: skip it rather than fail the whole list.
        }
      }
      return out;
    },
    async close() {
      redis.disconnect();
    },
  };
}
