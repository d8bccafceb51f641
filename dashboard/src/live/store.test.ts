import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveStore, groupKey, CONNECTION_KEY } from './store.ts';
import type { GroupUpdated, IndicatorValue } from '../../../contract/messages.ts';

function v(indicator: string, period: string, value: number, area = '56'): IndicatorValue {
  return { indicator, area, period, value, plan: null, status: 'official', updatedAt: '2026-11-22T07:05:00Z' };
}
function upd(version: number, ...changes: IndicatorValue[]): GroupUpdated {
  return { group: 'budget', version, at: '2026-11-22T07:05:00Z', changes };
}

function harness() {
  const queue: (() => void)[] = [];
  const gaps: string[] = [];
  const store = new LiveStore({
    schedule: (f) => queue.push(f),
    onGap: (g) => gaps.push(g),
    now: () => new Date('2026-11-22T07:05:00Z'),
  });
  const frame = () => queue.splice(0).forEach((f) => f());
  return { store, gaps, frame };
}

const value = (s: LiveStore, period: string) => s.getGroup('budget')?.values.get(`budget.revenue_total|56|${period}`)?.value;

test('snapshot then deltas in order; stale and duplicate deltas ignored', () => {
  const { store, frame } = harness();
  store.markPending(['budget']);
  frame();
  assert.equal(store.getGroup('budget')?.status, 'loading');
  store.applySnapshot({ group: 'budget', version: 5, at: 'x', values: [v('budget.revenue_total', '2026-09', 100)] });
  const steps: [GroupUpdated, string, number | undefined][] = [
    [upd(6, v('budget.revenue_total', '2026-10', 110)), 'applied', 110],
    [upd(6, v('budget.revenue_total', '2026-10', 999)), 'ignored', 110],
    [upd(4, v('budget.revenue_total', '2026-10', 999)), 'ignored', 110],
    [upd(7, v('budget.revenue_total', '2026-10', 120)), 'applied', 120],
  ];
  for (const [u, want, shown] of steps) {
    assert.equal(store.applyUpdate(u), want, `v${u.version}`);
    frame();
    assert.equal(value(store, '2026-10'), shown);
  }
  assert.equal(store.getGroup('budget')?.version, 7);
  assert.equal(value(store, '2026-09'), 100);
});

test('coalesced deltas (fromVersion…version): applied from any version they cover, a gap below it', () => {
  const merged = (from: number, version: number, ...changes: IndicatorValue[]): GroupUpdated => ({
    ...upd(version, ...changes),
    fromVersion: from,
  });
  // [client version before, delta, result, version after]
  const rows: [number, GroupUpdated, string, number][] = [
    [5, merged(6, 8, v('budget.revenue_total', '2026-10', 8)), 'applied', 8],
    [6, merged(6, 8, v('budget.revenue_total', '2026-10', 8)), 'applied', 8],
    [7, merged(6, 8, v('budget.revenue_total', '2026-10', 8)), 'applied', 8],
    [8, merged(6, 8, v('budget.revenue_total', '2026-10', 8)), 'ignored', 8],
    [9, merged(6, 8, v('budget.revenue_total', '2026-10', 8)), 'ignored', 9],
    [4, merged(6, 8, v('budget.revenue_total', '2026-10', 8)), 'gap', 4],
    [5, upd(6, v('budget.revenue_total', '2026-10', 6)), 'applied', 6],
    [5, upd(7, v('budget.revenue_total', '2026-10', 7)), 'gap', 5],
  ];
  for (const [at, u, want, after] of rows) {
    const { store, gaps, frame } = harness();
    store.markPending(['budget']);
    store.applySnapshot({ group: 'budget', version: at, at: 'x', values: [v('budget.revenue_total', '2026-10', at)] });
    const what = `v${at} + ${u.fromVersion ?? u.version}…${u.version}`;
    assert.equal(store.applyUpdate(u), want, what);
    frame();
    assert.equal(store.getGroup('budget')?.version, after, what);
    assert.equal(gaps.length, want === 'gap' ? 1 : 0, what);
    if (want === 'applied') assert.equal(value(store, '2026-10'), u.changes[0]!.value, what);
  }
  // Buffered while a snapshot is on its way, replayed on top of it whichever of its versions it holds.
  const { store, frame } = harness();
  store.markPending(['budget']);
  assert.equal(store.applyUpdate(merged(11, 13, v('budget.revenue_total', '2026-10', 13))), 'buffered');
  store.applySnapshot({ group: 'budget', version: 12, at: 'x', values: [v('budget.revenue_total', '2026-10', 12)] });
  frame();
  assert.equal(store.getGroup('budget')?.version, 13);
  assert.equal(value(store, '2026-10'), 13);
});

test('a gap asks for a snapshot once, buffers, then replays what follows the snapshot', () => {
  const { store, gaps, frame } = harness();
  // Like the client: the gap handler asks again at once (markPending must keep the buffered delta).
  store.onGap = (g) => {
    gaps.push(g);
    store.markPending([g]);
  };
  store.markPending(['budget']);
  store.applySnapshot({ group: 'budget', version: 1, at: 'x', values: [] });
  assert.equal(store.applyUpdate(upd(3, v('budget.revenue_total', '2026-10', 3))), 'gap');
  assert.equal(store.applyUpdate(upd(4, v('budget.revenue_total', '2026-10', 4))), 'buffered');
  assert.equal(store.applyUpdate(upd(5, v('budget.revenue_total', '2026-10', 5))), 'buffered');
  assert.deepEqual(gaps, ['budget']);
  frame();
  assert.equal(store.getGroup('budget')?.resyncing, true);
  // The snapshot is older than the deltas that revealed the gap: they are replayed on top of it.
  store.applySnapshot({ group: 'budget', version: 2, at: 'x', values: [v('budget.revenue_total', '2026-10', 2)] });
  frame();
  assert.equal(store.getGroup('budget')?.version, 5);
  assert.equal(value(store, '2026-10'), 5);
  store.markPending(['budget']);
  assert.equal(store.applyUpdate(upd(5, v('budget.revenue_total', '2026-10', 5))), 'buffered');
  // The snapshot reflects version 4; only 5 remains to apply.
  store.applySnapshot({ group: 'budget', version: 4, at: 'x', values: [v('budget.revenue_total', '2026-10', 4)] });
  frame();
  assert.equal(store.getGroup('budget')?.version, 5);
  assert.equal(value(store, '2026-10'), 5);
  assert.equal(store.getGroup('budget')?.resyncing, false);
  assert.deepEqual(gaps, ['budget']);
  // Buffered deltas that still leave a gap after the snapshot ask again.
  store.markPending(['budget']);
  store.applyUpdate(upd(9, v('budget.revenue_total', '2026-10', 9)));
  store.applySnapshot({ group: 'budget', version: 7, at: 'x', values: [] });
  assert.deepEqual(gaps, ['budget', 'budget']);
  frame();
  assert.equal(store.getGroup('budget')?.version, 7);
});

test('deltas that overtake the first snapshot are kept', () => {
  const { store, frame } = harness();
  store.markPending(['budget']);
  assert.equal(store.applyUpdate(upd(11, v('budget.revenue_total', '2026-10', 11))), 'buffered');
  store.applySnapshot({ group: 'budget', version: 10, at: 'x', values: [v('budget.revenue_total', '2026-10', 10)] });
  frame();
  assert.equal(store.getGroup('budget')?.version, 11);
  assert.equal(value(store, '2026-10'), 11);
});

test('reconnect: data is kept while offline, then the snapshot replaces it (even with a lower version)', () => {
  const { store, frame } = harness();
  store.setConnection('online');
  store.markPending(['budget']);
  store.applySnapshot({
    group: 'budget',
    version: 50,
    at: 'x',
    values: [v('budget.revenue_total', '2026-09', 1), v('budget.revenue_total', '2026-10', 2)],
  });
  store.setConnection('offline');
  frame();
  assert.equal(store.getConnection().state, 'offline');
  assert.equal(store.getConnection().offlineSince?.toISOString(), '2026-11-22T07:05:00.000Z');
  assert.equal(value(store, '2026-10'), 2);
  store.setConnection('online');
  store.markPending(['budget']);
  frame();
  assert.equal(value(store, '2026-10'), 2, 'still shown while the snapshot is on its way');
  // A restarted server counts from 1 again: the snapshot still replaces.
  store.applySnapshot({ group: 'budget', version: 1, at: 'y', values: [v('budget.revenue_total', '2026-10', 3)] });
  frame();
  assert.equal(store.getGroup('budget')?.version, 1);
  assert.equal(value(store, '2026-10'), 3);
  assert.equal(value(store, '2026-09'), undefined, 'a figure withdrawn on the server goes away');
  assert.equal(store.getConnection().offlineSince, null);
});

test('notifications are batched per frame and only for the keys that changed', () => {
  const { store, frame } = harness();
  store.markPending(['budget', 'tourism']);
  store.applySnapshot({ group: 'budget', version: 0, at: 'x', values: [] });
  store.applySnapshot({ group: 'tourism', version: 0, at: 'x', values: [] });
  frame();
  let budget = 0;
  let tourism = 0;
  let conn = 0;
  store.subscribe(groupKey('budget'), () => budget++);
  store.subscribe(groupKey('tourism'), () => tourism++);
  store.subscribe(CONNECTION_KEY, () => conn++);
  const before = store.getGroup('budget');
  for (let i = 1; i <= 500; i++) store.applyUpdate(upd(i, v('budget.revenue_total', '2026-10', i)));
  assert.equal(budget, 0, 'nothing before the frame');
  assert.equal(store.getGroup('budget'), before, 'the published view does not change before the frame');
  frame();
  assert.deepEqual([budget, tourism, conn], [1, 0, 0]);
  assert.notEqual(store.getGroup('budget'), before);
  assert.equal(before?.values.size, 0, 'a published view is never mutated');
  assert.equal(value(store, '2026-10'), 500);
});

test('a failed subscription shows an error only where there is no data', () => {
  const { store, frame } = harness();
  store.markPending(['budget', 'nope']);
  store.applySnapshot({ group: 'budget', version: 1, at: 'x', values: [] });
  store.failSubscribe(['nope'], 'Nhóm chỉ tiêu không tồn tại');
  store.markPending(['budget']);
  store.failSubscribe(['budget'], 'Lỗi máy chủ');
  frame();
  assert.equal(store.getGroup('nope')?.status, 'error');
  assert.equal(store.getGroup('budget')?.status, 'ready');
  assert.equal(store.getGroup('budget')?.error, 'Lỗi máy chủ');
  assert.equal(store.applyUpdate({ ...upd(1), group: 'unknown' }), 'ignored');
});
