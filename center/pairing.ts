/**
 * Pairing a wall screen (ARCHITECTURE.md "Devices"): a screen with no credential asks for a pairing and
 * shows its short code; staff type the code in /admin and choose what it shows (enrol); the screen, which
 * keeps asking with its claim secret, then receives its device credential — exactly once. The credential
 * waits in the pairing row between enrol and claim (the screen is the only one who can fetch it) and is
 * wiped as it is handed over. A pairing enrolled but never claimed takes its unusable device with it
 * when it expires.
 */
import { timingSafeEqual } from 'node:crypto';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '../contract/identity.ts';
import type { Queryable } from '../reporting-db/db.ts';
import { hashCredential, newCredential, randomString, systemClock, type Clock } from './credentials.ts';
import type { TransactionalDb } from './db.ts';
import { DEVICE_COLUMNS, rowToDevice, type Device, type DeviceRow } from './device-rows.ts';

export interface PairingOptions {
  /** How long a code stays valid before staff enter it. Default 15 min. */
  pairingTtlMs?: number;
  /** After staff enrol it, how long the screen has to collect its credential. Default 5 min. */
  claimWindowMs?: number;
  /** Live pairings at most (anyone may start one, so a flood must not fill the table). Default 1000. */
  maxLive?: number;
  now?: Clock;
}

export interface StartedPairing {
  pairingId: string;
  code: string;
  claimSecret: string;
  expiresAt: Date;
}

export type ClaimResult =
  { status: 'waiting' } | { status: 'paired'; device: Device; credential: string } | { status: 'expired' };

export class PairingError extends Error {
  constructor(readonly code: 'too-many-pairings') {
    super('too many screens are waiting to be paired; try again later');
    this.name = 'PairingError';
  }
}

export interface Pairing {
  startPairing(): Promise<StartedPairing>;
  /** Staff bind the screen showing `code`; null when no live, unenrolled pairing has that code. */
  enrol(code: string, opts: { screen: string; name: string; by: string }): Promise<Device | null>;
  claim(pairingId: string, claimSecret: string): Promise<ClaimResult>;
  /** Removes expired pairings (and the devices of those never claimed); returns how many pairings. */
  purgeExpiredPairings(): Promise<number>;
}

interface PairingRow {
  id: string;
  secret_hash: string;
  expires_at: Date;
  device_id: string | null;
  device_secret: string | null;
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createPairing(db: TransactionalDb, opts: PairingOptions = {}): Pairing {
  const ttlMs = opts.pairingTtlMs ?? 15 * 60_000;
  const claimWindowMs = opts.claimWindowMs ?? 5 * 60_000;
  const maxLive = opts.maxLive ?? 1000;
  const now = opts.now ?? systemClock;

  async function purge(q: Queryable, at: Date): Promise<number> {
    const { rows } = await q.query<{ device_id: string | null; unclaimed: boolean }>(
      'delete from pairings where expires_at <= $1 returning device_id, device_secret is not null as unclaimed',
      [at],
    );
    const unusable = rows.filter((r) => r.unclaimed && r.device_id).map((r) => r.device_id);
    if (unusable.length) await q.query('delete from devices where id = any($1::text[])', [unusable]);
    return rows.length;
  }

  return {
    async startPairing() {
      const at = new Date(now());
      // Expired codes go first: a code is unique among the rows left, i.e. among live pairings.
      await db.transaction((tx) => purge(tx, at));
      const { rows: live } = await db.query<{ n: number }>('select count(*)::int as n from pairings');
      if (live[0]!.n >= maxLive) throw new PairingError('too-many-pairings');
      const claimSecret = newCredential();
      const expiresAt = new Date(at.getTime() + ttlMs);
      for (let attempt = 0; ; attempt++) {
        const pairingId = `p-${randomString(ID_ALPHABET, 16)}`;
        const code = randomString(PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH);
        const { rows } = await db.query(
          `insert into pairings (id, code, secret_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)
           on conflict do nothing returning id`,
          [pairingId, code, hashCredential(claimSecret), at, expiresAt],
        );
        if (rows.length) return { pairingId, code, claimSecret, expiresAt };
        if (attempt >= 20) throw new Error('could not find a free pairing code'); // ~1e9 codes: never in practice
      }
    },

    async enrol(code, o) {
      const at = now();
      const normalised = code.replace(/[\s-]/g, '').toUpperCase();
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `select id from pairings where code = $1 and expires_at > $2 and device_id is null for update`,
          [normalised, new Date(at)],
        );
        const pairing = rows[0];
        if (!pairing) return null;
        const credential = newCredential();
        const { rows: created } = await tx.query<DeviceRow>(
          `insert into devices (id, name, screen, secret_hash, origin, created_at, created_by)
           values ($1, $2, $3, $4, 'paired', $5, $6) returning ${DEVICE_COLUMNS}`,
          [`d-${randomString(ID_ALPHABET, 10)}`, o.name.trim(), o.screen, hashCredential(credential), new Date(at), o.by],
        );
        const device = rowToDevice(created[0]!);
        await tx.query(`update pairings set device_id = $2, device_secret = $3, expires_at = $4 where id = $1`, [
          pairing.id,
          device.id,
          credential,
          new Date(at + claimWindowMs),
        ]);
        return device;
      });
    },

    async claim(pairingId, claimSecret) {
      const at = now();
      return db.transaction(async (tx): Promise<ClaimResult> => {
        const { rows } = await tx.query<PairingRow>(
          `select id, secret_hash, expires_at, device_id, device_secret from pairings where id = $1 for update`,
          [pairingId],
        );
        const p = rows[0];
        if (!p || !sameHash(p.secret_hash, hashCredential(claimSecret)) || p.expires_at.getTime() <= at)
          return { status: 'expired' };
        if (!p.device_id) return { status: 'waiting' };
        if (!p.device_secret) return { status: 'expired' }; // handed over already
        await tx.query('update pairings set device_secret = null where id = $1', [p.id]);
        const { rows: devices } = await tx.query<DeviceRow>(`select ${DEVICE_COLUMNS} from devices where id = $1`, [p.device_id]);
        const device = devices[0];
        if (!device || device.revoked_at) return { status: 'expired' }; // revoked before it was collected
        return { status: 'paired', device: rowToDevice(device), credential: p.device_secret };
      });
    },

    purgeExpiredPairings: () => db.transaction((tx) => purge(tx, new Date(now()))),
  };
}
