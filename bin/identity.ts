/**
 * The center's own database and who may use it, for a realtime process: opens (and migrates) the
 * database, keeps the devices of config/devices.yaml as hashed credentials, provisions users from
 * config/users.yaml on a first install, in demo mode the demo users with the demo password, expired
 * sessions and pairings purged now and then, and single sign-on when config/identity.yaml names a provider.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Config } from '../contract/config.ts';
import { openCenterDb, type CenterDb } from '../center/db.ts';
import { createIdentityServices, type IdentityServices } from '../realtime/identity/services.ts';
import { createOidcLogin } from '../realtime/identity/oidc.ts';
import { installOidcRoutes } from '../realtime/identity/oidc-routes.ts';
import type { IdentityInstallOptions } from '../realtime/identity/install.ts';
import type { Env } from './env.ts';

const PURGE_EVERY_MS = 10 * 60_000;
export const DEMO_USERNAMES = ['lanh-dao', 'nguoi-xem', 'stc', 'chuyen-vien', 'quan-tri', 'can-bo-xa'] as const;

export interface CenterIdentity {
  db: CenterDb;
  services: IdentityServices;
  extraRoutes: IdentityInstallOptions['extraRoutes'];
  close(): Promise<void>;
}

/** The commune and groups of the demo's commune official: a commune with figures, a few groups, its alerts. */
function demoCommuneScope(config: Config): { commune: { code: string; name: string }; groups: string[] } {
  const commune = config.province.communes[0]!;
  const groups = config.groups
    .filter((g) => g.indicators.some((i) => i.communeLevel))
    .slice(0, 3)
    .map((g) => g.id);
  return { commune: { code: commune.code, name: commune.name }, groups: [...groups, 'alerts'] };
}

export async function startCenterIdentity(
  env: Env,
  config: Config,
  log: Logger,
  redis: Redis | undefined,
  /** The center database already opened (and migrated) by bin/system.ts; it then stays the caller's to close. */
  shared?: CenterDb,
): Promise<CenterIdentity> {
  const db = shared ?? (await openCenterDb({ databaseUrl: env.IOC_DATABASE_URL, dataDir: join(env.DATA_DIR, 'ioc'), log }));
  const closeDb = () => (shared ? Promise.resolve() : db.close());
  try {
    const services = createIdentityServices(db, config, {
      redis,
      throttleKeyPrefix: `${env.REDIS_PREFIX}throttle:`,
      demoToken: env.demo ? env.demoToken : undefined,
    });
    const imported = await services.devices.importConfigDevices(config.devices.devices);
    if (imported.conflicts.length)
      log.warn({ conflicts: imported.conflicts }, 'devices.yaml: ids already used by paired screens');
    const usersFile = join(env.CONFIG_DIR, 'users.yaml');
    if (existsSync(usersFile) && (await services.users.count()) === 0) {
      const res = await services.users.provisionFromFile(usersFile);
      log.info({ file: usersFile, ...res }, 'first install: users provisioned');
    }
    if (env.demo) {
      await services.users.seedDemoUsers(env.demoPassword, demoCommuneScope(config));
      // The password printed at this start is the one that works, whatever an earlier start printed.
      for (const username of DEMO_USERNAMES) {
        const u = await services.users.getByUsername(username);
        if (u) await services.users.setPassword(u.id, env.demoPassword, { mustChange: false });
      }
    }
    const purge = setInterval(() => {
      void Promise.all([services.sessions.purgeExpired(), services.devices.purgeExpiredPairings()]).catch((err: unknown) =>
        log.warn({ err }, 'purging expired sessions failed'),
      );
    }, PURGE_EVERY_MS);
    purge.unref();

    const oidc = config.identity.oidc;
    const extraRoutes: IdentityInstallOptions['extraRoutes'] = oidc
      ? (app) => {
          const login = createOidcLogin(oidc, {
            publicOrigin: env.IOC_PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`,
            log: log.child({ module: 'oidc' }),
          });
          installOidcRoutes(app, db, login, oidc.redirectPath, services);
        }
      : undefined;
    return {
      db,
      services,
      extraRoutes,
      async close() {
        clearInterval(purge);
        await closeDb();
      },
    };
  } catch (err) {
    await closeDb().catch(() => {});
    throw err;
  }
}
