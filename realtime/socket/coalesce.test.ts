/**
 * Burst coalescing (coalesce.ts): the merge as a table, its equivalence with applying the originals one by
 * one from every state a client may be at, and the window's timing (leading edge at once, the rest merged).
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupUpdated, IndicatorValue } from '../../contract/messages.ts';
import { valueKey } from '../../contract/value-key.ts';
import { createCoalescer, mergeUpdates } from './coalesce.ts';

function v(period: string, value: number, area = '56'): IndicatorValue {
  return { indicator: 'budget.revenue_total', area, period, value, plan: null, status: 'estimate', updatedAt: `t${value}` };
}
function upd(version: number, ...changes: IndicatorValue[]): GroupUpdated {
  return { group: 'budget', version, at: `at${version}`, changes };
}
const brief = (u: GroupUpdated | null) =>
  u && { from: u.fromVersion, version: u.version, at: u.at, changes: u.changes.map((c) => `${c.area}/${c.period}=${c.value}`) };

test('merge: a table of pairs', () => {
  const rows: [string, GroupUpdated, GroupUpdated, ReturnType<typeof brief>][] = [
    [
      'distinct values: both kept, in order',
      upd(3, v('2026-10', 1)),
      upd(4, v('2026-11', 2)),
      { from: 3, version: 4, at: 'at4', changes: ['56/2026-10=1', '56/2026-11=2'] },
    ],
    [
      'the same value twice: the later state, once',
      upd(3, v('2026-10', 1)),
      upd(4, v('2026-10', 2)),
      { from: 3, version: 4, at: 'at4', changes: ['56/2026-10=2'] },
    ],
    [
      'a value changed again moves to the end (the order of last change)',
      upd(3, v('2026-10', 1), v('2026-11', 1)),
      upd(4, v('2026-10', 2)),
      { from: 3, version: 4, at: 'at4', changes: ['56/2026-11=1', '56/2026-10=2'] },
    ],
    [
      'same indicator and period in two areas are two values',
      upd(3, v('2026-10', 1, '56')),
      upd(4, v('2026-10', 2, '22333')),
      { from: 3, version: 4, at: 'at4', changes: ['56/2026-10=1', '22333/2026-10=2'] },
    ],
    [
      'an update with no changes still moves the version',
      upd(3, v('2026-10', 1)),
      upd(4),
      { from: 3, version: 4, at: 'at4', changes: ['56/2026-10=1'] },
    ],
    [
      'an already merged delta keeps its first version',
      { ...upd(5, v('2026-10', 1)), fromVersion: 3 },
      upd(6, v('2026-10', 9)),
      { from: 3, version: 6, at: 'at6', changes: ['56/2026-10=9'] },
    ],
    ['not the next version: no merge', upd(3, v('2026-10', 1)), upd(5, v('2026-10', 2)), null],
    ['a version going back: no merge', upd(4, v('2026-10', 1)), upd(3, v('2026-10', 2)), null],
    ['another group: no merge', upd(3, v('2026-10', 1)), { ...upd(4, v('2026-10', 2)), group: 'population' }, null],
  ];
  for (const [what, a, b, want] of rows) assert.deepEqual(brief(mergeUpdates(a, b)), want, what);
});

/** A client's state: its version and values, as dashboard/src/live/store.ts keeps them. */
type State = { version: number; values: Map<string, IndicatorValue> };
function applyOne(s: State, u: GroupUpdated): State {
  const from = u.fromVersion ?? u.version;
  assert.ok(from <= s.version + 1 && u.version > s.version, `v${from}…${u.version} applies on v${s.version}`);
  const values = new Map(s.values);
  for (const c of u.changes) values.set(valueKey(c), c);
  return { version: u.version, values };
}

test('merge: applied from any state it covers, a merged delta gives the state of the originals one by one', () => {
  // Deterministic pseudo-random bursts over a few values, so keys repeat and interleave.
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let trial = 0; trial < 200; trial++) {
    const start = 10;
    const burst = Array.from({ length: 2 + rand(6) }, (_, i) =>
      upd(
        start + 1 + i,
        ...Array.from({ length: rand(4) }, () => v(`2026-${String(10 + rand(3))}`, rand(1000), rand(2) ? '56' : '22333')),
      ),
    );
    const merged = burst.slice(1).reduce<GroupUpdated>((acc, u) => mergeUpdates(acc, u)!, burst[0]!);
    assert.equal(merged.fromVersion, start + 1);
    assert.equal(merged.version, start + burst.length);
    const initial: State = { version: start, values: new Map([[valueKey(v('2026-10', -1)), v('2026-10', -1)]]) };
    // A client at each version the merged delta covers: it got the first k originals already.
    for (let k = 0; k < burst.length; k++) {
      const seen = burst.slice(0, k).reduce(applyOne, initial);
      const byOne = burst.slice(k).reduce(applyOne, seen);
      const byMerged = applyOne(seen, merged);
      assert.equal(byMerged.version, byOne.version);
      assert.deepEqual([...byMerged.values].sort(), [...byOne.values].sort(), `trial ${trial}, client had ${k}`);
    }
  }
});

test('window: a lone update goes out at once; a burst is its first update, then one merged delta per window', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const sent: ReturnType<typeof brief>[] = [];
    const c = createCoalescer(30, (u) => sent.push(brief(u)));
    c.push(upd(1, v('2026-10', 1)));
    assert.equal(sent.length, 1, 'no wait for the first');
    mock.timers.tick(31);
    c.push(upd(2, v('2026-10', 2)));
    assert.equal(sent.length, 2, 'a window that ended quietly holds nothing back');
    c.push(upd(3, v('2026-10', 3)));
    c.push(upd(4, v('2026-11', 4)));
    assert.equal(sent.length, 2, 'held inside the window');
    mock.timers.tick(30);
    c.push(upd(5, v('2026-10', 5)));
    mock.timers.tick(30);
    mock.timers.tick(30);
    c.push(upd(6, v('2026-10', 6)));
    assert.deepEqual(sent, [
      { from: undefined, version: 1, at: 'at1', changes: ['56/2026-10=1'] },
      { from: undefined, version: 2, at: 'at2', changes: ['56/2026-10=2'] },
      { from: 3, version: 4, at: 'at4', changes: ['56/2026-10=3', '56/2026-11=4'] },
      { from: undefined, version: 5, at: 'at5', changes: ['56/2026-10=5'] },
      { from: undefined, version: 6, at: 'at6', changes: ['56/2026-10=6'] },
    ]);
  } finally {
    mock.timers.reset();
  }
});

test('window: groups are independent; flush sends what is held at once; 0 turns coalescing off', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const sent: string[] = [];
    const c = createCoalescer(30, (u) => sent.push(`${u.group}:${u.fromVersion ?? ''}-${u.version}`));
    const pop = (version: number): GroupUpdated => ({ ...upd(version, v('2026-10', version)), group: 'population' });
    c.push(upd(1));
    c.push(pop(7));
    c.push(upd(2));
    c.push(upd(3));
    c.push(pop(8));
    c.flush('budget');
    assert.deepEqual(sent, ['budget:-1', 'population:-7', 'budget:2-3']);
    c.push(upd(4));
    assert.deepEqual(sent.at(-1), 'budget:-4', 'a flushed window is closed');
    c.close();
    assert.deepEqual(sent.at(-1), 'population:-8', 'close sends what is held');
    const off: number[] = [];
    const none = createCoalescer(0, (u) => off.push(u.version));
    for (let i = 1; i <= 3; i++) none.push(upd(i));
    assert.deepEqual(off, [1, 2, 3]);
  } finally {
    mock.timers.reset();
  }
});
