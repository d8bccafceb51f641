/** React bindings of the live store: one key per group, so a delta re-renders only its panels. */
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { LiveClient } from './client.ts';
import { CONNECTION_KEY, groupKey, type ConnectionView, type GroupView } from './store.ts';

export const LiveContext = createContext<LiveClient | null>(null);

export function useLive(): LiveClient {
  const c = useContext(LiveContext);
  if (!c) throw new Error('LiveContext missing');
  return c;
}

export function useGroupView(group: string): GroupView | undefined {
  const { store } = useLive();
  return useSyncExternalStore(
    (cb) => store.subscribe(groupKey(group), cb),
    () => store.getGroup(group),
  );
}

export function useConnection(): ConnectionView {
  const { store } = useLive();
  return useSyncExternalStore(
    (cb) => store.subscribe(CONNECTION_KEY, cb),
    () => store.getConnection(),
  );
}

/** Subscribes the groups while the component is mounted. */
export function useWantGroups(groups: readonly string[]): void {
  const client = useLive();
  const key = groups.join(',');
  useEffect(() => client.want(key ? key.split(',') : []), [client, key]);
}
