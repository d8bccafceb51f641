import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditQuerySchema } from '../../contract/identity.ts';
import { auditSearchFromQuery, createAuditLog } from '../audit.ts';
import { MINUTE, TestClock, uniqueName, type SuiteContext } from './context.ts';

export function auditSuite(ctx: SuiteContext): void {
  const clock = new TestClock(Date.parse('2027-01-01T00:00:00Z'));
  const audit = () => createAuditLog(ctx.db(), { now: clock.now });

  test(`${ctx.label}: audit details never keep passwords, tokens, secrets or cookies`, async () => {
    const actor = uniqueName('redact');
    await audit().record({
      actor: { kind: 'anonymous', name: actor },
      action: 'session.sign-in',
      target: `user:${actor}`,
      outcome: 'failed',
      ip: '192.0.2.7',
      detail: {
        reason: 'wrong-password',
        password: 'hunter2-secret-pw',
        body: { username: actor, newPassword: 'p-2', headers: { Cookie: 'ioc_session=abc', authorization: 'Bearer t0k' } },
        devices: [{ id: 'wall-1', token: 'demo-wall-token' }],
        claimSecret: 'cs',
        feedKey: 'fk',
        count: 3,
      },
    });
    const { entries } = await audit().search({ actor: undefined, action: 'session.sign-in', limit: 500 });
    const entry = entries.find((e) => e.actor.name === actor)!;
    assert.deepEqual(entry.detail, {
      reason: 'wrong-password',
      body: { username: actor, headers: {} },
      devices: [{ id: 'wall-1' }],
      count: 3,
    });
    assert.equal(entry.outcome, 'failed');
    assert.equal(entry.ip, '192.0.2.7');
    assert.deepEqual(entry.actor, { kind: 'anonymous', id: null, name: actor });
    const { rows } = await ctx.db().query<{ t: string }>('select detail::text as t from audit');
    for (const r of rows)
      for (const secret of ['hunter2', 'p-2', 'abc', 't0k', 'demo-wall-token', '"cs"', '"fk"'])
        assert.ok(!r.t?.includes(secret), secret);
  });

  test(`${ctx.label}: audit search filters by actor, action, target and time, newest first, in pages`, async () => {
    const log = audit();
    const admin = uniqueName('admin');
    const other = uniqueName('staff');
    clock.advance(MINUTE); // after the previous test's entry
    const start = clock.ms;
    for (let i = 0; i < 7; i++) {
      await log.record({
        actor: { kind: 'user', id: i % 2 ? other : admin, name: 'Quản trị' },
        action: i % 3 === 0 ? 'device.revoke' : 'user.update',
        target: `device:t-${i}`,
        outcome: 'ok',
      });
      clock.advance(MINUTE);
    }
    const mine = await log.search({ actor: admin });
    assert.deepEqual(
      mine.entries.map((e) => e.target),
      ['device:t-6', 'device:t-4', 'device:t-2', 'device:t-0'],
    );
    assert.equal(mine.nextBefore, null);
    const revokes = await log.search({ actor: admin, action: 'device.revoke' });
    assert.deepEqual(
      revokes.entries.map((e) => e.target),
      ['device:t-6', 'device:t-0'],
    );
    assert.equal((await log.search({ target: 'device:t-3' })).entries[0]?.actor.id, other);
    const window = await log.search({ from: new Date(start + 2 * MINUTE), to: new Date(start + 5 * MINUTE) });
    assert.deepEqual(
      window.entries.map((e) => e.target),
      ['device:t-4', 'device:t-3', 'device:t-2'],
    );
    assert.equal(window.entries[0]!.at, new Date(start + 4 * MINUTE).toISOString());

    // Pages of 3 with the cursor: every entry once, newest first.
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await log.search({ from: new Date(start), limit: 3, ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.target!));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    assert.deepEqual(
      seen,
      [6, 5, 4, 3, 2, 1, 0].map((i) => `device:t-${i}`),
    );
    const huge = await log.search({ limit: 10_000 });
    assert.ok(huge.entries.length <= 500);

    const query = AuditQuerySchema.parse({ actor: admin, limit: '2', from: new Date(start).toISOString() });
    const fromQuery = await log.search(auditSearchFromQuery(query));
    assert.equal(fromQuery.entries.length, 2);
    assert.ok(fromQuery.nextBefore);
  });
}
