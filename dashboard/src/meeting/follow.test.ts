import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MeetingState } from '../../../contract/meetings.ts';
import { onMeetingList, onMeetingState, type Followed } from './follow.ts';

const m = (id: string, version: number, extra: Partial<MeetingState> = {}): MeetingState => ({
  id,
  version,
  title: 'Họp',
  presenter: { id: 'p', name: 'P' },
  displays: ['man-hinh-1'],
  view: null,
  frozenAt: null,
  members: [],
  startedAt: '2026-12-02T02:00:00Z',
  ...extra,
});

test('a display follows the newest state of its meeting and returns to its playlist at the end', () => {
  const cases: [string, Followed, MeetingState, string | null][] = [
    ['a meeting naming the display', null, m('a', 1), 'a@1'],
    ['a meeting naming another display', null, m('a', 1, { displays: ['man-hinh-2'] }), null],
    ['a newer state', m('a', 2), m('a', 3), 'a@3'],
    ['an older state arriving late', m('a', 3), m('a', 2), 'a@3'],
    ['the end', m('a', 3), m('a', 4, { endedAt: '2026-12-02T03:00:00Z' }), null],
    ['an end older than what is shown is ignored', m('a', 5), m('a', 4, { endedAt: 'x' }), 'a@5'],
    ['the display taken out of the meeting', m('a', 3), m('a', 4, { displays: [] }), null],
    ['another meeting while one is shown', m('a', 3), m('b', 1), 'b@1'],
    ['another meeting ending while one is shown', m('a', 3), m('b', 2, { endedAt: 'x' }), 'a@3'],
  ];
  for (const [name, cur, incoming, want] of cases) {
    const got = onMeetingState(cur, incoming, 'man-hinh-1');
    assert.equal(got ? `${got.id}@${got.version}` : null, want, name);
  }
});

test('after a reconnect the list decides: gone means the meeting ended while away', () => {
  assert.equal(onMeetingList(m('a', 3), [], 'man-hinh-1'), null);
  assert.equal(onMeetingList(m('a', 3), [m('a', 2)], 'man-hinh-1')!.version, 3);
  assert.equal(onMeetingList(m('a', 3), [m('a', 7)], 'man-hinh-1')!.version, 7);
  assert.equal(onMeetingList(null, [m('x', 1, { displays: ['man-hinh-2'] }), m('a', 1)], 'man-hinh-1')!.id, 'a');
  assert.equal(
    onMeetingList(null, [m('a', 3)], 'man-hinh-1', new Set(['a'])),
    null,
    'a late list does not bring an ended meeting back',
  );
});
