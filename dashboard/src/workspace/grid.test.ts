import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyKey,
  clampCell,
  collisions,
  dragTo,
  firstFree,
  keyAction,
  offGrid,
  overlappingPairs,
  overlaps,
  settle,
  stepOf,
  type Cell,
} from './grid.ts';

const G = { columns: 12, rows: 6 };
const c = (col: number, row: number, w: number, h: number): Cell => ({ col, row, w, h });

test('clampCell keeps a cell on the grid (table)', () => {
  const rows: [Cell, Cell][] = [
    [c(0, 0, 3, 2), c(0, 0, 3, 2)],
    [c(-2, -1, 3, 2), c(0, 0, 3, 2)],
    [c(11, 5, 3, 2), c(9, 4, 3, 2)],
    [c(0, 0, 20, 9), c(0, 0, 12, 6)],
    [c(4, 2, 0, -1), c(4, 2, 1, 1)],
    [c(1.6, 0.4, 2.2, 1.5), c(2, 0, 2, 2)],
  ];
  for (const [input, want] of rows) assert.deepEqual(clampCell(input, G), want, JSON.stringify(input));
});

test('overlaps, collisions, pairs, off the grid (table)', () => {
  const rows: [Cell, Cell, boolean][] = [
    [c(0, 0, 3, 2), c(3, 0, 3, 2), false], // touching edges
    [c(0, 0, 3, 2), c(2, 1, 3, 2), true],
    [c(0, 0, 3, 2), c(0, 2, 3, 2), false],
    [c(0, 0, 12, 6), c(5, 3, 1, 1), true], // containment
  ];
  for (const [a, b, want] of rows) {
    assert.equal(overlaps(a, b), want);
    assert.equal(overlaps(b, a), want);
  }
  const cells = [c(0, 0, 3, 2), c(3, 0, 3, 2), c(0, 2, 6, 4)];
  assert.deepEqual(collisions(cells, 0, c(2, 1, 2, 2)), [1, 2]);
  assert.deepEqual(collisions(cells, 0, c(0, 0, 3, 2)), []);
  assert.deepEqual(overlappingPairs([...cells, c(5, 5, 1, 1)]), [[2, 3]]);
  assert.equal(offGrid(c(10, 0, 3, 1), G), true);
  assert.equal(offGrid(c(9, 5, 3, 1), G), false);
});

test('dragTo: pointer pixels to whole cells, rounded, on the grid (table)', () => {
  const step = stepOf({ width: 1190, height: 590, gap: 10 }, G); // cells 90 × 90, gaps 10
  assert.deepEqual(step, { x: 100, y: 100 });
  const start = c(2, 1, 3, 2);
  const rows: [string, 'move' | 'resize', number, number, Cell][] = [
    ['no motion', 'move', 0, 0, start],
    ['under half a cell stays', 'move', 40, -40, start],
    ['one cell right', 'move', 60, 0, c(3, 1, 3, 2)],
    ['three right, one down', 'move', 300, 100, c(5, 2, 3, 2)],
    ['far past the edge stops at it', 'move', 5000, 5000, c(9, 4, 3, 2)],
    ['far up-left stops at 0,0', 'move', -5000, -5000, c(0, 0, 3, 2)],
    ['resize grows', 'resize', 210, 100, c(2, 1, 5, 3)],
    ['resize never below 1×1', 'resize', -1000, -1000, c(2, 1, 1, 1)],
    ['resize stops at the grid edge', 'resize', 5000, 5000, c(2, 1, 10, 5)],
  ];
  for (const [name, mode, dx, dy, want] of rows) assert.deepEqual(dragTo(start, mode, dx, dy, step, G), want, name);
});

test('settle: a panel never lands on another', () => {
  const cells = [c(0, 0, 3, 2), c(3, 0, 3, 2)];
  assert.deepEqual(settle(cells, 0, c(2, 0, 3, 2), c(0, 0, 3, 2)), c(0, 0, 3, 2));
  assert.deepEqual(settle(cells, 0, c(0, 2, 3, 2), c(0, 0, 3, 2)), c(0, 2, 3, 2));
});

test('keyboard: arrows move, shift+arrows resize, blocked by edges and panels (table)', () => {
  assert.deepEqual(keyAction('ArrowRight', false), { kind: 'move', dc: 1, dr: 0 });
  assert.deepEqual(keyAction('ArrowUp', true), { kind: 'resize', dw: 0, dh: -1 });
  assert.equal(keyAction('Enter', false), null);
  const cells = [c(0, 0, 3, 2), c(3, 0, 3, 2), c(0, 4, 2, 2)];
  const rows: [number, string, boolean, Cell][] = [
    [0, 'ArrowDown', false, c(0, 1, 3, 2)],
    [0, 'ArrowLeft', false, c(0, 0, 3, 2)], // at the edge
    [0, 'ArrowRight', false, c(0, 0, 3, 2)], // panel 1 in the way
    [1, 'ArrowRight', false, c(4, 0, 3, 2)],
    [0, 'ArrowRight', true, c(0, 0, 3, 2)], // growing into panel 1
    [0, 'ArrowDown', true, c(0, 0, 3, 3)],
    [0, 'ArrowUp', true, c(0, 0, 3, 1)],
    [2, 'ArrowDown', true, c(0, 4, 2, 2)], // bottom edge
    [2, 'ArrowLeft', true, c(0, 4, 1, 2)],
  ];
  for (const [i, key, shift, want] of rows)
    assert.deepEqual(applyKey(cells, i, keyAction(key, shift)!, G), want, `${i} ${key} ${shift}`);
  assert.deepEqual(applyKey([c(0, 0, 1, 1)], 0, { kind: 'resize', dw: -1, dh: -1 }, G), c(0, 0, 1, 1));
});

test('firstFree: row by row, then 1×1, null when full', () => {
  assert.deepEqual(firstFree([], G, 3, 2), c(0, 0, 3, 2));
  assert.deepEqual(firstFree([c(0, 0, 3, 2)], G, 3, 2), c(3, 0, 3, 2));
  assert.deepEqual(firstFree([c(0, 0, 12, 5), c(0, 5, 11, 1)], G, 3, 2), c(11, 5, 1, 1));
  assert.equal(firstFree([c(0, 0, 12, 6)], G, 1, 1), null);
});
