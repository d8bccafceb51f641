/**
 * The wall's fixed design canvas: scaled uniformly into the window (letterboxed, centred), and the
 * panel grid inside it. Pure geometry, shared by the wall page and its tests.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Fit {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** Uniform scale that fits the design into the window, with the spare space split on both sides. */
export function fitCanvas(design: Size, win: Size): Fit {
  if (design.width <= 0 || design.height <= 0 || win.width <= 0 || win.height <= 0) {
    return { scale: 1, offsetX: 0, offsetY: 0 };
  }
  const scale = Math.min(win.width / design.width, win.height / design.height);
  return {
    scale,
    offsetX: (win.width - design.width * scale) / 2,
    offsetY: (win.height - design.height * scale) / 2,
  };
}

export interface GridSpec {
  columns: number;
  rows: number;
}

export interface Cell {
  col: number;
  row: number;
  w: number;
  h: number;
}

/** The grid's area on the canvas and the gap between cells, in design pixels. */
export interface GridArea {
  left: number;
  top: number;
  width: number;
  height: number;
  gap: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Rectangle of a panel placed at `at` on the grid. Cells share the area equally after the gaps; a panel
 * spanning several cells also covers the gaps between them. A placement running past the grid is
 * clipped to it (configuration is validated elsewhere; the wall must still draw).
 */
export function cellRect(grid: GridSpec, at: Cell, area: GridArea): Rect {
  const cols = Math.max(1, grid.columns);
  const rows = Math.max(1, grid.rows);
  const cw = (area.width - area.gap * (cols - 1)) / cols;
  const ch = (area.height - area.gap * (rows - 1)) / rows;
  const col = Math.min(Math.max(0, at.col), cols - 1);
  const row = Math.min(Math.max(0, at.row), rows - 1);
  const w = Math.max(1, Math.min(at.w, cols - col));
  const h = Math.max(1, Math.min(at.h, rows - row));
  return {
    left: area.left + col * (cw + area.gap),
    top: area.top + row * (ch + area.gap),
    width: w * cw + (w - 1) * area.gap,
    height: h * ch + (h - 1) * area.gap,
  };
}
