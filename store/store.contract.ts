/**
 * One behaviour, two implementations: this suite runs against the in-process store and a real Redis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupUpdated, IndicatorValue } from '../contract/messages.ts';
import { StaleFenceError } from './lease.ts';
import type { Store } from './store.ts';
import { eventually, sleep } from '../testing/eventually.ts';

function value(indicator: string, period: string, v: number | null): IndicatorValue {
  return { indicator, area: '56', period, value: v, plan: null, status: 'estimate', updatedAt: '2026-11-20T01:02:03.456789Z' };
}

export function runStoreContract(name: string, open: () => Promise<Store>): void {
  test(`${name}: an empty group has version 0 and no values`, async () => {
    const store = await open();
    try {
      const snap = await store.getGroup('budget');
      assert.equal(snap.version, 0);
      assert.deepEqual(snap.values, []);
    } finally {
      await store.close();
    }
  });

  test(`${name}: each update bumps the version by exactly one and the snapshot holds the latest values`, async () => {
    const store = await open();
    try {
      assert.equal(
        await store.applyChanges(
          'budget',
          [value('budget.a', '2026-10', 1), value('budget.a', '2026-09', 2)],
          '2026-11-20T00:00:00.000Z',
        ),
        1,
      );
      assert.equal(await store.applyChanges('budget', [value('budget.a', '2026-10', 5)], '2026-11-20T00:00:01.000Z'), 2);
      assert.equal(await store.applyChanges('tourism', [value('tourism.b', '2026-10', 7)], '2026-11-20T00:00:02.000Z'), 1);
      const snap = await store.getGroup('budget');
      assert.equal(snap.version, 2);
      assert.equal(snap.at, '2026-11-20T00:00:01.000Z');
      const byPeriod = Object.fromEntries(snap.values.map((v) => [v.period, v.value]));
      assert.deepEqual(byPeriod, { '2026-10': 5, '2026-09': 2 });
      assert.equal(
        snap.values.find((v) => v.period === '2026-10')?.updatedAt,
        '2026-11-20T01:02:03.456789Z',
        'microseconds survive',
      );
    } finally {
      await store.close();
    }
  });

  test(`${name}: subscribers receive every update in version order, with its changes`, async () => {
    const store = await open();
    const seen: GroupUpdated[] = [];
    const unsubscribe = await store.subscribe((u) => seen.push(u));
    try {
      for (let i = 1; i <= 20; i++)
        await store.applyChanges('health', [value('health.x', '2026-10', i)], new Date(i * 1000).toISOString());
      await eventually(() => seen.length >= 20, '20 updates');
      assert.deepEqual(
        seen.map((u) => u.version),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      assert.equal(seen[19]!.changes[0]!.value, 20);
      assert.equal(seen[0]!.group, 'health');
    } finally {
      await unsubscribe();
      await store.close();
    }
  });

  test(`${name}: an update of a thousand values is applied whole`, async () => {
    const store = await open();
    try {
      const many = Array.from({ length: 1000 }, (_, i) => ({ ...value('press.y', '2026-10', i), area: String(10000 + i) }));
      await store.applyChanges('press', many, '2026-11-20T00:00:00.000Z');
      const snap = await store.getGroup('press');
      assert.equal(snap.values.length, 1000);
      assert.equal(snap.version, 1);
    } finally {
      await store.close();
    }
  });

  test(`${name}: rejected inputs are counted and the dead-letter list is bounded`, async () => {
    const store = await open();
    try {
      for (let i = 0; i < 520; i++)
        await store.recordRejected({
          source: 'reporting-db',
          reason: 'unknown-indicator',
          key: `x|56|${i}`,
          detail: 'no such indicator',
          at: new Date().toISOString(),
        });
      await store.recordRejected({
        source: 'reporting-db',
        reason: 'bad-period',
        key: 'a|56|2026-13',
        detail: 'period',
        at: new Date().toISOString(),
      });
      const r = await store.getRejected(1000);
      assert.equal(r.counts['reporting-db|unknown-indicator'], 520);
      assert.equal(r.counts['reporting-db|bad-period'], 1);
      assert.equal(r.recent.length, 500);
      assert.equal(r.recent[0]!.key, 'a|56|2026-13', 'newest first');
    } finally {
      await store.close();
    }
  });

  test(`${name}: a lock has one owner until it expires or is released`, async () => {
    const store = await open();
    try {
      const a = await store.tryLock('poller', 'a', 200);
      assert.ok(a !== null, 'a free lock is taken');
      assert.equal(await store.tryLock('poller', 'b', 200), null);
      assert.equal(await store.tryLock('poller', 'a', 200, { token: a }), a, 'the holder renews under its token');
      await sleep(300);
      const b = await store.tryLock('poller', 'b', 200);
      assert.ok(b !== null && b > a, 'an expired lock can be taken, under a greater token');
      assert.equal(await store.tryLock('poller', 'a', 200, { token: a }), null, 'the old holder cannot renew');
      await store.releaseLock('poller', 'a');
      assert.equal(await store.tryLock('poller', 'a', 200), null, 'only the holder releases');
      await store.releaseLock('poller', 'b', b);
      const again = await store.tryLock('poller', 'a', 200);
      assert.ok(again !== null && again > b, 'a released lock is free; its token is not reused');
    } finally {
      await store.close();
    }
  });

  test(`${name}: fencing tokens only grow: across holders, releases, expiry and reclaims; renewals keep them`, async () => {
    const store = await open();
    try {
      const seen: number[] = [];
      for (let i = 0; i < 6; i++) {
        const owner = `replica-${i % 2}`;
        const t = await store.tryLock('mono', owner, 100);
        assert.ok(t !== null);
        assert.equal(await store.tryLock('mono', owner, 100, { token: t }), t, 'a renewal keeps the token');
        seen.push(t);
        if (i % 3 === 0) await store.releaseLock('mono', owner, t);
        else await sleep(150); // expires
      }
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!, `tokens ${seen.join(' < ')}`);
      const other = await store.tryLock('other-lock', 'x', 100);
      assert.ok(other !== null, 'locks are separate');
    } finally {
      await store.close();
    }
  });

  test(`${name}: takeover: a restarted owner reclaims its own lock at once, under a new token`, async () => {
    const store = await open();
    try {
      const before = await store.tryLock('poller', 'host-1', 60_000);
      assert.ok(before !== null);
      // The process was killed and started again: it holds no token, the lock is still in its name.
      const after = await store.tryLock('poller', 'host-1', 60_000);
      assert.ok(after !== null && after > before, 'taken over without waiting for the TTL');
      assert.equal(await store.tryLock('poller', 'host-1', 60_000, { token: before }), null, 'the old incarnation is out');
      assert.equal(await store.tryLock('poller', 'host-1', 60_000, { reclaim: false }), null, 'reclaim: false waits');
      assert.equal(await store.tryLock('poller', 'host-2', 60_000), null, 'another owner waits');
      await store.releaseLock('poller', 'host-1', before);
      assert.equal(await store.tryLock('poller', 'host-2', 60_000), null, 'a stale token does not release it');
      await store.releaseLock('poller', 'host-1', after);
      assert.ok((await store.tryLock('poller', 'host-2', 60_000)) !== null, 'released on a clean stop');
    } finally {
      await store.close();
    }
  });

  test(`${name}: a write under a stale fencing token is refused whole; the current holder's is applied`, async () => {
    const store = await open();
    const seen: GroupUpdated[] = [];
    const unsubscribe = await store.subscribe((u) => seen.push(u));
    try {
      const old = (await store.tryLock('poller', 'a', 100))!;
      assert.equal(
        await store.applyChanges('budget', [value('budget.a', '2026-10', 1)], 'T1', { lock: 'poller', token: old }),
        1,
      );
      await sleep(150); // a's lease lapses while it is paused
      const current = (await store.tryLock('poller', 'b', 60_000))!;
      assert.equal(
        await store.applyChanges('budget', [value('budget.a', '2026-10', 2)], 'T2', { lock: 'poller', token: current }),
        2,
      );
      // a wakes up and writes what it read before the pause.
      await assert.rejects(
        store.applyChanges('budget', [value('budget.a', '2026-10', 1), value('budget.a', '2026-11', 9)], 'T3', {
          lock: 'poller',
          token: old,
        }),
        (err: unknown) => err instanceof StaleFenceError && err.token === old && err.lock === 'poller',
      );
      await assert.rejects(
        store.recordRejected(
          { source: 'reporting-db', reason: 'bad-period', key: 'k', detail: 'd', at: 'T3' },
          { lock: 'poller', token: old },
        ),
        StaleFenceError,
      );
      await assert.rejects(
        store.applyChanges('budget', [value('budget.a', '2026-11', 9)], 'T3', { lock: 'never-taken', token: 1 }),
        StaleFenceError,
        'a lock that never issued a token refuses every token',
      );
      const snap = await store.getGroup('budget');
      assert.deepEqual(
        [snap.version, snap.at, snap.values.map((v) => `${v.period}=${v.value}`)],
        [2, 'T2', ['2026-10=2']],
        'nothing of the refused write is in the state',
      );
      assert.deepEqual((await store.getRejected()).counts, {}, 'nor in the dead-letter counts');
      await store.recordRejected(
        { source: 'reporting-db', reason: 'bad-period', key: 'k', detail: 'd', at: 'T4' },
        { lock: 'poller', token: current },
      );
      assert.equal((await store.getRejected()).counts['reporting-db|bad-period'], 1);
      await eventually(() => seen.length >= 2, '2 updates');
      await sleep(50);
      assert.deepEqual(
        seen.map((u) => u.version),
        [1, 2],
        'the refused write never reached the change feed',
      );
      await store.releaseLock('poller', 'b', current);
      await assert.rejects(
        store.applyChanges('budget', [value('budget.a', '2026-10', 3)], 'T5', { lock: 'poller', token: old }),
        StaleFenceError,
        'still refused once the newer holder released the lock',
      );
    } finally {
      await unsubscribe();
      await store.close();
    }
  });

  test(`${name}: one generation for the state's life, whoever initialises it; loaded marks it; the lock holder is known`, async () => {
    const store = await open();
    try {
      const g = await store.ensureGeneration();
      assert.match(g, /^[0-9a-f-]{36}$/);
      assert.equal(await store.ensureGeneration(), g, 'set once: a second initialisation keeps it');
      assert.deepEqual(await store.stateInfo(), { generation: g, loaded: null });
      await store.applyChanges('budget', [value('budget.a', '2026-10', 1)], 'T1');
      assert.equal((await store.stateInfo()).generation, g, 'writes do not change it');
      await store.markLoaded(g);
      assert.deepEqual(await store.stateInfo(), { generation: g, loaded: g });
      assert.equal(await store.lockHolder('poller'), null);
      await store.tryLock('poller', 'ingest-a', 5000);
      assert.equal(await store.lockHolder('poller'), 'ingest-a');
      await store.releaseLock('poller', 'ingest-a');
      assert.equal(await store.lockHolder('poller'), null);
    } finally {
      await store.close();
    }
  });
}
