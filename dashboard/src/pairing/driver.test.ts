import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PairingClaim, PairingStart } from '../../../contract/identity.ts';
import { eventually } from '../../../testing/eventually.ts';
import { ApiError } from '../api/client.ts';
import { AccessDriver, type AccessIo } from './driver.ts';

const pairing: PairingStart = {
  pairingId: 'p1',
  code: 'ABC234',
  claimSecret: 's1',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
};

/** Scripted answers; every call is logged. */
function io(script: { session: (() => unknown)[]; claims: PairingClaim[] }): AccessIo & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async getSession() {
      log.push('session');
      const next = script.session.shift();
      if (!next) throw new TypeError('no more answers');
      return next();
    },
    async startPairing() {
      log.push('start');
      return pairing;
    },
    async claim(p) {
      log.push(`claim ${p.pairingId}`);
      return script.claims.shift() ?? { status: 'waiting' };
    },
    reload: () => log.push('reload'),
    now: () => Date.now(),
  };
}

const noSession = () => {
  throw new ApiError(401, 'unauthorized', 'not signed in');
};

test('no credential → pairing; paired → reload (real timers: claims every 2 s)', async () => {
  const fake = io({ session: [noSession], claims: [] });
  const d = new AccessDriver(fake);
  const seen: string[] = [];
  d.subscribe(() => seen.push(d.current.phase));
  d.start();
  await eventually(() => d.current.phase === 'pairing', 'the code shown');
  assert.equal(d.current.phase === 'pairing' && d.current.pairing.code, 'ABC234');
  fake.log.length = 0;
  // The second claim answers `paired`.
  (fake as { claim: AccessIo['claim'] }).claim = async () => ({
    status: 'paired',
    device: {
      id: 'd',
      name: 'n',
      screen: 's',
      origin: 'paired',
      createdAt: '',
      createdBy: null,
      revokedAt: null,
      lastSeenAt: null,
    },
  });
  await eventually(() => fake.log.includes('reload'), 'the reload', 6000);
  assert.deepEqual(seen, ['checking', 'pairing-start', 'pairing', 'paired']);
  d.stop();
});

test('a doubt on the wall: 401 → pairing again; stop() drops answers in flight', async () => {
  const fake = io({ session: [() => ({ kind: 'device' }), noSession], claims: [] });
  const d = new AccessDriver(fake);
  d.start();
  await eventually(() => d.current.phase === 'wall', 'the wall');
  d.doubt();
  await eventually(() => d.current.phase === 'pairing', 'pairing after revocation');
  d.stop();
  const before = fake.log.length;
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(fake.log.length, before, 'nothing runs after stop()');
});
