/**
 * A wall screen: first who it is (GET /api/session, through the access machine of pairing/), then either
 * the pairing page (no credential) or the wall — its layout, the page's one live connection and the panels
 * on the fixed, scaled canvas. The page never sees a token: a `?token=` address was exchanged by the
 * server for the HttpOnly device cookie before the page loaded. Before the layout arrives it shows a dark
 * "Đang kết nối…" canvas, never white. A revoked screen (its socket closed by the server, then 401)
 * returns to the pairing page by itself.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import type { ScreenPayload } from '../../../contract/http.ts';
import { LiveContext, useConnection, useLive, useLiveClient } from '../live/react.ts';
import { useScreenPayload } from '../live/screen.ts';
import { PairingView } from '../pairing/PairingView.tsx';
import { useWallAccess } from '../pairing/useWallAccess.ts';
import { useScreenAgent } from './agent.ts';
import { useLayoutChanges } from './layout-changed.ts';
import { DisplayWall } from './DisplayWall.tsx';
import { FollowMeeting } from '../meeting/FollowMeeting.tsx';
import { Message, WallCanvas } from './WallCanvas.tsx';

export function WallPage({ screen }: { screen: string }) {
  const { access, doubt } = useWallAccess();
  if (access.phase === 'checking')
    return (
      <Message
        title="Đang kết nối…"
        detail={access.problem ? `${access.problem} — đang thử lại` : 'Đang kiểm tra quyền truy cập của màn hình'}
        tone="wait"
      />
    );
  if (access.phase === 'wall') return <LiveWall screen={screen} onDoubt={doubt} />;
  return <PairingView screen={screen} access={access} />;
}

function LiveWall({ screen, onDoubt }: { screen: string; onDoubt: () => void }) {
  const client = useLiveClient({ screen });
  const doubt = useEffectEvent(onDoubt);
  useEffect(() => client.onCredentialDoubt(() => doubt()), [client]);
  useEffect(() => {
    // Test and bench hook.
    (window as unknown as { __iocLive?: unknown }).__iocLive = { stats: client.store.stats, store: client.store };
  }, [client]);
  return (
    <LiveContext value={client}>
      <Wall screen={screen} onDoubt={onDoubt} />
    </LiveContext>
  );
}

function Wall({ screen, onDoubt }: { screen: string; onDoubt: () => void }) {
  const conn = useConnection();
  // A publish that concerns this wall: fetch the layout again (the last one stays on screen meanwhile).
  const [layoutChanges, setLayoutChanges] = useState(0);
  const load = useScreenPayload(screen, conn.resyncs + layoutChanges);
  useLayoutChanges(useLive(), screen, load.state === 'ready' ? load.payload : null, () => setLayoutChanges((n) => n + 1));
  const doubt = useEffectEvent(onDoubt);
  const unauthenticated = load.state === 'unauthenticated';
  useEffect(() => {
    if (unauthenticated) doubt();
  }, [unauthenticated]);
  if (load.state === 'unauthorized') return <Message title="Màn hình bị từ chối" detail={load.message} tone="error" />;
  if (load.state === 'unauthenticated')
    return <Message title="Đang kiểm tra quyền truy cập…" detail={load.message} tone="wait" />;
  if (load.state === 'not-found') return <Message title="Không tìm thấy màn hình" detail={load.message} tone="error" />;
  if (load.state === 'loading') {
    const retry = load.retryInMs !== null ? ` · thử lại sau ${Math.round(load.retryInMs / 1000)} giây` : '';
    return (
      <Message title="Đang kết nối…" detail={load.problem ? `${load.problem}${retry}` : 'Đang tải bố cục màn hình'} tone="wait" />
    );
  }
  if (conn.state === 'unauthorized' && conn.lastDataAt === null) {
    return (
      <Message
        title="Máy chủ từ chối kết nối số liệu"
        detail="Thiết bị chưa được ghép nối hoặc đã bị thu hồi — đang kiểm tra lại."
        tone="error"
      />
    );
  }
  if (load.payload.display)
    return (
      // A meeting that names this display takes the wall over until it ends (dashboard/src/meeting).
      <FollowMeeting screen={screen} payload={load.payload}>
        {(cover) => <DisplayWall payload={load.payload} screen={screen} meeting={cover} />}
      </FollowMeeting>
    );
  return <SinglePage payload={load.payload} screen={screen} />;
}

/** A page opened on its own (/wall/<page>): heartbeats and commands too, without a playlist. */
function SinglePage({ payload, screen }: { payload: ScreenPayload; screen: string }) {
  const client = useLive();
  useScreenAgent({
    client,
    screen,
    heartbeatS: 5,
    shown: () => ({ page: payload.screen.id, index: 0, count: 1, paused: false, takeover: null }),
    onCommand: (c) => {
      if (c.type === 'reload') window.location.reload();
    },
  });
  return <WallCanvas payload={payload} />;
}
