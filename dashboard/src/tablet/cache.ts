/**
 * The tablet's last data on the device (IndexedDB through idb), so a tablet that reloads on poor Wi-Fi
 * still opens with its figures: the REST bodies it showed and the group snapshots of its connections.
 * Only what the server gave this user (it is already cut to their scope), kept under their id: another
 * user opening the tablet wipes it first, and sign-out deletes the database (session/device-data.ts).
 * Frozen meeting figures are never written here: the cache is the live view as last seen.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { GroupSnapshot } from '../../../contract/messages.ts';
import type { UserSession } from '../session/session.ts';
import type { DEVICE_DATABASES } from '../session/device-data.ts';

const DB_NAME: (typeof DEVICE_DATABASES)[number] = 'ioc-tablet';
const VERSION = 1;

interface Owner {
  user: UserSession;
  /** Last time data came from the server (ms since epoch): "cập nhật N phút trước". */
  liveAt: number;
}

let dbPromise: Promise<IDBPDatabase> | null = null;

function db(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DB_NAME, VERSION, {
    upgrade(d) {
      d.createObjectStore('meta');
      d.createObjectStore('rest');
      d.createObjectStore('snapshots');
    },
    // Sign-out on another tab deletes the database: let it, and open afresh next time.
    blocking(_cur, _next, event) {
      (event.target as IDBDatabase).close();
      dbPromise = null;
    },
    terminated() {
      dbPromise = null;
    },
  }).catch((err: unknown) => {
    dbPromise = null;
    throw err;
  });
  return dbPromise;
}

/** Any failure of the device's storage (private mode, quota) leaves the tablet working without a cache. */
async function quiet<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch {
    return fallback;
  }
}

/** The person whose data is cached, for opening offline (the session cannot be asked). */
export function cachedOwner(): Promise<Owner | null> {
  return quiet(async () => ((await (await db()).get('meta', 'owner')) as Owner | undefined) ?? null, null);
}

/** Makes `user` the cache's owner; another user's data is wiped first. */
export function claimCache(user: UserSession): Promise<void> {
  return quiet(async () => {
    const d = await db();
    const cur = (await d.get('meta', 'owner')) as Owner | undefined;
    if (cur && cur.user.id === user.id) {
      await d.put('meta', { ...cur, user } satisfies Owner, 'owner');
      return;
    }
    const tx = d.transaction(['meta', 'rest', 'snapshots'], 'readwrite');
    await Promise.all([tx.objectStore('rest').clear(), tx.objectStore('snapshots').clear()]);
    await tx.objectStore('meta').put({ user, liveAt: 0 } satisfies Owner, 'owner');
    await tx.done;
  }, undefined);
}

export function markLive(at: number): Promise<void> {
  return quiet(async () => {
    const d = await db();
    const cur = (await d.get('meta', 'owner')) as Owner | undefined;
    if (cur) await d.put('meta', { ...cur, liveAt: Math.max(cur.liveAt, at) } satisfies Owner, 'owner');
  }, undefined);
}

export function putRest(key: string, body: unknown): Promise<void> {
  return quiet(async () => void (await (await db()).put('rest', body, key)), undefined);
}

export function getRest<T>(key: string): Promise<T | null> {
  return quiet(async () => ((await (await db()).get('rest', key)) as T | undefined) ?? null, null);
}

/** `scope`: the connection's area ('' for the province), so a commune's series never passes for the province's. */
export function putSnapshot(scope: string, snap: GroupSnapshot): Promise<void> {
  return quiet(async () => void (await (await db()).put('snapshots', snap, `${scope}|${snap.group}`)), undefined);
}

export function getSnapshot(scope: string, group: string): Promise<GroupSnapshot | null> {
  return quiet(
    async () => ((await (await db()).get('snapshots', `${scope}|${group}`)) as GroupSnapshot | undefined) ?? null,
    null,
  );
}
