/**
 * The center's database for a test: embedded PGlite in a temporary folder (removed at close), migrated,
 * with the config's devices imported and the identity services built on it. Tests that must prove
 * PostgreSQL behaviour open a real one (testing/databases.ts) instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../contract/config.ts';
import { openCenterDb, type CenterDb } from '../center/db.ts';
import { createIdentityServices, type IdentityServices } from '../realtime/identity/services.ts';

export interface TestIdentity extends IdentityServices {
  db: CenterDb;
  close(): Promise<void>;
}

/** `databaseUrl`: a real PostgreSQL database (testing/databases.ts) instead of PGlite; the caller drops it. */
export async function openTestIdentity(
  config: Config,
  opts: { demoToken?: string; databaseUrl?: string } = {},
): Promise<TestIdentity> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-center-'));
  const db = await openCenterDb(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { dataDir: dir });
  await createIdentityServices(db, config).devices.importConfigDevices(config.devices.devices);
  const services = createIdentityServices(db, config, opts.demoToken ? { demoToken: opts.demoToken } : {});
  return {
    ...services,
    db,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
