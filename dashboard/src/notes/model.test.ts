import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../../../contract/meetings.ts';
import { filterByStatus, isInbox, mayReply, mergeNote, periodVi, statusActions, timeVi, type Viewer } from './model.ts';

const note = (id: string, updatedAt: string, over: Partial<Note> = {}): Note => ({
  id,
  indicator: 'budget.revenue_total',
  area: '22333',
  period: '2026-10',
  kind: 'explanation',
  status: 'open',
  reporter: 'STC',
  text: 'Vì sao?',
  author: { id: 'u-leader', name: 'Lãnh đạo' },
  meeting: null,
  createdAt: updatedAt,
  updatedAt,
  replies: [],
  ...over,
});
const leader: Viewer = { id: 'u-leader', role: 'leader' };
const stc: Viewer = { id: 'u-stc', role: 'agency', agency: 'STC' };
const syt: Viewer = { id: 'u-syt', role: 'agency', agency: 'SYT' };
const viewer: Viewer = { id: 'u-v', role: 'viewer' };

test('who replies and which status buttons each person sees', () => {
  const open = note('a', '2026-12-02T02:00:00Z');
  const closed = { ...open, status: 'closed' as const };
  const cases: [Viewer, Note, boolean, string[]][] = [
    [leader, open, true, ['closed']],
    [leader, closed, false, ['open']],
    [stc, open, true, ['answered']],
    [stc, { ...open, status: 'answered' }, true, []],
    [stc, closed, false, []],
    [syt, open, false, []],
    [viewer, open, false, []],
  ];
  for (const [v, n, reply, actions] of cases) {
    assert.equal(mayReply(v, n), reply, `${v.role} ${v.agency ?? ''} ${n.status}`);
    assert.deepEqual(
      statusActions(v, n).map((a) => a.status),
      actions,
    );
  }
  assert.equal(isInbox(stc), true);
  assert.equal(isInbox(leader), false);
});

test('a change replaces the note and moves it first; an older copy never wins', () => {
  const a = note('a', '2026-12-02T01:00:00Z');
  const b = note('b', '2026-12-02T02:00:00Z');
  const a2 = { ...a, status: 'answered' as const, updatedAt: '2026-12-02T03:00:00Z' };
  assert.deepEqual(
    mergeNote([b, a], a2).map((n) => `${n.id}:${n.status}`),
    ['a:answered', 'b:open'],
  );
  assert.deepEqual(
    mergeNote([a2, b], a).map((n) => `${n.id}:${n.status}`),
    ['a:answered', 'b:open'],
  );
  assert.deepEqual(
    mergeNote([], b).map((n) => n.id),
    ['b'],
  );
  assert.deepEqual(
    filterByStatus([a2, b], 'open').map((n) => n.id),
    ['b'],
  );
});

test('Vietnamese period and time labels', () => {
  assert.equal(timeVi('2026-12-02T02:30:00Z'), '09:30, 02/12/2026');
  assert.match(periodVi('2026-10'), /10/);
  assert.equal(periodVi('không-phải'), 'không-phải');
});
