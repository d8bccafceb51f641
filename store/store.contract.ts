/**
 * One behaviour, two implementations: this suite runs against the in-process store and a real Redis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupUpdated, IndicatorValue } from '../contract/messages.ts';
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
      assert.equal(await store.tryLock('poller', 'a', 200), true);
      assert.equal(await store.tryLock('poller', 'b', 200), false);
      assert.equal(await store.tryLock('poller', 'a', 200), true, 'the owner renews');
      await sleep(300);
      assert.equal(await store.tryLock('poller', 'b', 200), true, 'an expired lock can be taken');
      await store.releaseLock('poller', 'a');
      assert.equal(await store.tryLock('poller', 'a', 200), false, 'only the owner releases');
      await store.releaseLock('poller', 'b');
      assert.equal(await store.tryLock('poller', 'a', 200), true);
    } finally {
      await store.close();
    }
  });
}
