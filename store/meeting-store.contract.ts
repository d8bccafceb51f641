/**
 * What every MeetingStore does (memory and Redis): versions grow by exactly 1 per change, concurrent
 * writers never both win, refusals change nothing, frozen figures are per meeting and go with it.
 */
import assert from 'node:assert/strict';
import type { GroupSnapshot } from '../contract/messages.ts';
import type { MeetingState } from '../contract/meetings.ts';
import type { MeetingRecord, MeetingStore } from './meeting-store.ts';

const state = (id: string, startedAt = '2026-12-02T02:30:00.000Z'): MeetingState => ({
  id,
  version: 1,
  title: 'Giao ban UBND tỉnh tháng 12',
  presenter: { id: 'chu-tich', name: 'Chủ tịch UBND tỉnh' },
  displays: ['man-hinh-1'],
  view: null,
  frozenAt: null,
  members: [{ id: 'chu-tich', name: 'Chủ tịch UBND tỉnh' }],
  startedAt,
});
const record = (id: string, startedAt?: string): MeetingRecord => ({
  state: state(id, startedAt),
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
  await store.create(record('m1'));
  await store.create(record('m2', '2026-12-02T03:00:00.000Z'));
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
