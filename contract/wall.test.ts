import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WallConfig, PlaylistEntry } from './config.ts';
import {
  advance,
  asciiPage,
  asciiWall,
  displayRects,
  minCharHeightMm,
  minTypeDesignPx,
  minTypePx,
  panelsUnder,
  pause,
  playlistOf,
  resume,
  showPage,
  startPlaylist,
  view,
  OVERRIDE_HOLD_MS,
} from './wall.ts';
import { loadConfig } from './load-config.ts';

type Layout = WallConfig['layout'];
const grid = (rows: number, columns: number, bezel = { x: 0, y: 0 }, origin = { x: 0, y: 0 }): Layout => ({
  kind: 'grid',
  rows,
  columns,
  display: { width: 1920, height: 1080 },
  bezel,
  origin,
});
const displays = (cells: [number, number][]) =>
  cells.map(([col, row], i) => ({ id: `d${i + 1}`, name: `D${i + 1}`, col, row, pinned: 'p' }));

test('display windows: grids with and without bezel compensation, a desktop origin, one canvas', () => {
  const cases: [string, Layout, [number, number][], [string, number, number, number, number][]][] = [
    [
      '1×2',
      grid(1, 2),
      [
        [0, 0],
        [1, 0],
      ],
      [
        ['d1', 0, 0, 1920, 1080],
        ['d2', 1920, 0, 1920, 1080],
      ],
    ],
    [
      '2×2, bezel 40/30',
      grid(2, 2, { x: 40, y: 30 }),
      [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      [
        ['d1', 0, 0, 1920, 1080],
        ['d2', 1960, 0, 1920, 1080],
        ['d3', 0, 1110, 1920, 1080],
        ['d4', 1960, 1110, 1920, 1080],
      ],
    ],
    ['origin on a second desktop', grid(1, 1, { x: 0, y: 0 }, { x: 2560, y: 0 }), [[0, 0]], [['d1', 2560, 0, 1920, 1080]]],
    [
      'one canvas 7680×2160',
      { kind: 'canvas', width: 7680, height: 2160, origin: { x: 0, y: 0 } },
      [[0, 0]],
      [['d1', 0, 0, 7680, 2160]],
    ],
  ];
  for (const [name, layout, cells, want] of cases) {
    const got = displayRects({ layout, displays: displays(cells) }).map((r) => [r.id, r.x, r.y, r.width, r.height]);
    assert.deepEqual(got, want, name);
  }
});

test('the wall drawn to scale: 4×2 with bezels (240 px, 360 px), one character per 240 px', () => {
  const wall = {
    layout: grid(2, 4, { x: 240, y: 360 }),
    displays: displays([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]),
  };
  assert.equal(
    asciiWall(wall, 240),
    [
      '11111111 22222222 33333333 44444444',
      '11111111 22222222 33333333 44444444',
      '11111111 22222222 33333333 44444444',
      '11111111 22222222 33333333 44444444',
      '11111111 22222222 33333333 44444444',
      '',
      '55555555 66666666 77777777 88888888',
      '55555555 66666666 77777777 88888888',
      '55555555 66666666 77777777 88888888',
      '55555555 66666666 77777777 88888888',
      '55555555 66666666 77777777 88888888',
    ].join('\n'),
  );
});

test('minimum type size from viewing distance and panel size (ISO 11064-5, 20′)', () => {
  assert.ok(Math.abs(minCharHeightMm(6) - 34.9) < 0.1, 'about 35 mm at 6 m');
  const hd = { width: 1920, height: 1080 };
  const cases: [
    string,
    { distanceM: number; panelDiagonalIn: number; arcMinutes: number },
    { width: number; height: number },
    number,
  ][] = [
    ['6 m, 55″ 1080p (wall-design.md: ~55 px)', { distanceM: 6, panelDiagonalIn: 55, arcMinutes: 20 }, hd, 56],
    ['6 m, 55″ 4K: twice the pixels', { distanceM: 6, panelDiagonalIn: 55, arcMinutes: 20 }, { width: 3840, height: 2160 }, 111],
    ['3 m, 55″ 1080p', { distanceM: 3, panelDiagonalIn: 55, arcMinutes: 20 }, hd, 28],
    ['6 m at the 16′ minimum', { distanceM: 6, panelDiagonalIn: 55, arcMinutes: 16 }, hd, 45],
    ['10 m, 65″ 1080p', { distanceM: 10, panelDiagonalIn: 65, arcMinutes: 20 }, hd, 78],
  ];
  for (const [name, viewing, px, want] of cases) assert.equal(minTypePx(viewing, px), want, name);
  // A 1920×1080 design on a 3840×2160 panel is drawn twice as large: the design minimum halves.
  assert.equal(minTypeDesignPx(111, { width: 1920, height: 1080 }, { width: 3840, height: 2160 }), 56);
  assert.equal(minTypeDesignPx(56, { width: 1920, height: 1080 }, { width: 1920, height: 1080 }), 56);
  // A 4K design on a 1080p display is drawn at half size: its type must be twice as large.
  assert.equal(minTypeDesignPx(56, { width: 3840, height: 2160 }, { width: 1920, height: 1080 }), 112);
});

test('pages as ASCII grids, and the panels an alert region covers', () => {
  const c = loadConfig('config');
  const page = c.screens.find((s) => s.id === 'tong-quan')!;
  assert.equal(
    asciiPage(page),
    ['AAABBBCCCDDD', 'AAABBBCCCDDD', 'EEEEEEFFFGGG', 'EEEEEEFFFGGG', 'EEEEEEFFFGGG', 'EEEEEEFFFGGG'].join('\n'),
  );
  const wall = c.walls.find((w) => w.id === 'phong-dieu-hanh')!;
  const region = wall.alerts!.region;
  assert.equal(
    asciiPage(page, region),
    ['AAABBBCCCDDD', 'AAABBBCCCDDD', 'EEEEEEFFF!!!', 'EEEEEEFFF!!!', 'EEEEEEFFF!!!', 'EEEEEEFFF!!!'].join('\n'),
  );
  assert.deepEqual(panelsUnder(page, region), [6]);
  assert.deepEqual(panelsUnder(page, { col: 2, row: 1, w: 2, h: 2 }), [0, 1, 4]);
});

const list: PlaylistEntry[] = [
  { page: 'a', dwellS: 60 },
  { page: 'b', dwellS: 30 },
  { page: 'c', dwellS: 10 },
];
const S = 1000;

test('playlist: dwell times, wrap-around, skipping whole cycles after a suspended tab', () => {
  const t0 = 1_000_000;
  const st = startPlaylist(t0);
  const at = (ms: number) => view(list, advance(list, st, t0 + ms));
  const cases: [number, string, number, number | null][] = [
    [0, 'a', 0, t0 + 60 * S],
    [59_999, 'a', 0, t0 + 60 * S],
    [60 * S, 'b', 1, t0 + 90 * S],
    [95 * S, 'c', 2, t0 + 100 * S],
    [100 * S, 'a', 0, t0 + 160 * S],
    // 10 cycles (1000 s) and 65 s later: page b of the 11th cycle.
    [1065 * S, 'b', 1, t0 + 1090 * S],
  ];
  for (const [ms, page, index, nextAt] of cases)
    assert.deepEqual(at(ms), { page, index, count: 3, paused: false, nextAt }, `${ms} ms`);
  // Advancing step by step gives the same answer as one jump.
  let s = st;
  for (let ms = 0; ms <= 1065 * S; ms += 7 * S) s = advance(list, s, t0 + ms);
  assert.equal(view(list, advance(list, s, t0 + 1065 * S)).page, 'b');
});

test('playlist: pinned page and single page never move; pause keeps the remaining dwell; resume continues', () => {
  const pinned = playlistOf({ pinned: 'p', playlist: list });
  assert.deepEqual(pinned, [{ page: 'p', dwellS: 0 }]);
  assert.deepEqual(view(pinned, advance(pinned, startPlaylist(0), 10 ** 9)), {
    page: 'p',
    index: 0,
    count: 1,
    paused: false,
    nextAt: null,
  });

  let s = startPlaylist(0);
  s = pause(list, s, 50 * S); // 10 s left on page a
  assert.deepEqual(view(list, advance(list, s, 500 * S)), { page: 'a', index: 0, count: 3, paused: true, nextAt: null });
  s = resume(list, s, 500 * S);
  assert.deepEqual(view(list, s), { page: 'a', index: 0, count: 3, paused: false, nextAt: 510 * S });
  assert.equal(view(list, advance(list, s, 510 * S)).page, 'b');
});

test('playlist: show page jumps inside the playlist, holds an outside page, then returns', () => {
  let s = showPage(list, startPlaylist(0), 'c', 5 * S);
  assert.deepEqual(view(list, s), { page: 'c', index: 2, count: 3, paused: false, nextAt: 15 * S });
  assert.equal(view(list, advance(list, s, 15 * S)).page, 'a');

  s = showPage(list, startPlaylist(0), 'x', 5 * S);
  assert.deepEqual(view(list, advance(list, s, 100 * S)), {
    page: 'x',
    index: -1,
    count: 3,
    paused: false,
    nextAt: 5 * S + OVERRIDE_HOLD_MS,
  });
  const back = advance(list, s, 5 * S + OVERRIDE_HOLD_MS);
  assert.deepEqual(view(list, back), { page: 'a', index: 0, count: 3, paused: false, nextAt: 5 * S + OVERRIDE_HOLD_MS + 60 * S });

  // Paused: the outside page stays until resume, then for the rest of its hold.
  s = showPage(list, pause(list, startPlaylist(0), 1 * S), 'x', 2 * S);
  assert.equal(view(list, advance(list, s, 10 ** 9)).page, 'x');
  s = resume(list, s, 10 ** 9);
  assert.equal(view(list, advance(list, s, 10 ** 9 + OVERRIDE_HOLD_MS)).page, 'a');
});
