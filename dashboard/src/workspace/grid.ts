/**
 * The page editor's grid rules, pure: a panel's cell snapped from pointer motion, kept inside the grid,
 * never overlapping another panel; keyboard moves (arrows) and resizes (shift + arrows); the first free
 * place for a new panel. The wall's own geometry (walls/fit.ts cellRect) turns cells into pixels.
 */
export interface Cell {
  col: number;
  row: number;
  w: number;
  h: number;
}

export interface GridSize {
  columns: number;
  rows: number;
}

/** A cell kept on the grid: at least 1×1, no wider than the grid, moved back inside when it runs past. */
export function clampCell(c: Cell, g: GridSize): Cell {
  const w = Math.max(1, Math.min(Math.round(c.w), g.columns));
  const h = Math.max(1, Math.min(Math.round(c.h), g.rows));
  return {
    col: Math.max(0, Math.min(Math.round(c.col), g.columns - w)),
    row: Math.max(0, Math.min(Math.round(c.row), g.rows - h)),
    w,
    h,
  };
}

export function overlaps(a: Cell, b: Cell): boolean {
  return a.col < b.col + b.w && b.col < a.col + a.w && a.row < b.row + b.h && b.row < a.row + a.h;
}

/** Indexes of the other panels `cell` would overlap if panel `self` were put there. */
export function collisions(cells: readonly Cell[], self: number, cell: Cell): number[] {
  const out: number[] = [];
  cells.forEach((c, i) => {
    if (i !== self && overlaps(c, cell)) out.push(i);
  });
  return out;
}

/** Every pair of panels that overlap (a page drafted by hand may have some). */
export function overlappingPairs(cells: readonly Cell[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < cells.length; i++)
    for (let j = i + 1; j < cells.length; j++) if (overlaps(cells[i]!, cells[j]!)) out.push([i, j]);
  return out;
}

export function offGrid(c: Cell, g: GridSize): boolean {
  return c.col < 0 || c.row < 0 || c.w < 1 || c.h < 1 || c.col + c.w > g.columns || c.row + c.h > g.rows;
}

/** The size of one grid step in screen pixels (cell plus gap), for turning pointer motion into cells. */
export interface StepPx {
  x: number;
  y: number;
}

export function stepOf(areaPx: { width: number; height: number; gap: number }, g: GridSize): StepPx {
  const cw = (areaPx.width - areaPx.gap * (g.columns - 1)) / g.columns;
  const ch = (areaPx.height - areaPx.gap * (g.rows - 1)) / g.rows;
  return { x: cw + areaPx.gap, y: ch + areaPx.gap };
}

export type DragMode = 'move' | 'resize';

/**
 * Where a drag that started on `start` puts the panel after the pointer moved by (dx, dy) screen pixels:
 * whole cells (rounded to the nearest), kept on the grid.
 */
export function dragTo(start: Cell, mode: DragMode, dx: number, dy: number, step: StepPx, g: GridSize): Cell {
  const dc = Math.round(dx / step.x);
  const dr = Math.round(dy / step.y);
  if (mode === 'move') return clampCell({ ...start, col: start.col + dc, row: start.row + dr }, g);
  const w = Math.max(1, Math.min(start.w + dc, g.columns - start.col));
  const h = Math.max(1, Math.min(start.h + dr, g.rows - start.row));
  return { ...start, w, h };
}

/**
 * The placement a move or resize ends in: the wanted cell when it is free, else the last free one (a
 * panel never lands on another; it stops where it still fits).
 */
export function settle(cells: readonly Cell[], self: number, wanted: Cell, lastFree: Cell): Cell {
  return collisions(cells, self, wanted).length ? lastFree : wanted;
}

export type KeyAction = { kind: 'move'; dc: number; dr: number } | { kind: 'resize'; dw: number; dh: number };

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Arrows move a panel by one cell; shift + arrows resize it (right/down grow, left/up shrink). */
export function keyAction(key: string, shift: boolean): KeyAction | null {
  const a = ARROWS[key];
  if (!a) return null;
  return shift ? { kind: 'resize', dw: a[0], dh: a[1] } : { kind: 'move', dc: a[0], dr: a[1] };
}

/** A keyboard step applied: kept on the grid and off other panels (then it does not move). */
export function applyKey(cells: readonly Cell[], self: number, action: KeyAction, g: GridSize): Cell {
  const c = cells[self]!;
  const next =
    action.kind === 'move'
      ? clampCell({ ...c, col: c.col + action.dc, row: c.row + action.dr }, g)
      : {
          ...c,
          w: Math.max(1, Math.min(c.w + action.dw, g.columns - c.col)),
          h: Math.max(1, Math.min(c.h + action.dh, g.rows - c.row)),
        };
  return collisions(cells, self, next).length ? c : next;
}

/** The first free place (row by row, left to right) for a w×h panel, shrinking it if nothing fits; null: the grid is full. */
export function firstFree(cells: readonly Cell[], g: GridSize, w: number, h: number): Cell | null {
  for (let size = 0; size < 2; size++) {
    const ww = size === 0 ? Math.min(w, g.columns) : 1;
    const hh = size === 0 ? Math.min(h, g.rows) : 1;
    for (let row = 0; row + hh <= g.rows; row++)
      for (let col = 0; col + ww <= g.columns; col++) {
        const c = { col, row, w: ww, h: hh };
        if (!cells.some((o) => overlaps(o, c))) return c;
      }
  }
  return null;
}
