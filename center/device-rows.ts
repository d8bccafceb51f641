/** The `devices` row and the Device it reads as, shared by pairing, config import and the device repo. */
import type { DeviceInfo } from '../contract/identity.ts';

export interface Device {
  id: string;
  name: string;
  /** The display or page id it shows (/wall/<screen>). */
  screen: string;
  origin: 'paired' | 'config';
  createdAt: Date;
  /** Who enrolled it (a user id), or `config`. */
  createdBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastSeenAt: Date | null;
}

export interface DeviceRow {
  id: string;
  name: string;
  screen: string;
  secret_hash: string;
  origin: 'paired' | 'config';
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_seen_at: Date | null;
}

export const DEVICE_COLUMNS =
  'id, name, screen, secret_hash, origin, created_at, created_by, revoked_at, revoked_by, last_seen_at';

export function rowToDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    name: r.name,
    screen: r.screen,
    origin: r.origin,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    lastSeenAt: r.last_seen_at,
  };
}

export function toDeviceInfo(d: Device): DeviceInfo {
  return {
    id: d.id,
    name: d.name,
    screen: d.screen,
    origin: d.origin,
    createdAt: d.createdAt.toISOString(),
    createdBy: d.createdBy,
    revokedAt: d.revokedAt?.toISOString() ?? null,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
  };
}
