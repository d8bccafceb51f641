/**
 * A wall screen: loads its layout, opens the page's one live connection, and draws the panels on the
 * fixed, scaled canvas. Before the layout arrives it shows a dark "Đang kết nối…" canvas, never white.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { LiveClient } from '../live/client.ts';
import { LiveContext, useConnection, useLive } from '../live/react.ts';
import { useScreenPayload } from '../live/screen.ts';
import { browserStorage, resolveToken } from '../live/token.ts';
import { PanelHost } from '../panels/common/PanelHost.tsx';
import { Canvas } from './Canvas.tsx';
import { cellRect } from './fit.ts';
import { Header } from './Header.tsx';
import { gridArea } from './layout.ts';
import type { ScreenPayload } from '../../../contract/http.ts';
import { useScreenAgent } from './agent.ts';
import { DisplayWall } from './DisplayWall.tsx';

const DEFAULT_DESIGN = { width: 1920, height: 1080 };

export function WallPage({ screen }: { screen: string }) {
  const token = useMemo(() => resolveToken(screen, window.location.search, browserStorage()), [screen]);
  const [client, setClient] = useState<LiveClient | null>(null);
  useEffect(() => {
    if (!token) return;
    const c = new LiveClient(token);
    setClient(c);
    (window as unknown as { __iocLive?: unknown }).__iocLive = { stats: c.store.stats, store: c.store };
    return () => c.close();
  }, [token]);
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
    return <Message title="Đang kết nối…" detail={load.problem ? `${load.problem}${retry}` : 'Đang tải bố cục màn hình'} tone="wait" />;
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

export function WallCanvas({ payload, place, minType, overlay }: { payload: ScreenPayload; place?: string | null; minType?: number; overlay?: ReactNode }) {
  const { screen, province } = payload;
  const area = gridArea(screen.design);
  useEffect(() => {
    document.title = `${screen.title} · ${province.name}`;
  }, [screen.title, province.name]);
  return (
    <Canvas design={screen.design} minType={minType}>
      <Header centerTitle={province.centerTitle} title={screen.title} place={place ?? null} />
      {screen.panels.map((panel, i) => {
        const r = cellRect(screen.grid, panel.at, area);
        return (
          <div key={`${i}:${panel.kind}`} className="panel-slot" style={{ left: r.left, top: r.top, width: r.width, height: r.height }}>
            <PanelHost panel={panel} index={i} payload={payload} />
          </div>
        );
      })}
      {overlay}
    </Canvas>
  );
}

/** A full-canvas message (connecting, refused, unknown screen): dark, large, never a white page. */
export function Message({ title, detail, tone }: { title: string; detail?: string; tone: 'wait' | 'error' }) {
  return (
    <Canvas design={DEFAULT_DESIGN}>
      <div className={`wall-message wall-message--${tone}`} data-testid="wall-message" role={tone === 'error' ? 'alert' : 'status'}>
        {tone === 'wait' ? <div className="spinner" aria-hidden="true" /> : <div className="wall-message-icon">⚠</div>}
        <div className="wall-message-title">{title}</div>
        {detail ? <div className="wall-message-detail">{detail}</div> : null}
      </div>
    </Canvas>
  );
}
