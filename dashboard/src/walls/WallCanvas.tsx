/**
 * What a wall page draws on its fixed, scaled canvas: the header and the panels of one page layout
 * (WallCanvas), or a full-canvas message while there is no layout to draw (Message).
 */
import { useEffect, type ReactNode } from 'react';
import type { ScreenPayload } from '../../../contract/http.ts';
import { PanelHost } from '../panels/common/PanelHost.tsx';
import { Canvas } from './Canvas.tsx';
import { cellRect } from './fit.ts';
import { Header } from './Header.tsx';
import { gridArea } from './layout.ts';

const DEFAULT_DESIGN = { width: 1920, height: 1080 };

export function WallCanvas({
  payload,
  place,
  minType,
  overlay,
}: {
  payload: ScreenPayload;
  place?: string | null;
  minType?: number;
  overlay?: ReactNode;
}) {
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
          <div
            key={`${i}:${panel.kind}`}
            className="panel-slot"
            style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
          >
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
      <div
        className={`wall-message wall-message--${tone}`}
        data-testid="wall-message"
        role={tone === 'error' ? 'alert' : 'status'}
      >
        {tone === 'wait' ? <div className="spinner" aria-hidden="true" /> : <div className="wall-message-icon">⚠</div>}
        <div className="wall-message-title">{title}</div>
        {detail ? <div className="wall-message-detail">{detail}</div> : null}
      </div>
    </Canvas>
  );
}
