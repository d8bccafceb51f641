/**
 * Following a Redis stream from "now" on, for the change feeds of both Redis stores: a reader
 * connection of its own (XREAD BLOCK holds it), starting after the stream's last entry — or at its
 * start when it is empty, since '$' would mean "after the first XREAD" and lose what is added while
 * the new connection is still connecting — and resuming from the last id it saw after an error, so a
 * Redis restart loses nothing that is still in the stream.
 */
import type { Redis } from 'ioredis';

export interface StreamFollower {
  stop(): Promise<void>;
  /** Disconnects at once (store close). */
  disconnect(): void;
}

export async function followStream(
  redis: Redis,
  key: string,
  onEntry: (fields: Record<string, string>) => void,
  onError: (err: Error) => void,
  batch = 500,
): Promise<StreamFollower> {
  const reader = redis.duplicate({ maxRetriesPerRequest: null });
  reader.on('error', onError);
  let running = true;
  const latest = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
  let lastId = latest[0] ? latest[0][0] : '0-0';
  const loop = async () => {
    while (running) {
      try {
        const res = (await reader.xread('COUNT', batch, 'BLOCK', 2000, 'STREAMS', key, lastId)) as
          [string, [string, string[]][]][] | null;
        if (!res) continue;
        for (const [, entries] of res)
          for (const [id, fields] of entries) {
            lastId = id;
            try {
              onEntry(fieldsOf(fields));
            } catch (err) {
              onError(err as Error);
            }
          }
      } catch (err) {
        if (!running) break;
        onError(err as Error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  void loop();
  const disconnect = () => {
    running = false;
    reader.disconnect();
  };
  return { disconnect, stop: async () => disconnect() };
}

/** The followers a store opened: each can be stopped on its own, and close() disconnects what is left. */
export function followerSet() {
  const all = new Set<StreamFollower>();
  return {
    /** Keeps `follower` and returns the unsubscribe function of Store.subscribe. */
    track(follower: StreamFollower): () => Promise<void> {
      all.add(follower);
      return async () => {
        all.delete(follower);
        await follower.stop();
      };
    },
    disconnectAll(): void {
      for (const f of all) f.disconnect();
      all.clear();
    },
  };
}

export function fieldsOf(fields: string[]): Record<string, string> {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  return f;
}
