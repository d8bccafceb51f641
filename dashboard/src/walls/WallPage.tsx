/**
 * A wall screen: loads its layout, opens the page's one live connection, and draws the panels on the
 * fixed, scaled canvas. Before the layout arrives it shows a dark "Đang kết nối…" canvas, never white.
 */
import { useEffect, useMemo } from 'react';
import type { ScreenPayload } from '../../../contract/http.ts';
import { LiveContext, useConnection, useLive, useLiveClient } from '../live/react.ts';
import { useScreenPayload } from '../live/screen.ts';
import { browserStorage, resolveToken } from '../live/token.ts';
import { useScreenAgent } from './agent.ts';
import { DisplayWall } from './DisplayWall.tsx';
import { Message, WallCanvas } from './WallCanvas.tsx';

export function WallPage({ screen }: { screen: string }) {
  const token = useMemo(() => resolveToken(screen, window.location.search, browserStorage()), [screen]);
  const client = useLiveClient(token);
  useEffect(() => {
    // Test and bench hook.
    if (client) (window as unknown as { __iocLive?: unknown }).__iocLive = { stats: client.store.stats, store: client.store };
  }, [client]);
  if (!token) {
    return (
      <Message
        title="Thiếu mã truy cập (token)"
        detail={`Mở địa chỉ dạng /wall/${screen}?token=<mã thiết bị>. Mã được ghi nhớ trên máy này cho các lần tải lại sau.`}
        tone="error"
      />
    );
  }
  if (!client) return <Message title="Đang kết nối…" tone="wait" />;
  return (
    <LiveContext value={client}>
      <Wall screen={screen} token={token} />
    </LiveContext>
  );
}

function Wall({ screen, token }: { screen: string; token: string }) {
  const conn = useConnection();
  const load = useScreenPayload(screen, token, conn.resyncs);
  if (load.state === 'unauthorized') return <Message title="Mã truy cập bị từ chối" detail={load.message} tone="error" />;
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
        title="Mã truy cập bị từ chối"
        detail="Máy chủ từ chối kết nối số liệu: mã (token) sai, thiếu hoặc đã bị thu hồi. Kiểm tra ?token= trong địa chỉ."
        tone="error"
      />
    );
  }
  if (load.payload.display) return <DisplayWall payload={load.payload} screen={screen} />;
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
