/**
 * The hook of a wall display into meetings: while a meeting names this display, the wall shows the
 * meeting's view instead of its playlist; when it ends (or is gone after a reconnect) the playlist is
 * back. The playlist stays mounted, drawing no page (`cover`), so heartbeats and staff's commands go
 * on, the screen stays "alive" in /admin, and its maps and charts cost nothing during the meeting; a
 * critical alert still shows, drawn into the meeting's alert layer below the band (walls/takeover.ts).
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Ack } from '../../../contract/messages.ts';
import type { MeetingState } from '../../../contract/meetings.ts';
import type { ScreenPayload } from '../../../contract/http.ts';
import { useLive } from '../live/react.ts';
import type { MeetingCover } from '../walls/takeover.ts';
import { onMeetingList, onMeetingState, type Followed } from './follow.ts';
import { MeetingWall, wallBandHeight } from './MeetingWall.tsx';

export function FollowMeeting({
  screen,
  payload,
  children,
}: {
  screen: string;
  payload: ScreenPayload;
  /** The playlist, told whether a meeting covers it (and where a critical alert draws over it). */
  children: (cover: MeetingCover | null) => ReactNode;
}) {
  const client = useLive();
  const [meeting, setMeeting] = useState<Followed>(null);
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  const band = wallBandHeight(payload);
  const covered = meeting !== null;
  const cover = useMemo(() => (covered ? { band, layer } : null), [covered, band, layer]);
  useEffect(() => {
    const s = client.socket;
    const ended = new Set<string>();
    const onState = (m: MeetingState) => {
      // Test and bench hook: the last state this display received.
      document.body.dataset.meetingState = `${m.id}@${m.version}${m.endedAt ? ':ended' : ''}`;
      if (m.endedAt) ended.add(m.id);
      setMeeting((cur) => onMeetingState(cur, m, screen));
    };
    // After every connect: what is the display's meeting now? (It may have ended while we were away.)
    const ask = () =>
      s.timeout(10_000).emit('meeting:list', (err: Error | null, res: Ack<MeetingState[]> | undefined) => {
        if (!err && res?.ok) setMeeting((cur) => onMeetingList(cur, res.data, screen, ended));
      });
    s.on('meeting:state', onState);
    s.on('connect', ask);
    if (s.connected) ask();
    return () => {
      s.off('meeting:state', onState);
      s.off('connect', ask);
    };
  }, [client, screen]);
  return (
    <>
      {children(cover)}
      {meeting ? (
        <div className="meeting-cover">
          <MeetingWall state={meeting} payload={payload} screen={screen} alertLayer={setLayer} />
        </div>
      ) : null}
    </>
  );
}
