/**
 * Keeps a connection's group snapshots on the device (cache.ts) and opens with them: a group with no live
 * snapshot yet is filled from the cache (a tablet reloaded offline shows its figures), a live one
 * replaces it as soon as it arrives. Written at most once a second per group, never while the
 * meeting's figures are frozen (those are not the live view).
 */
import { useEffect } from 'react';
import type { LiveClient } from '../live/client.ts';
import { groupKey } from '../live/store.ts';
import { getSnapshot, markLive, putSnapshot } from './cache.ts';

const WRITE_EVERY_MS = 1000;

export function useCachedGroups(
  client: LiveClient,
  scope: string,
  groups: readonly string[],
  frozen: boolean,
  onLive: (at: number) => void,
): void {
  const key = groups.join(',');
  useEffect(() => {
    const list = key ? key.split(',') : [];
    const offs: (() => void)[] = [];
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    /** The cached snapshot put on screen per group: not live data, not to be written back. */
    const fromCache = new Map<string, string>();
    let alive = true;
    for (const g of list) {
      void getSnapshot(scope, g).then((snap) => {
        const cur = client.store.getGroup(g);
        if (!alive || !snap || (cur && cur.version >= 0)) return;
        fromCache.set(g, `${snap.version}|${snap.at}`);
        client.store.applySnapshot(snap);
      });
      const write = () => {
        timers.delete(g);
        const v = client.store.getGroup(g);
        if (!v || v.status !== 'ready' || v.version < 0 || !v.at) return;
        void putSnapshot(scope, { group: g, version: v.version, at: v.at, values: [...v.values.values()] });
      };
      offs.push(
        client.store.subscribe(groupKey(g), () => {
          if (frozen || client.store.getConnection().state !== 'online') return;
          const v = client.store.getGroup(g);
          if (!v || v.status !== 'ready' || v.resyncing || fromCache.get(g) === `${v.version}|${v.at}`) return;
          const now = Date.now();
          onLive(now);
          void markLive(now);
          if (!timers.has(g)) timers.set(g, setTimeout(write, WRITE_EVERY_MS));
        }),
      );
    }
    return () => {
      alive = false;
      for (const off of offs) off();
      for (const t of timers.values()) clearTimeout(t);
    };
  }, [client, scope, key, frozen, onLive]);
}
