/**
 * The page on the editor's canvas: the real wall header and panel components with live data, at the
 * page's design size (the wall's true resolution) scaled to fit the editor (CSS transform), and over
 * each panel a box staff move by dragging (pointer events) or with the keyboard (arrows move,
 * shift + arrows resize), a corner handle to resize. A drag stops where the panel still fits: it never
 * lands on another panel nor leaves the grid. The preview measures the type each panel draws so the
 * editor can warn where it falls below the wall's minimum.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ScreenConfig } from '../../../contract/config/screens.ts';
import type { ScreenPayload } from '../../../contract/http.ts';
import { PanelHost } from '../panels/common/PanelHost.tsx';
import { KIND_LABEL_VI } from '../panels/registry.ts';
import { cellRect } from '../walls/fit.ts';
import { Header } from '../walls/Header.tsx';
import { gridArea } from '../walls/layout.ts';
import { applyKey, collisions, dragTo, keyAction, stepOf, type Cell, type DragMode } from './grid.ts';
import type { MeasuredPanel } from './type-size.ts';

/** The real panels, apart from the boxes over them: a drag re-renders the boxes only. */
const PanelsLayer = memo(function PanelsLayer({ page, payload }: { page: ScreenConfig; payload: ScreenPayload }) {
  const area = gridArea(page.design);
  return (
    <>
      {page.panels.map((panel, i) => {
        const r = cellRect(page.grid, panel.at, area);
        return (
          <div
            key={`${i}:${panel.kind}:${JSON.stringify(panel)}`}
            className="panel-slot"
            data-index={i}
            style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
          >
            <PanelHost panel={panel} index={i} payload={payload} />
          </div>
        );
      })}
    </>
  );
});

interface Drag {
  index: number;
  mode: DragMode;
  start: Cell;
  x: number;
  y: number;
  at: Cell;
}

export function EditorCanvas({
  page,
  payload,
  selected,
  onSelect,
  onPlace,
  onMeasure,
  maxHeightPx,
}: {
  page: ScreenConfig;
  payload: ScreenPayload;
  selected: number | null;
  onSelect: (i: number) => void;
  onPlace: (i: number, at: Cell) => void;
  onMeasure: (m: MeasuredPanel[]) => void;
  maxHeightPx: number;
}) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const { design, grid } = page;
  const scale = Math.min(width / design.width, maxHeightPx / design.height);
  const area = gridArea(design);
  const step = stepOf({ width: area.width * scale, height: area.height * scale, gap: area.gap * scale }, grid);
  const [drag, setDrag] = useState<Drag | null>(null);
  const cells = page.panels.map((p) => p.at);

  // The smallest type each panel draws (design px), measured a moment after it rendered.
  useEffect(() => {
    const measure = () => {
      const root = inner.current;
      if (!root) return;
      const out: MeasuredPanel[] = [];
      root.querySelectorAll<HTMLElement>('.panel-slot').forEach((slot) => {
        const index = Number(slot.dataset.index);
        let mainPx: number | null = null;
        let footPx: number | null = null;
        slot.querySelectorAll<HTMLElement>('*').forEach((el) => {
          const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
          if (!hasText || el.closest('[aria-hidden="true"]')) return;
          const px = parseFloat(getComputedStyle(el).fontSize);
          if (!Number.isFinite(px)) return;
          if (el.closest('.panel-foot')) footPx = footPx === null ? px : Math.min(footPx, px);
          else mainPx = mainPx === null ? px : Math.min(mainPx, px);
        });
        out.push({ index, mainPx, footPx });
      });
      onMeasure(out);
    };
    const t = setInterval(measure, 1500);
    const first = setTimeout(measure, 400);
    return () => {
      clearInterval(t);
      clearTimeout(first);
    };
  }, [page, onMeasure]);

  const down = (e: PointerEvent<HTMLElement>, index: number, mode: DragMode) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    onSelect(index);
    const start = cells[index]!;
    setDrag({ index, mode, start, x: e.clientX, y: e.clientY, at: start });
  };
  const move = (e: PointerEvent<HTMLElement>) => {
    if (!drag) return;
    const wanted = dragTo(drag.start, drag.mode, e.clientX - drag.x, e.clientY - drag.y, step, grid);
    // Stop where the panel still fits: a drag over another panel keeps the last free place.
    if (!collisions(cells, drag.index, wanted).length && JSON.stringify(wanted) !== JSON.stringify(drag.at))
      setDrag({ ...drag, at: wanted });
  };
  const up = () => {
    if (!drag) return;
    if (JSON.stringify(drag.at) !== JSON.stringify(drag.start)) onPlace(drag.index, drag.at);
    setDrag(null);
  };
  const key = (e: KeyboardEvent<HTMLElement>, index: number) => {
    const a = keyAction(e.key, e.shiftKey);
    if (!a) return;
    e.preventDefault();
    const next = applyKey(cells, index, a, grid);
    if (JSON.stringify(next) !== JSON.stringify(cells[index])) onPlace(index, next);
  };

  return (
    <div className="ws-canvas-outer" ref={outer} style={{ height: design.height * scale }}>
      <div
        className="ws-canvas wall-canvas"
        ref={inner}
        data-testid="ws-preview"
        data-scale={scale.toFixed(4)}
        style={{ width: design.width, height: design.height, transform: `scale(${scale})` }}
      >
        <Header centerTitle={payload.province.centerTitle} title={page.title} place="Xem trước" />
        <PanelsLayer page={page} payload={payload} />
        <div className="ws-grid" aria-hidden="true">
          {Array.from({ length: grid.columns * grid.rows }, (_, k) => {
            const r = cellRect(grid, { col: k % grid.columns, row: Math.floor(k / grid.columns), w: 1, h: 1 }, area);
            return (
              <div key={k} className="ws-grid-cell" style={{ left: r.left, top: r.top, width: r.width, height: r.height }} />
            );
          })}
        </div>
        {page.panels.map((panel, i) => {
          const at = drag?.index === i ? drag.at : panel.at;
          const r = cellRect(grid, at, area);
          return (
            <div
              key={i}
              role="button"
              tabIndex={0}
              className={`ws-box${selected === i ? ' is-selected' : ''}${drag?.index === i ? ' is-dragging' : ''}`}
              data-testid={`ws-box-${i}`}
              data-at={`${at.col},${at.row},${at.w},${at.h}`}
              aria-label={`Bảng ${i + 1}: ${KIND_LABEL_VI[panel.kind]}, cột ${at.col + 1}, hàng ${at.row + 1}, rộng ${at.w}, cao ${at.h}. Mũi tên để di chuyển, Shift và mũi tên để đổi kích thước.`}
              aria-pressed={selected === i}
              style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
              onPointerDown={(e) => down(e, i, 'move')}
              onPointerMove={move}
              onPointerUp={up}
              onPointerCancel={() => setDrag(null)}
              onFocus={() => onSelect(i)}
              onKeyDown={(e) => key(e, i)}
            >
              <span className="ws-box-label">{i + 1}</span>
              <span
                className="ws-resize"
                data-testid={`ws-resize-${i}`}
                aria-hidden="true"
                onPointerDown={(e) => down(e, i, 'resize')}
                onPointerMove={move}
                onPointerUp={up}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
