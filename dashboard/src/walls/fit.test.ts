import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitCanvas, cellRect, type Fit } from './fit.ts';

test('fitCanvas scales uniformly, letterboxes and centres', () => {
  const design = { width: 1920, height: 1080 };
  const cases: [string, { width: number; height: number }, Fit][] = [
    ['same size', { width: 1920, height: 1080 }, { scale: 1, offsetX: 0, offsetY: 0 }],
    ['4K', { width: 3840, height: 2160 }, { scale: 2, offsetX: 0, offsetY: 0 }],
    ['half', { width: 960, height: 540 }, { scale: 0.5, offsetX: 0, offsetY: 0 }],
    ['taller window: bars top and bottom', { width: 1920, height: 1200 }, { scale: 1, offsetX: 0, offsetY: 60 }],
    ['wider window: bars left and right', { width: 2560, height: 1080 }, { scale: 1, offsetX: 320, offsetY: 0 }],
    ['4:3 window', { width: 1024, height: 768 }, { scale: 1024 / 1920, offsetX: 0, offsetY: (768 - 576) / 2 }],
    ['empty window', { width: 0, height: 0 }, { scale: 1, offsetX: 0, offsetY: 0 }],
  ];
  for (const [name, win, want] of cases) assert.deepEqual(fitCanvas(design, win), want, name);
  assert.deepEqual(fitCanvas({ width: 7680, height: 2160 }, { width: 1920, height: 1080 }), {
    scale: 0.25,
    offsetX: 0,
    offsetY: 270,
  });
});

test('cellRect places panels in grid cells, spanning gaps', () => {
  const grid = { columns: 12, rows: 6 };
  const noGap = { left: 20, top: 120, width: 1200, height: 600, gap: 0 };
  const withGap = { left: 0, top: 0, width: 1310, height: 650, gap: 10 };
  const cases: [string, typeof noGap, { col: number; row: number; w: number; h: number }, object][] = [
    ['first cell', noGap, { col: 0, row: 0, w: 1, h: 1 }, { left: 20, top: 120, width: 100, height: 100 }],
    ['3x2 tile', noGap, { col: 3, row: 0, w: 3, h: 2 }, { left: 320, top: 120, width: 300, height: 200 }],
    ['last cell', noGap, { col: 11, row: 5, w: 1, h: 1 }, { left: 1120, top: 620, width: 100, height: 100 }],
    ['gap: first', withGap, { col: 0, row: 0, w: 1, h: 1 }, { left: 0, top: 0, width: 100, height: 100 }],
    ['gap: span covers inner gaps', withGap, { col: 1, row: 2, w: 2, h: 4 }, { left: 110, top: 220, width: 210, height: 430 }],
    ['clipped past the edge', noGap, { col: 10, row: 4, w: 5, h: 5 }, { left: 1020, top: 520, width: 200, height: 200 }],
  ];
  for (const [name, a, at, want] of cases) assert.deepEqual(cellRect(grid, at, a), want, name);
});
