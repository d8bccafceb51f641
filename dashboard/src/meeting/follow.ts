/**
 * Which meeting a wall display shows, from the `meeting:state` messages it receives (pushed on every
 * change, and answered by `meeting:list` after each connect). Pure: a state older than the one shown is
 * ignored (two nodes may deliver out of order), an ended one or one that no longer names this display
 * returns the display to its playlist, and a list without the shown meeting means it ended while the
 * display was away.
 */
import type { MeetingState } from '../../../contract/meetings.ts';

export type Followed = MeetingState | null;

export function onMeetingState(current: Followed, incoming: MeetingState, display: string): Followed {
  const names = incoming.displays.includes(display) && !incoming.endedAt;
  if (current && current.id === incoming.id) {
    if (incoming.version <= current.version) return current;
    return names ? incoming : null;
  }
  if (!names) return current;
  // Another meeting takes the display only when the shown one is gone (the server lets one meeting hold it).
  return incoming;
}

/**
 * `ended`: meetings this display saw end — a list answered just before the end arrived must not bring
 * one back.
 */
export function onMeetingList(
  current: Followed,
  list: readonly MeetingState[],
  display: string,
  ended: ReadonlySet<string> = new Set(),
): Followed {
  const mine = list.filter((m) => m.displays.includes(display) && !m.endedAt && !ended.has(m.id));
  if (!mine.length) return null;
  const same = current ? mine.find((m) => m.id === current.id) : undefined;
  if (same) return same.version > current!.version ? same : current;
  return mine[0]!;
}
