/**
 * Devices listed in config/devices.yaml become pre-provisioned credentials (origin `config`), imported at
 * every start. The file stays their source of truth: a new entry is added, a changed name or screen is
 * followed, a changed token replaces the stored hash (and lifts a revocation: it is a new credential),
 * and an entry removed from the file is revoked. A revocation from /admin sticks while the token stays
 * the same. The file's token itself is never stored, only its SHA-256.
 */
import { hashCredential, systemClock, type Clock } from './credentials.ts';
import type { TransactionalDb } from './db.ts';
import { DEVICE_COLUMNS, type DeviceRow } from './device-rows.ts';

export interface ConfigDevice {
  id: string;
  name: string;
  screen: string;
  token: string;
}

export interface ConfigImportResult {
  added: string[];
  updated: string[];
  /** Gone from the file since the last start. */
  revoked: string[];
  unchanged: string[];
  /** Ids already taken by a paired device: left alone (rename one of them). */
  conflicts: string[];
}

/** Names "the config device import" among advisory locks (see migrate.ts). */
const IMPORT_LOCK_KEY = 0x10c0002;

function checkUnique(list: ConfigDevice[]): void {
  const ids = new Set<string>();
  const tokens = new Set<string>();
  for (const d of list) {
    if (ids.has(d.id)) throw new Error(`devices: the id "${d.id}" appears twice`);
    if (tokens.has(d.token)) throw new Error(`devices: "${d.id}" has the same token as another device`);
    ids.add(d.id);
    tokens.add(d.token);
  }
}

export async function importConfigDevices(
  db: TransactionalDb,
  list: ConfigDevice[],
  now: Clock = systemClock,
): Promise<ConfigImportResult> {
  checkUnique(list);
  const out: ConfigImportResult = { added: [], updated: [], revoked: [], unchanged: [], conflicts: [] };
  const at = new Date(now());
  return db.transaction(async (tx) => {
    // Every node imports at start: one at a time, so two never insert the same new device.
    await tx.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
    // Two devices swapping tokens in one edit pass through a moment where both hold the same hash.
    await tx.exec('set constraints devices_secret_unique deferred');
    const { rows } = await tx.query<DeviceRow>(`select ${DEVICE_COLUMNS} from devices`);
    const existing = new Map(rows.map((r) => [r.id, r]));
    for (const d of list) {
      const hash = hashCredential(d.token);
      const row = existing.get(d.id);
      if (!row) {
        await tx.query(
          `insert into devices (id, name, screen, secret_hash, origin, created_at, created_by)
           values ($1, $2, $3, $4, 'config', $5, 'config')`,
          [d.id, d.name, d.screen, hash, at],
        );
        out.added.push(d.id);
      } else if (row.origin !== 'config') {
        out.conflicts.push(d.id);
      } else if (row.secret_hash !== hash) {
        await tx.query(
          `update devices set name = $2, screen = $3, secret_hash = $4, revoked_at = null, revoked_by = null where id = $1`,
          [d.id, d.name, d.screen, hash],
        );
        out.updated.push(d.id);
      } else if (row.name !== d.name || row.screen !== d.screen) {
        await tx.query('update devices set name = $2, screen = $3 where id = $1', [d.id, d.name, d.screen]);
        out.updated.push(d.id);
      } else {
        out.unchanged.push(d.id);
      }
    }
    const listed = new Set(list.map((d) => d.id));
    for (const row of rows)
      if (row.origin === 'config' && !row.revoked_at && !listed.has(row.id)) {
        await tx.query(`update devices set revoked_at = $2, revoked_by = 'config' where id = $1`, [row.id, at]);
        out.revoked.push(row.id);
      }
    return out;
  });
}
