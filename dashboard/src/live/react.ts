/** React bindings of the live store: one key per group, so a delta re-renders only its panels. */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { AreaClients, KEEP_AREAS } from './area-clients.ts';
import { LiveClient, type LiveClientOptions } from './client.ts';
import { CONNECTION_KEY, groupKey, type ConnectionView, type GroupView } from './store.ts';

export const LiveContext = createContext<LiveClient | null>(null);

/**
 * The page's live connection (its cookies are the credential), open while the component is mounted.
 * `screen`: a wall page's screen; `area`: a commune's own series. Building a client opens nothing, so it
 * is made while rendering; the effect connects it and closes it again.
 */
export function useLiveClient(opts: Pick<LiveClientOptions, 'screen' | 'area'> = {}): LiveClient {
  const { screen, area } = opts;
  const client = useMemo(() => new LiveClient({ ...(screen ? { screen } : {}), ...(area ? { area } : {}) }), [screen, area]);
  useEffect(() => {
    client.open();
    return () => client.close();
  }, [client]);
  return client;
}

/** A page's kept connections for communes' own series (area-clients.ts), closed with its owner. */
export const AreaClientsContext = createContext<AreaClients<LiveClient> | null>(null);

/** Makes the page's pool of commune connections (for AreaClientsContext), closed on unmount. */
export function useAreaClientsPool(): AreaClients<LiveClient> {
  const pool = useMemo(() => new AreaClients((area) => new LiveClient({ area }), KEEP_AREAS), []);
  useEffect(() => () => pool.closeAll(), [pool]);
  return pool;
}

/**
 * A commune's own connection: from the page's pool when there is one (going back to a commune shows its
 * figures at once), else one of its own, open while mounted.
 */
export function useAreaClient(area: string): LiveClient {
  const pool = useContext(AreaClientsContext);
  const own = useMemo(() => (pool ? null : new LiveClient({ area })), [pool, area]);
  const client = useMemo(() => own ?? pool!.peek([area]).get(area)!, [own, pool, area]);
  useEffect(() => {
    if (!own) return pool!.use([area]);
    own.open();
    return () => own.close();
  }, [own, pool, area]);
  return client;
}

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
