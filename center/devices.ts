/**
 * Wall screens and other devices: pairing (pairing.ts), the pre-provisioned ones of devices.yaml
 * (config-devices.ts), and what every request and socket handshake asks — is this credential a live
 * device? A credential never expires by time; revoking it is the only end (ARCHITECTURE.md "Devices").
 */
import { hashCredential, systemClock, type Clock } from './credentials.ts';
import { importConfigDevices, type ConfigDevice, type ConfigImportResult } from './config-devices.ts';
import type { TransactionalDb } from './db.ts';
import { DEVICE_COLUMNS, rowToDevice, type Device, type DeviceRow } from './device-rows.ts';
import { createPairing, type Pairing, type PairingOptions } from './pairing.ts';

export type { Device } from './device-rows.ts';
export type { ConfigDevice, ConfigImportResult } from './config-devices.ts';
export { PairingError, type ClaimResult, type StartedPairing } from './pairing.ts';

export interface DeviceOptions extends PairingOptions {
  /** last_seen_at is written at most this often per device. Default 1 min. */
  touchEveryMs?: number;
  now?: Clock;
}

export interface DeviceRepo extends Pairing {
  /** The live (not revoked) device holding this credential, or null. */
  authenticate(credential: string): Promise<Device | null>;
  get(id: string): Promise<Device | null>;
  /** The revoked device, or null when unknown or revoked already. Its sockets are the caller's to close. */
  revoke(id: string, by: string): Promise<Device | null>;
  list(opts?: { includeRevoked?: boolean }): Promise<Device[]>;
  importConfigDevices(list: ConfigDevice[]): Promise<ConfigImportResult>;
}

export function createDeviceRepo(db: TransactionalDb, opts: DeviceOptions = {}): DeviceRepo {
  const now = opts.now ?? systemClock;
  const touchEveryMs = opts.touchEveryMs ?? 60_000;

  return {
    ...createPairing(db, opts),

    async authenticate(credential) {
      if (!credential) return null;
      const { rows } = await db.query<DeviceRow>(`select ${DEVICE_COLUMNS} from devices where secret_hash = $1`, [
        hashCredential(credential),
      ]);
      const row = rows[0];
      if (!row || row.revoked_at) return null;
      const at = now();
      if (!row.last_seen_at || at - row.last_seen_at.getTime() >= touchEveryMs) {
        row.last_seen_at = new Date(at);
        await db.query('update devices set last_seen_at = $2 where id = $1', [row.id, row.last_seen_at]);
      }
      return rowToDevice(row);
    },

    async get(id) {
      const { rows } = await db.query<DeviceRow>(`select ${DEVICE_COLUMNS} from devices where id = $1`, [id]);
      return rows[0] ? rowToDevice(rows[0]) : null;
    },

    async revoke(id, by) {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<DeviceRow>(
          `update devices set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null returning ${DEVICE_COLUMNS}`,
          [id, new Date(now()), by],
        );
        // A credential still waiting to be collected is never handed over now.
        await tx.query('update pairings set device_secret = null where device_id = $1', [id]);
        return rows[0] ? rowToDevice(rows[0]) : null;
      });
    },

    async list(o = {}) {
      const where = o.includeRevoked === false ? 'where revoked_at is null' : '';
      const { rows } = await db.query<DeviceRow>(
        `select ${DEVICE_COLUMNS} from devices ${where} order by revoked_at is not null, name, id`,
      );
      return rows.map(rowToDevice);
    },

    importConfigDevices: (list) => importConfigDevices(db, list, now),
  };
}
