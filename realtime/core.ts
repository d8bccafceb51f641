/**
 * What the server's own parts (socket handlers, HTTP routes) share. createRealtimeServer builds it once;
 * each part takes the Pick it needs, so its signature says what it depends on.
 */
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../contract/config.ts';
import type { Store } from '../store/store.ts';
import type { Principal } from './identity/principal.ts';
import type { IdentityServices } from './identity/services.ts';
import type { ScopedRooms } from './socket/scoped-rooms.ts';
import type { GroupCache } from './group-cache.ts';
import type { RealtimeMetrics } from './metrics.ts';
import type { IoServer } from './plugin.ts';

/** What may be asked for by id: the indicator groups and the province's areas (itself and its communes). */
export interface Catalog {
  groupIds: ReadonlySet<string>;
  areaCodes: ReadonlySet<string>;
  provinceCode: string;
}

export function catalogOf(config: Config): Catalog {
  return {
    groupIds: new Set(config.groups.map((g) => g.id)),
    areaCodes: new Set([config.province.code, ...config.province.communes.map((c) => c.code)]),
    provinceCode: config.province.code,
  };
}

export interface RealtimeCore {
  config: Config;
  catalog: Catalog;
  store: Store;
  cache: GroupCache;
  io: IoServer;
  identity: IdentityServices;
  /** Rooms of callers who may see only some communes (socket/scoped-rooms.ts). */
  scopedRooms: ScopedRooms;
  log: Logger;
  registry: Registry;
  metrics: RealtimeMetrics;
  now: () => Date;
  /** Who sent an HTTP request (resolved once per request by identity/http.ts), or null. */
  principalOf(req: Request): Principal | null;
}
