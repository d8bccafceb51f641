import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAIRING_CODE_ALPHABET } from '../../contract/identity.ts';
import { createDeviceRepo, PairingError } from '../devices.ts';
import { MINUTE, TestClock, uniqueName, type SuiteContext } from './context.ts';

export function deviceSuite(ctx: SuiteContext): void {
  const clock = new TestClock();
  const devices = (maxLive?: number) =>
    createDeviceRepo(ctx.db(), {
      now: clock.now,
      pairingTtlMs: 15 * MINUTE,
      claimWindowMs: 5 * MINUTE,
      ...(maxLive ? { maxLive } : {}),
    });
  const codeShape = new RegExp(`^[${PAIRING_CODE_ALPHABET}]{6}$`);

  test(`${ctx.label}: pairing end to end: code, enrol by staff, one-time credential`, async () => {
    const repo = devices();
    const p = await repo.startPairing();
    assert.match(p.code, codeShape);
    assert.equal(p.expiresAt.getTime(), clock.ms + 15 * MINUTE);
    assert.deepEqual(await repo.claim(p.pairingId, p.claimSecret), { status: 'waiting' });
    clock.advance(MINUTE);
    const typed = `${p.code.slice(0, 3).toLowerCase()}-${p.code.slice(3)}`;
    const enrolled = await repo.enrol(typed, { screen: 'tong-quan', name: 'Màn hình phòng họp', by: 'user-1' });
    assert.ok(enrolled);
    assert.equal(enrolled.origin, 'paired');
    assert.equal(enrolled.createdBy, 'user-1');
    assert.equal(await repo.enrol(p.code, { screen: 'x', name: 'x', by: 'user-1' }), null, 'a code enrols once');
    assert.deepEqual(await repo.claim(p.pairingId, 'wrong-secret'), { status: 'expired' });
    const claimed = await repo.claim(p.pairingId, p.claimSecret);
    assert.equal(claimed.status, 'paired');
    if (claimed.status !== 'paired') return;
    assert.equal(claimed.device.id, enrolled.id);
    assert.match(claimed.credential, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await repo.claim(p.pairingId, p.claimSecret), { status: 'expired' }, 'handed over exactly once');
    const { rows } = await ctx
      .db()
      .query<{ n: number }>('select count(*)::int as n from pairings where device_secret is not null and id = $1', [p.pairingId]);
    assert.equal(rows[0]!.n, 0, 'the credential is wiped from the pairing');
    const device = await repo.authenticate(claimed.credential);
    assert.equal(device?.id, enrolled.id);
    assert.equal(device?.screen, 'tong-quan');
    assert.equal(device?.lastSeenAt?.getTime(), clock.ms);
    clock.advance(30_000);
    assert.equal(
      (await repo.authenticate(claimed.credential))?.lastSeenAt?.getTime(),
      clock.ms - 30_000,
      'touched at most once a minute',
    );
    assert.equal(await repo.authenticate('not-a-credential'), null);
    assert.equal(await repo.authenticate(''), null);
  });

  test(`${ctx.label}: pairings expire, unclaimed enrolments take their device with them`, async () => {
    const repo = devices();
    const late = await repo.startPairing();
    clock.advance(16 * MINUTE);
    assert.equal(await repo.enrol(late.code, { screen: 's', name: 'n', by: 'u' }), null);
    assert.deepEqual(await repo.claim(late.pairingId, late.claimSecret), { status: 'expired' });

    const forgotten = await repo.startPairing();
    const device = await repo.enrol(forgotten.code, { screen: 's', name: 'n', by: 'u' });
    assert.ok(device);
    clock.advance(5 * MINUTE + 1000);
    assert.deepEqual(await repo.claim(forgotten.pairingId, forgotten.claimSecret), { status: 'expired' });
    assert.ok((await repo.purgeExpiredPairings()) >= 1);
    assert.equal(await repo.get(device.id), null, 'a device whose credential was never collected is removed');
  });

  test(`${ctx.label}: live pairings are bounded and their codes unique`, async () => {
    await devices().purgeExpiredPairings();
    clock.advance(20 * MINUTE); // everything earlier has expired
    const repo = devices(40);
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) codes.add((await repo.startPairing()).code);
    assert.equal(codes.size, 40);
    await assert.rejects(repo.startPairing(), (e: unknown) => e instanceof PairingError);
    clock.advance(16 * MINUTE);
    assert.match((await repo.startPairing()).code, codeShape, 'expired ones make room');
  });

  test(`${ctx.label}: a revoked device is refused, and so is its uncollected credential`, async () => {
    const repo = devices();
    const p = await repo.startPairing();
    const d = await repo.enrol(p.code, { screen: 'man-hinh-1', name: 'Tường 1', by: 'u' });
    const claim = await repo.claim(p.pairingId, p.claimSecret);
    assert.equal(claim.status, 'paired');
    if (claim.status !== 'paired') return;
    assert.ok(await repo.authenticate(claim.credential));
    const revoked = await repo.revoke(d!.id, 'admin-1');
    assert.equal(revoked?.revokedBy, 'admin-1');
    assert.equal(revoked?.revokedAt?.getTime(), clock.ms);
    assert.equal(await repo.authenticate(claim.credential), null);
    assert.equal(await repo.revoke(d!.id, 'admin-1'), null, 'revoked once');
    assert.equal(await repo.revoke('no-such-device', 'admin-1'), null);
    assert.ok((await repo.list()).some((x) => x.id === d!.id && x.revokedAt));
    assert.ok(!(await repo.list({ includeRevoked: false })).some((x) => x.id === d!.id));

    const q = await repo.startPairing();
    const e = await repo.enrol(q.code, { screen: 's', name: 'n', by: 'u' });
    await repo.revoke(e!.id, 'admin-1');
    assert.deepEqual(await repo.claim(q.pairingId, q.claimSecret), { status: 'expired' });
  });

  test(`${ctx.label}: devices.yaml devices import idempotently; a new token replaces the hash`, async () => {
    const repo = devices();
    const [w1, w2, w3] = [uniqueName('wall'), uniqueName('wall'), uniqueName('wall')];
    const tok = (s: string) => `token-${s}-0123456789abcdef`;
    const file = [
      { id: w1, name: 'Tường 1', screen: 'tong-quan', token: tok('a') },
      { id: w2, name: 'Tường 2', screen: 'kinh-te', token: tok('b') },
    ];
    const first = await repo.importConfigDevices(file);
    assert.deepEqual([first.added, first.updated], [[w1, w2], []]);
    const again = await repo.importConfigDevices(file);
    assert.deepEqual([again.added, again.updated, again.unchanged], [[], [], [w1, w2]]);
    assert.equal((await repo.authenticate(tok('a')))?.origin, 'config');
    const { rows } = await ctx.db().query<{ secret_hash: string }>('select secret_hash from devices where id = $1', [w1]);
    assert.notEqual(rows[0]!.secret_hash, tok('a'));

    // Swapped tokens, a renamed screen, and a concurrent second node importing the same file.
    const swapped = [
      { ...file[0]!, token: tok('b') },
      { ...file[1]!, token: tok('a'), name: 'Tường hai' },
    ];
    const [one, two] = await Promise.all([repo.importConfigDevices(swapped), repo.importConfigDevices(swapped)]);
    assert.deepEqual([...one.updated, ...two.updated].sort(), [w1, w2].sort());
    assert.equal((await repo.authenticate(tok('b')))?.id, w1);
    assert.equal((await repo.authenticate(tok('a')))?.name, 'Tường hai');

    // Revoked from /admin: stays revoked while the token stays; a new token brings it back.
    await repo.revoke(w1, 'admin-1');
    assert.deepEqual((await repo.importConfigDevices(swapped)).unchanged.sort(), [w1, w2].sort());
    assert.equal(await repo.authenticate(tok('b')), null);
    const renewed = [{ ...swapped[0]!, token: tok('c') }, swapped[1]!];
    assert.deepEqual((await repo.importConfigDevices(renewed)).updated, [w1]);
    assert.equal(await repo.authenticate(tok('b')), null);
    assert.equal((await repo.authenticate(tok('c')))?.id, w1);

    // Gone from the file: revoked. A paired device's id is not taken over.
    const p = await repo.startPairing();
    const paired = await repo.enrol(p.code, { screen: 's', name: 'n', by: 'u' });
    const last = await repo.importConfigDevices([
      renewed[1]!,
      { id: paired!.id, name: 'x', screen: 'y', token: tok('d') },
      { id: w3, name: 'T3', screen: 'z', token: tok('e') },
    ]);
    assert.deepEqual(last.conflicts, [paired!.id]);
    assert.deepEqual(last.added, [w3]);
    assert.ok(last.revoked.includes(w1));
    assert.equal(await repo.authenticate(tok('c')), null);
    await assert.rejects(repo.importConfigDevices([file[0]!, { ...file[1]!, token: tok('a') }]), /same token/);
    await assert.rejects(repo.importConfigDevices([file[0]!, file[0]!]), /twice/);
  });
}
