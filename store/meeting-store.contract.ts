/**
 * What every MeetingStore does (memory and Redis): versions grow by exactly 1 per change, concurrent
 * writers never both win, refusals change nothing, frozen figures are per meeting and go with it; a
 * display is claimed by one meeting at a time, all of a meeting's displays or none, even when many
 * meetings are started for it at once on two nodes, and released at the end and when handed off.
 */
import assert from 'node:assert/strict';
import type { GroupSnapshot } from '../contract/messages.ts';
import type { MeetingState } from '../contract/meetings.ts';
import type { MeetingRecord, MeetingStore } from './meeting-store.ts';

const state = (id: string, startedAt = '2026-12-02T02:30:00.000Z', displays = [`d-${id}`]): MeetingState => ({
  id,
  version: 1,
  title: 'Giao ban UBND tỉnh tháng 12',
  presenter: { id: 'chu-tich', name: 'Chủ tịch UBND tỉnh' },
  displays,
  view: null,
  frozenAt: null,
  members: [{ id: 'chu-tich', name: 'Chủ tịch UBND tỉnh' }],
  startedAt,
});
export const record = (id: string, startedAt?: string, displays?: string[]): MeetingRecord => ({
  state: state(id, startedAt, displays),
  scope: { groups: '*', areas: '*' },
});
const snap = (group: string, version: number): GroupSnapshot => ({
  group,
  version,
  at: '2026-12-02T02:30:00.000Z',
  values: [
    {
      indicator: `${group}.x`,
      area: '56',
      period: '2026-11',
      value: 41.5,
      plan: null,
      status: 'official',
      updatedAt: '2026-12-01T00:00:00.000Z',
    },
  ],
});

/** `other` is a second handle on the same store (another node), or the same one in process. */
export async function meetingStoreContract(store: MeetingStore, other: MeetingStore): Promise<void> {
  assert.deepEqual(await store.list(), []);
  assert.equal(await store.get('nope'), null);
  assert.deepEqual(await store.create(record('m1')), { ok: true });
  assert.deepEqual(await store.create(record('m2', '2026-12-02T03:00:00.000Z')), { ok: true });
  assert.deepEqual(
    (await other.list()).map((r) => r.state.id),
    ['m1', 'm2'],
    'every node lists the same meetings, oldest first',
  );

  // A change: version + 1, seen by the other node.
  const view = { group: 'public_investment', area: '56' };
  const r1 = await store.update<string>('m1', (cur) => ({ record: { ...cur, state: { ...cur.state, view } } }));
  assert.equal(r1.ok, true);
  assert.equal(r1.ok && r1.record.state.version, 2);
  assert.deepEqual((await other.get('m1'))!.state.view, view);

  // A refusal changes nothing.
  const r2 = await other.update<string>('m1', () => ({ refuse: 'forbidden' }));
  assert.deepEqual(r2, { ok: false, refused: 'forbidden' });
  assert.equal((await store.get('m1'))!.state.version, 2);
  assert.deepEqual(await store.update('zz', (cur) => ({ record: cur })), { ok: false, missing: true });

  // Concurrent writers on both handles: every change lands, each on its own version.
  const n = 20;
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      (i % 2 ? store : other).update<string>('m1', (cur) => ({
        record: { ...cur, state: { ...cur.state, members: [...cur.state.members, { id: `u${i}`, name: `U ${i}` }] } },
      })),
    ),
  );
  const versions = results.map((r) => (r.ok ? r.record.state.version : -1)).sort((a, b) => a - b);
  assert.deepEqual(
    versions,
    Array.from({ length: n }, (_, i) => 3 + i),
    'no version skipped or repeated',
  );
  const after = (await store.get('m1'))!;
  assert.equal(after.state.version, 2 + n);
  assert.equal(after.state.members.length, 1 + n, 'no change lost');

  // Frozen figures: per meeting, only the groups asked for, dropped with the meeting.
  assert.deepEqual(await store.getFrozen('m1', ['a']), []);
  await store.putFrozen('m1', [snap('a', 7), snap('b', 3)]);
  assert.deepEqual(await other.getFrozen('m1', ['b', 'c']), [snap('b', 3)]);
  assert.deepEqual(await other.getFrozen('m2', ['a']), [], 'another meeting froze nothing');
  await store.putFrozen('m1', [snap('a', 8)]);
  assert.deepEqual(await store.getFrozen('m1', ['a', 'b']), [snap('a', 8)], 'a new freeze replaces the old one');
  await store.dropFrozen('m1');
  assert.deepEqual(await store.getFrozen('m1', ['a']), []);
  await store.putFrozen('m1', [snap('a', 9)]);
  await other.remove('m1');
  assert.equal(await store.get('m1'), null);
  assert.deepEqual(await store.getFrozen('m1', ['a']), [], 'frozen figures go with the meeting');
  assert.deepEqual(
    (await store.list()).map((r) => r.state.id),
    ['m2'],
  );
}

/** Displays: one meeting each, all or none, atomically across handles; released at the end and at hand-off. */
export async function meetingDisplaysContract(store: MeetingStore, other: MeetingStore): Promise<void> {
  const ids = async (s: MeetingStore) => (await s.list()).map((r) => r.state.id).sort();
  assert.deepEqual(await store.create(record('a', undefined, ['wall-1', 'wall-2'])), { ok: true });
  assert.deepEqual(
    await other.create(record('b', undefined, ['wall-3', 'wall-2', 'wall-1'])),
    { ok: false, busy: { display: 'wall-2', meeting: 'a' } },
    'the first display taken, and by whom',
  );
  assert.equal(await store.get('b'), null, 'a refused start stores nothing');
  assert.deepEqual(await other.create(record('c', undefined, ['wall-3'])), { ok: true }, 'and claims nothing: wall-3 is free');
  assert.deepEqual(await ids(store), ['a', 'c']);

  // Many starts for one display at the same moment on both handles: exactly one wins.
  const n = 24;
  const starts = await Promise.all(
    Array.from({ length: n }, (_, i) => (i % 2 ? store : other).create(record(`race-${i}`, undefined, [`wall-9`, `wall-x${i}`]))),
  );
  const won = starts.flatMap((r, i) => (r.ok ? [`race-${i}`] : []));
  assert.equal(won.length, 1, `exactly one start wins (${won.join(', ')})`);
  for (const r of starts) if (!r.ok) assert.deepEqual(r.busy, { display: 'wall-9', meeting: won[0] });
  assert.deepEqual(
    (await ids(other)).filter((id) => id.startsWith('race-')),
    won,
    'the losers left nothing behind',
  );
  const loser = starts.findIndex((r) => !r.ok);
  assert.deepEqual(
    await store.create(record('after-race', undefined, [`wall-x${loser}`])),
    { ok: true },
    "a loser's other display was never claimed",
  );

  // Hand-off: a meeting that gives up a display frees it; one that would take a busy display is refused, unchanged.
  const handoff = await other.update<string>('a', (cur) => ({
    record: { ...cur, state: { ...cur.state, displays: ['wall-1', 'wall-4'] } },
  }));
  assert.ok(handoff.ok);
  assert.deepEqual(await store.create(record('d', undefined, ['wall-2'])), { ok: true }, 'wall-2 was handed off');
  assert.deepEqual(await other.create(record('e', undefined, ['wall-4'])), {
    ok: false,
    busy: { display: 'wall-4', meeting: 'a' },
  });
  const grab = await store.update<string>('c', (cur) => ({
    record: { ...cur, state: { ...cur.state, displays: ['wall-3', 'wall-1'] } },
  }));
  assert.deepEqual(grab, { ok: false, busy: { display: 'wall-1', meeting: 'a' } });
  assert.equal((await other.get('c'))!.state.version, 1, 'a refused hand-off changes nothing');
  assert.deepEqual((await other.get('c'))!.state.displays, ['wall-3']);
  // A concurrent hand-off and start for the same display: one of them.
  const [move, take] = await Promise.all([
    store.update<string>('c', (cur) => ({ record: { ...cur, state: { ...cur.state, displays: ['wall-3', 'wall-5'] } } })),
    other.create(record('f', undefined, ['wall-5'])),
  ]);
  assert.equal(Number(move.ok) + Number(take.ok), 1, 'wall-5 goes to one meeting');

  // The end releases every display of the meeting.
  await store.remove('a');
  assert.deepEqual(await other.create(record('g', undefined, ['wall-1', 'wall-4'])), { ok: true });
  for (const id of await ids(store)) await other.remove(id);
  assert.deepEqual(await ids(store), []);
  assert.deepEqual(await store.create(record('h', undefined, ['wall-1', 'wall-2', 'wall-3', 'wall-5', 'wall-9'])), { ok: true });
  await store.remove('h');
}
