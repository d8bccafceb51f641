/** What the identity routes and the socket handshake need, built once per process on the center's database. */
import type { Redis } from 'ioredis';
import type { Config } from '../../contract/config.ts';
import type { CenterDb } from '../../center/db.ts';
import { createUserRepo, type UserRepo } from '../../center/users.ts';
import { createSessionRepo, type SessionRepo } from '../../center/sessions.ts';
import { createDeviceRepo, type DeviceRepo } from '../../center/devices.ts';
import { createAuditLog, type AuditLog } from '../../center/audit.ts';
import { createSignInThrottle, type SignInThrottle } from '../../center/throttle.ts';
import { createPrincipalResolver, type PrincipalResolver } from './resolver.ts';

export interface IdentityServices {
  users: UserRepo;
  sessions: SessionRepo;
  devices: DeviceRepo;
  audit: AuditLog;
  throttle: SignInThrottle;
  resolver: PrincipalResolver;
}

export interface IdentityServiceOptions {
  /** Shared sign-in throttling across nodes (REDIS_URL). */
  redis?: Redis | undefined;
  throttleKeyPrefix?: string | undefined;
  /** Demo mode: the token that opens every screen. */
  demoToken?: string | undefined;
}

/** Builds the services on an open (migrated) center database. */
export function createIdentityServices(db: CenterDb, config: Config, opts: IdentityServiceOptions = {}): IdentityServices {
  const sessions = createSessionRepo(db);
  const devices = createDeviceRepo(db);
  return {
    users: createUserRepo(db),
    sessions,
    devices,
    audit: createAuditLog(db),
    throttle: createSignInThrottle({
      ...(opts.redis ? { redis: opts.redis } : {}),
      ...(opts.throttleKeyPrefix ? { keyPrefix: opts.throttleKeyPrefix } : {}),
    }),
    resolver: createPrincipalResolver({ config, sessions, devices, demoToken: opts.demoToken }),
  };
}
