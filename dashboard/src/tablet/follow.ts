/**
 * The tablet's place in a meeting: alone, presenting, following the presenter, or browsing on its own
 * inside the meeting (and able to return: "Theo người trình bày"). Pure: the page feeds it the meeting
 * states the server sends and what the user does; it answers with the new state and what to do —
 * `show` a view (follow the presenter) and/or `send` one (meeting:navigate, presenter only).
 */
import type { MeetingState, View } from '../../../contract/meetings.ts';

export type FollowState =
  | { mode: 'solo' }
  /**
   * `sent`: the last view this tablet asked for. What a new move is compared with, not the meeting's view,
   * which lags while an answer is on its way: back to the view before, quickly, must still go out.
   */
  | { mode: 'presenting'; meeting: MeetingState; sent?: View }
  | { mode: 'following'; meeting: MeetingState }
  | { mode: 'browsing'; meeting: MeetingState };

export type FollowEvent =
  /** A `meeting:state` (or a join/start acknowledgement); `me` is this user's id. */
  | { type: 'state'; meeting: MeetingState; me: string }
  /** The user opened something (group, indicator, area, period, comparison); null: the list of groups. */
  | { type: 'navigate'; view: View | null }
  /** "Theo người trình bày". */
  | { type: 'return' }
  /** The user left the meeting on this tablet (the meeting goes on). */
  | { type: 'leave' }
  /** The server refused or did not answer the last navigate: the same move, tried again, goes out. */
  | { type: 'unsent' };

export interface FollowStep {
  state: FollowState;
  /** Put this view on screen (the presenter's). */
  show?: View;
  /** Send this view as meeting:navigate. */
  send?: View;
}

export const SOLO: FollowState = { mode: 'solo' };

function sameView(a: View | null | undefined, b: View | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function step(s: FollowState, e: FollowEvent): FollowStep {
  switch (e.type) {
    case 'state': {
      const m = e.meeting;
      const current = s.mode === 'solo' ? null : s.meeting;
      // An older state of the same meeting (a late packet, another node) changes nothing.
      if (current && current.id === m.id && m.version <= current.version) return { state: s };
      if (m.endedAt) return current && current.id !== m.id ? { state: s } : { state: SOLO };
      // A state of another meeting while in one: only a join (from solo) switches meetings.
      if (current && current.id !== m.id) return { state: s };
      if (m.presenter.id === e.me)
        return {
          state:
            s.mode === 'presenting' && s.sent
              ? { mode: 'presenting', meeting: m, sent: s.sent }
              : { mode: 'presenting', meeting: m },
        };
      if (s.mode === 'browsing') return { state: { mode: 'browsing', meeting: m } };
      // Joining, following, or just handed the floor to someone else: follow the presenter.
      const next: FollowState = { mode: 'following', meeting: m };
      if (m.view && (s.mode !== 'following' || !sameView(s.meeting.view, m.view))) return { state: next, show: m.view };
      return { state: next };
    }
    case 'navigate':
      // The list of groups is no View: the presenter's screens keep the last one.
      if (s.mode === 'presenting')
        return e.view === null || sameView(s.sent ?? s.meeting.view, e.view)
          ? { state: s }
          : { state: { ...s, sent: e.view }, send: e.view };
      if (s.mode === 'following') return { state: { mode: 'browsing', meeting: s.meeting } };
      return { state: s };
    case 'return':
      if (s.mode !== 'browsing') return { state: s };
      return s.meeting.view
        ? { state: { mode: 'following', meeting: s.meeting }, show: s.meeting.view }
        : { state: { mode: 'following', meeting: s.meeting } };
    case 'leave':
      return { state: SOLO };
    case 'unsent':
      return s.mode === 'presenting' ? { state: { mode: 'presenting', meeting: s.meeting } } : { state: s };
  }
}

/** The meeting id the tablet is in, if any. */
export function meetingOf(s: FollowState): MeetingState | null {
  return s.mode === 'solo' ? null : s.meeting;
}
