import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MeetingState, View } from '../../../contract/meetings.ts';
import { SOLO, step, type FollowEvent, type FollowState } from './follow.ts';

const A = { id: 'u-a', name: 'Chủ tịch' };
const B = { id: 'u-b', name: 'Phó Chủ tịch' };
const v1: View = { group: 'budget', indicator: 'budget.revenue' };
const v2: View = { group: 'budget', indicator: 'budget.revenue', area: '56001' };

function meeting(version: number, over: Partial<MeetingState> = {}): MeetingState {
  return {
    id: 'm1',
    version,
    title: 'Giao ban',
    presenter: A,
    displays: ['tong-quan'],
    view: v1,
    frozenAt: null,
    members: [A, B],
    startedAt: '2026-12-02T02:00:00Z',
    ...over,
  };
}

const following = (m: MeetingState): FollowState => ({ mode: 'following', meeting: m });
const browsing = (m: MeetingState): FollowState => ({ mode: 'browsing', meeting: m });
const presenting = (m: MeetingState): FollowState => ({ mode: 'presenting', meeting: m });

test('follow / browse / present: transitions', () => {
  // [name, from, event, to-mode, show, send]
  type Row = [string, FollowState, FollowEvent, FollowState['mode'], View | undefined, View | undefined];
  const rows: Row[] = [
    ['join as a member: follow and show', SOLO, { type: 'state', meeting: meeting(1), me: B.id }, 'following', v1, undefined],
    ['start as presenter', SOLO, { type: 'state', meeting: meeting(1), me: A.id }, 'presenting', undefined, undefined],
    [
      'presenter moves: show',
      following(meeting(1)),
      { type: 'state', meeting: meeting(2, { view: v2 }), me: B.id },
      'following',
      v2,
      undefined,
    ],
    [
      'same view again: nothing to show',
      following(meeting(1)),
      { type: 'state', meeting: meeting(2), me: B.id },
      'following',
      undefined,
      undefined,
    ],
    [
      'older state ignored',
      following(meeting(5)),
      { type: 'state', meeting: meeting(4, { view: v2 }), me: B.id },
      'following',
      undefined,
      undefined,
    ],
    ['follower opens something: browse', following(meeting(1)), { type: 'navigate', view: v2 }, 'browsing', undefined, undefined],
    [
      'browsing: presenter moves, stay put',
      browsing(meeting(1)),
      { type: 'state', meeting: meeting(2, { view: v2 }), me: B.id },
      'browsing',
      undefined,
      undefined,
    ],
    ['return to following: the current view', browsing(meeting(2, { view: v2 })), { type: 'return' }, 'following', v2, undefined],
    ['presenter opens something: send', presenting(meeting(1)), { type: 'navigate', view: v2 }, 'presenting', undefined, v2],
    [
      "presenter goes back before the answer to the last move is in: sent (the meeting's view lags)",
      { mode: 'presenting', meeting: meeting(1), sent: v2 },
      { type: 'navigate', view: v1 },
      'presenting',
      undefined,
      v1,
    ],
    [
      'presenter re-opens what it just asked for: nothing sent',
      { mode: 'presenting', meeting: meeting(1), sent: v2 },
      { type: 'navigate', view: v2 },
      'presenting',
      undefined,
      undefined,
    ],
    [
      'a refused or unanswered move: forgotten, so trying it again sends it',
      { mode: 'presenting', meeting: meeting(1), sent: v2 },
      { type: 'unsent' },
      'presenting',
      undefined,
      undefined,
    ],
    [
      'presenter re-opens the same: nothing sent',
      presenting(meeting(1)),
      { type: 'navigate', view: v1 },
      'presenting',
      undefined,
      undefined,
    ],
    [
      'hand-over to me',
      following(meeting(1)),
      { type: 'state', meeting: meeting(2, { presenter: B }), me: B.id },
      'presenting',
      undefined,
      undefined,
    ],
    [
      'hand-over from me: follow',
      presenting(meeting(1)),
      { type: 'state', meeting: meeting(2, { presenter: B }), me: A.id },
      'following',
      v1,
      undefined,
    ],
    [
      'meeting ended',
      browsing(meeting(1)),
      { type: 'state', meeting: meeting(2, { endedAt: '2026-12-02T03:00:00Z' }), me: B.id },
      'solo',
      undefined,
      undefined,
    ],
    [
      'another meeting while in one: ignored',
      following(meeting(1)),
      { type: 'state', meeting: meeting(9, { id: 'm2' }), me: B.id },
      'following',
      undefined,
      undefined,
    ],
    [
      'an ended meeting seen from solo: stay solo',
      SOLO,
      { type: 'state', meeting: meeting(3, { endedAt: '2026-12-02T03:00:00Z' }), me: B.id },
      'solo',
      undefined,
      undefined,
    ],
    ['leave', following(meeting(1)), { type: 'leave' }, 'solo', undefined, undefined],
    [
      'follower opens the list of groups: browse',
      following(meeting(1)),
      { type: 'navigate', view: null },
      'browsing',
      undefined,
      undefined,
    ],
    [
      'presenter opens the list of groups: nothing sent',
      presenting(meeting(1)),
      { type: 'navigate', view: null },
      'presenting',
      undefined,
      undefined,
    ],
    ['solo navigate: nothing', SOLO, { type: 'navigate', view: v2 }, 'solo', undefined, undefined],
    ['return while following: nothing', following(meeting(1)), { type: 'return' }, 'following', undefined, undefined],
    [
      'freeze seen by a follower: same view, new version',
      following(meeting(1)),
      { type: 'state', meeting: meeting(2, { frozenAt: '2026-12-02T02:30:00Z' }), me: B.id },
      'following',
      undefined,
      undefined,
    ],
  ];
  for (const [name, from, ev, mode, show, send] of rows) {
    const r = step(from, ev);
    assert.equal(r.state.mode, mode, name);
    assert.deepEqual(r.show, show, `${name}: show`);
    assert.deepEqual(r.send, send, `${name}: send`);
  }
  // The state keeps the latest meeting state (frozenAt reaches the page).
  const r = step(following(meeting(1)), { type: 'state', meeting: meeting(2, { frozenAt: 'x' }), me: B.id });
  assert.equal(r.state.mode !== 'solo' && r.state.meeting.frozenAt, 'x');
});

test("a presenter's last move outlives the answers to earlier ones, and a refusal forgets it", () => {
  const waiting: FollowState = { mode: 'presenting', meeting: meeting(1), sent: v2 };
  const acked = step(waiting, { type: 'state', meeting: meeting(2), me: A.id }).state;
  assert.deepEqual(acked, { mode: 'presenting', meeting: meeting(2), sent: v2 }, 'an older move answered: v2 still the intent');
  assert.deepEqual(step(acked, { type: 'navigate', view: v1 }).send, v1, 'back to v1 goes out');
  const refused = step(waiting, { type: 'unsent' }).state;
  assert.deepEqual(step(refused, { type: 'navigate', view: v2 }).send, v2, 'the refused move, tried again, goes out');
});
