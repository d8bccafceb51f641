/**
 * A wall display: its playlist of pages (each page is a fixed, scaled design canvas), staff's remote
 * commands, the "identify" overlay and, on the display that has one, the critical-alert takeover region —
 * over the page, or over the meeting that covers the display (`meeting`): the takeover stays mounted in
 * the same place either way and draws into the layer of whichever is on screen.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScreenCommand } from '../../../contract/messages.ts';
import type { ScreenPayload } from '../../../contract/http.ts';
import {
  advance,
  minTypeDesignPx,
  pause,
  resume,
  showPage,
  startPlaylist,
  view,
  type PlaylistState,
} from '../../../contract/wall.ts';
import { useLive } from '../live/react.ts';
import { kioskSignal, useScreenAgent } from './agent.ts';
import { Takeover } from './Takeover.tsx';
import type { MeetingCover } from './takeover.ts';
import { WallCanvas } from './WallCanvas.tsx';

export function DisplayWall({
  payload,
  screen,
  meeting = null,
}: {
  payload: ScreenPayload;
  screen: string;
  /**
   * A meeting shows on the display (dashboard/src/meeting): keep the playlist, heartbeats and commands,
   * draw no page — only a critical alert, into the meeting's layer below its band.
   */
  meeting?: MeetingCover | null;
}) {
  const d = payload.display!;
  const client = useLive();
  const entries = d.playlist;
  const [st, setSt] = useState<PlaylistState>(() => startPlaylist(Date.now()));
  // Staff's "identify" overlay, until its time is up.
  const [identify, setIdentify] = useState<{ untilMs: number } | null>(null);
  const [acked, setAcked] = useState<ReadonlySet<string>>(() => new Set());
  const takeoverId = useRef<string | null>(null);
  // Where the page canvas lets the takeover draw (a layer over its panels).
  const [pageLayer, setPageLayer] = useState<HTMLDivElement | null>(null);
  const setTakeoverId = useCallback((id: string | null) => {
    takeoverId.current = id;
  }, []);

  // One timer to the next page boundary (never an interval that could pile up).
  const v = view(entries, st);
  useEffect(() => {
    if (v.nextAt === null) return;
    const t = setTimeout(() => setSt((s) => advance(entries, s, Date.now())), Math.max(0, v.nextAt - Date.now()) + 5);
    return () => clearTimeout(t);
  }, [entries, v.nextAt]);

  // The kiosk reloads a page that grew too large only here, between two pages.
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    kioskSignal({ type: 'boundary', page: v.page });
  }, [v.page, v.index]);

  useEffect(() => {
    if (!identify) return;
    const t = setTimeout(() => setIdentify(null), Math.max(0, identify.untilMs - Date.now()));
    return () => clearTimeout(t);
  }, [identify]);

  const onCommand = useCallback(
    (c: ScreenCommand) => {
      const now = Date.now();
      switch (c.type) {
        case 'reload':
          window.location.reload();
          return;
        case 'show-page':
          if (d.pages.some((p) => p.id === c.page)) setSt((s) => showPage(entries, s, c.page, now));
          return;
        case 'pause':
          setSt((s) => pause(entries, s, now));
          return;
        case 'resume':
          setSt((s) => resume(entries, s, now));
          return;
        case 'identify':
          setIdentify({ untilMs: now + c.durationS * 1000 });
          return;
        case 'alert-ack':
          setAcked((prev) => new Set([...prev, c.alertId].slice(-100)));
          return;
      }
    },
    [entries, d.pages],
  );
  useScreenAgent({
    client,
    screen,
    heartbeatS: d.heartbeatS,
    // Called when a heartbeat goes out (never while rendering): the latest render's page and takeover.
    shown: () => ({ page: v.page, index: v.index, count: v.count, paused: v.paused, takeover: takeoverId.current }),
    onCommand,
  });

  const page = d.pages.find((p) => p.id === v.page) ?? d.pages[0]!;
  const pagePayload = useMemo(() => ({ ...payload, screen: page }), [payload, page]);
  const minType = minTypeDesignPx(d.minTypePx, page.design, d.display);
  const place = v.index < 0 ? 'Trang theo yêu cầu' : v.count > 1 ? `Trang ${v.index + 1}/${v.count}` : null;
  // Under a meeting the region is placed on the display's first page, the canvas the meeting is drawn on.
  const takeover = d.alerts ? (
    <Takeover
      target={meeting ? meeting.layer : pageLayer}
      over={meeting ? { kind: 'meeting', band: meeting.band } : { kind: 'page' }}
      page={meeting ? payload.screen : page}
      region={d.alerts.region}
      minType={meeting ? minTypeDesignPx(d.minTypePx, payload.screen.design, d.display) : minType}
      timeoutS={d.alerts.timeoutS}
      acked={acked}
      onChange={setTakeoverId}
    />
  ) : null;
  return (
    <>
      {takeover}
      {meeting ? null : (
        <WallCanvas
          payload={pagePayload}
          place={place ? `${place}${v.paused ? ' · Tạm dừng' : ''}` : v.paused ? 'Tạm dừng' : null}
          minType={minType}
          overlay={
            <>
              <div className="wall-layer" ref={setPageLayer} />
              {identify ? <Identify name={d.display.name} id={d.display.id} wall={d.wall.name} /> : null}
            </>
          }
        />
      )}
    </>
  );
}

export function Identify({ name, id, wall }: { name: string; id: string; wall: string }) {
  return (
    <div className="wall-identify" data-testid="identify" role="status">
      <div className="wall-identify-name">{name}</div>
      <div className="wall-identify-id">{id}</div>
      <div className="wall-identify-wall">{wall}</div>
    </div>
  );
}
