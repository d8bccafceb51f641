import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSessionRepo } from '../sessions.ts';
import { createUserRepo } from '../users.ts';
import { HOUR, MINUTE, TestClock, uniqueName, type SuiteContext } from './context.ts';

const IDLE = 12 * HOUR;
const LIFETIME = 30 * 24 * HOUR;

export function sessionSuite(ctx: SuiteContext): void {
  const clock = new TestClock();
  const sessions = () => createSessionRepo(ctx.db(), { idleMs: IDLE, lifetimeMs: LIFETIME, now: clock.now });
  const newUser = async () =>
    createUserRepo(ctx.db()).create({
      username: uniqueName('phien'),
      name: 'Phiên',
      role: 'viewer',
      scope: { groups: '*', areas: '*' },
    });
  const lastSeen = async (token: string) => (await sessions().lookup(token))?.session.lastSeenAt.getTime();

  test(`${ctx.label}: a session is an opaque token whose hash alone is stored`, async () => {
    const user = await newUser();
    const { token, expiresAt } = await sessions().create(user.id, { ip: '10.0.0.5', userAgent: 'x'.repeat(1000) });
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(expiresAt.getTime(), clock.ms + LIFETIME);
    const found = await sessions().lookup(token);
    assert.equal(found?.user.id, user.id);
    assert.equal(found?.session.ip, '10.0.0.5');
    assert.equal(found?.session.userAgent?.length, 400);
    const { rows } = await ctx
      .db()
      .query<{ token_hash: string }>('select token_hash from sessions where user_id = $1', [user.id]);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.token_hash, token);
    assert.equal(await sessions().lookup('not-a-token'), null);
    assert.equal(await sessions().lookup(''), null);
  });

  test(`${ctx.label}: idle timeout slides, the absolute lifetime does not; touched at most once a minute`, async () => {
    const user = await newUser();
    const { token } = await sessions().create(user.id);
    const created = clock.ms;
    clock.advance(30_000);
    assert.equal(await lastSeen(token), created, 'not touched within the minute');
    clock.advance(31_000);
    assert.equal(await lastSeen(token), clock.ms, 'touched after a minute');
    // Used every 11 hours it lives on — until 30 days after sign-in.
    while (clock.ms + 11 * HOUR < created + LIFETIME) {
      clock.advance(11 * HOUR);
      assert.ok(await sessions().lookup(token), `alive at ${(clock.ms - created) / HOUR} h`);
    }
    clock.advance(11 * HOUR);
    assert.equal(await sessions().lookup(token), null, 'past the absolute lifetime');
    const { rows } = await ctx.db().query('select 1 from sessions where user_id = $1', [user.id]);
    assert.equal(rows.length, 0, 'an expired session found is deleted');

    const idle = await sessions().create(user.id);
    clock.advance(IDLE - MINUTE);
    assert.ok(await sessions().lookup(idle.token));
    clock.advance(IDLE + MINUTE);
    assert.equal(await sessions().lookup(idle.token), null, 'idle too long');
  });

  test(`${ctx.label}: ending one session, all of a user's, and a disabled user's`, async () => {
    const user = await newUser();
    const a = await sessions().create(user.id);
    const b = await sessions().create(user.id);
    const c = await sessions().create(user.id);
    assert.equal(await sessions().end(a.token), true);
    assert.equal(await sessions().end(a.token), false);
    assert.equal(await sessions().lookup(a.token), null);
    assert.equal(await sessions().endAllForUser(user.id, { exceptToken: c.token }), 1);
    assert.equal(await sessions().lookup(b.token), null);
    assert.ok(await sessions().lookup(c.token));
    const users = createUserRepo(ctx.db());
    await users.update(user.id, { disabled: true });
    assert.equal(await sessions().lookup(c.token), null, 'a disabled user has no session');
    await users.update(user.id, { disabled: false });
    assert.equal(await sessions().endAllForUser(user.id), 1);
  });

  test(`${ctx.label}: purgeExpired removes only what can no longer be used`, async () => {
    await sessions().purgeExpired();
    const user = await newUser();
    const old = await sessions().create(user.id);
    clock.advance(IDLE / 2);
    const fresh = await sessions().create(user.id);
    clock.advance(IDLE / 2 + MINUTE);
    assert.equal(await sessions().purgeExpired(), 1);
    assert.equal(await sessions().lookup(old.token), null);
    assert.ok(await sessions().lookup(fresh.token));
  });

  test(`${ctx.label}: sessions live in the database and survive a restart`, async () => {
    const user = await newUser();
    const { token } = await sessions().create(user.id);
    await ctx.reopen();
    const found = await sessions().lookup(token);
    assert.equal(found?.user.id, user.id);
  });
}
