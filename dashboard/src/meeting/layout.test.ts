import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupInfo, IndicatorInfo } from '../../../contract/http.ts';
import type { View } from '../../../contract/meetings.ts';
import { chronological, layoutGroups, tileCells, viewLayout, type Medium } from './layout.ts';

const ind = (id: string, communeLevel = true): IndicatorInfo => ({
  id,
  group: id.split('.')[0]!,
  name: id,
  nameEn: id,
  unit: '%',
  unitEn: '%',
  period: 'month',
  aggregation: 'last',
  higherIsBetter: true,
  neutral: false,
  hasPlan: false,
  communeLevel,
});
const group = (id: string, n: number): GroupInfo => ({
  id,
  name: id,
  nameEn: id,
  period: 'month',
  owner: 'STC',
  indicators: Array.from({ length: n }, (_, i) => ind(`${id}.i${i}`, i !== 1)),
});
const GROUPS = [group('small', 3), group('mid', 8), group('big', 12)];

/** `kind@area:col,row,w,h` per panel, in order: what the wall shows and where. */
function shape(view: View, medium: Medium = 'wall'): string[] {
  const l = viewLayout(view, GROUPS, '56', medium);
  if (l.problem) return [`problem: ${l.problem}`];
  return l.sections.flatMap((s) => s.panels.map((p) => `${p.kind}@${s.area}:${p.at.col},${p.at.row},${p.at.w},${p.at.h}`));
}

test('each kind of view gets its layout on the 12 × 6 grid', () => {
  const cases: [string, View, string[]][] = [
    ['a group of 3: one row of tiles', { group: 'small' }, ['kpi-tile@56:0,0,4,6', 'kpi-tile@56:4,0,4,6', 'kpi-tile@56:8,0,4,6']],
    [
      'a group of 8: two rows of 4',
      { group: 'mid' },
      ['0,0', '3,0', '6,0', '9,0', '0,3', '3,3', '6,3', '9,3'].map((c) => `kpi-tile@56:${c},3,3`),
    ],
    [
      'a group of 12: four tiles over the overview',
      { group: 'big' },
      ['kpi-tile@56:0,0,3,3', 'kpi-tile@56:3,0,3,3', 'kpi-tile@56:6,0,3,3', 'kpi-tile@56:9,0,3,3', 'group-overview@56:0,3,12,3'],
    ],
    [
      'a commune: its figures',
      { group: 'small', area: '22333' },
      ['kpi-tile@22333:0,0,4,6', 'kpi-tile@22333:4,0,4,6', 'kpi-tile@22333:8,0,4,6'],
    ],
    [
      'an indicator: tile, trend, ranking, map',
      { group: 'small', indicator: 'small.i0' },
      ['kpi-tile@56:0,0,4,3', 'trend-chart@56:0,3,4,3', 'commune-ranking@56:4,0,4,6', 'map@56:8,0,4,6'],
    ],
    [
      'an indicator without commune figures: tile and a wide trend',
      { group: 'small', indicator: 'small.i1' },
      ['kpi-tile@56:0,0,4,6', 'trend-chart@56:4,0,8,6'],
    ],
    [
      'an indicator at a commune: its series beside the province ranking and map',
      { group: 'small', indicator: 'small.i0', area: '22333' },
      ['kpi-tile@22333:0,0,4,3', 'trend-chart@22333:0,3,4,3', 'commune-ranking@56:4,0,4,6', 'map@56:8,0,4,6'],
    ],
    [
      'two communes compared: side by side',
      { group: 'small', indicator: 'small.i0', compare: { areas: ['22333', '22366'] } },
      ['kpi-tile@22333:0,0,6,3', 'trend-chart@22333:0,3,6,3', 'kpi-tile@22366:6,0,6,3', 'trend-chart@22366:6,3,6,3'],
    ],
    [
      'six communes compared: two rows of tiles',
      { group: 'small', indicator: 'small.i0', compare: { areas: ['1', '2', '3', '4', '5', '6'].map((x) => `2233${x}`) } },
      ['0,0', '4,0', '8,0', '0,3', '4,3', '8,3'].map((c, i) => `kpi-tile@2233${i + 1}:${c},4,3`),
    ],
    [
      'a group compared across two communes: an overview each',
      { group: 'big', compare: { areas: ['22333', '22366'] } },
      ['group-overview@22333:0,0,6,6', 'group-overview@22366:6,0,6,6'],
    ],
    ['an unknown group', { group: 'nope' }, ['problem: Không có nhóm chỉ tiêu "nope"']],
    ['an indicator of another group', { group: 'small', indicator: 'mid.i0' }, ['problem: Không có chỉ tiêu "mid.i0"']],
  ];
  for (const [name, view, want] of cases) assert.deepEqual(shape(view), want, name);
});

/** `kind@area[/period][>against][~marks]:cell`: which window each panel shows, and what it is compared with. */
function periodShape(view: View, medium: Medium = 'wall'): string[] {
  const l = viewLayout(view, GROUPS, '56', medium);
  if (l.problem) return [`problem: ${l.problem}`];
  return l.sections.flatMap((s) =>
    s.panels.map((p) => {
      const period = s.period ? `/${s.period}` : '';
      const against = s.against ? `>${s.against}` : '';
      const marks = s.marks.length && s.marks.join() !== s.period ? `~${s.marks.join('+')}` : '';
      return `${p.kind}@${s.area}${period}${against}${marks}:${p.at.col},${p.at.row},${p.at.w},${p.at.h}`;
    }),
  );
}

test('with a period, every section shows that window; compared periods are columns, earliest first', () => {
  const cases: [string, View, string[]][] = [
    [
      'no period: each panel its own latest',
      { group: 'small', indicator: 'small.i1' },
      ['kpi-tile@56:0,0,4,6', 'trend-chart@56:4,0,8,6'],
    ],
    [
      'a quarter of an indicator: tile, trend (marked), ranking and map of the quarter',
      { group: 'small', indicator: 'small.i0', period: '2026-Q3' },
      [
        'kpi-tile@56/2026-Q3:0,0,4,3',
        'trend-chart@56/2026-Q3:0,3,4,3',
        'commune-ranking@56/2026-Q3:4,0,4,6',
        'map@56/2026-Q3:8,0,4,6',
      ],
    ],
    [
      'nine months at a commune: its series and the province ranking, both of the window',
      { group: 'small', indicator: 'small.i0', area: '22333', period: '2026-9M' },
      [
        'kpi-tile@22333/2026-9M:0,0,4,3',
        'trend-chart@22333/2026-9M:0,3,4,3',
        'commune-ranking@56/2026-9M:4,0,4,6',
        'map@56/2026-9M:8,0,4,6',
      ],
    ],
    [
      'a group in a year-to-date window: its tiles of the window',
      { group: 'small', period: '2026-10-YTD' },
      ['kpi-tile@56/2026-10-YTD:0,0,4,6', 'kpi-tile@56/2026-10-YTD:4,0,4,6', 'kpi-tile@56/2026-10-YTD:8,0,4,6'],
    ],
    [
      'communes compared in a quarter: each column of the quarter',
      { group: 'small', indicator: 'small.i0', period: '2026-Q3', compare: { areas: ['22333', '22366'] } },
      [
        'kpi-tile@22333/2026-Q3:0,0,6,3',
        'trend-chart@22333/2026-Q3:0,3,6,3',
        'kpi-tile@22366/2026-Q3:6,0,6,3',
        'trend-chart@22366/2026-Q3:6,3,6,3',
      ],
    ],
    [
      'two quarters compared (given latest first): earliest first, the later against it, a trend marking both',
      { group: 'small', indicator: 'small.i0', compare: { periods: ['2026-Q3', '2025-Q3'] } },
      ['kpi-tile@56/2025-Q3:0,0,6,3', 'kpi-tile@56/2026-Q3>2025-Q3:6,0,6,3', 'trend-chart@56~2025-Q3+2026-Q3:0,3,12,3'],
    ],
    [
      'three windows at a commune: a third each, each against the one before',
      { group: 'small', indicator: 'small.i0', area: '22333', compare: { periods: ['2026-Q1', '2026-Q3', '2026-Q2'] } },
      [
        'kpi-tile@22333/2026-Q1:0,0,4,3',
        'kpi-tile@22333/2026-Q2>2026-Q1:4,0,4,3',
        'kpi-tile@22333/2026-Q3>2026-Q2:8,0,4,3',
        'trend-chart@22333~2026-Q1+2026-Q2+2026-Q3:0,3,12,3',
      ],
    ],
    [
      'a group over four periods: its figures per period, a quarter of the width each',
      { group: 'big', compare: { periods: ['2026', '2025', '2024', '2023'] } },
      [
        'group-overview@56/2023:0,0,3,6',
        'group-overview@56/2024>2023:3,0,3,6',
        'group-overview@56/2025>2024:6,0,3,6',
        'group-overview@56/2026>2025:9,0,3,6',
      ],
    ],
  ];
  for (const [name, view, want] of cases) assert.deepEqual(periodShape(view), want, name);
  assert.deepEqual(periodShape({ group: 'small', indicator: 'small.i0', period: '2026-H1' }, 'print'), [
    'kpi-tile@56/2026-H1:0,0,4,3',
    'trend-chart@56/2026-H1:0,3,4,3',
    'commune-ranking@56/2026-H1:4,0,8,6',
  ]);
});

test('selections in time order: by the end of the window, the longer first', () => {
  const cases: [string[], string[]][] = [
    [
      ['2026-Q3', '2025-Q3'],
      ['2025-Q3', '2026-Q3'],
    ],
    [
      ['2026-Q3', '2026-9M', '2026-09'],
      ['2026-9M', '2026-Q3', '2026-09'],
    ],
    [
      ['2026', '2026-H1', '2026-10-YTD'],
      ['2026-H1', '2026-10-YTD', '2026'],
    ],
  ];
  for (const [given, want] of cases) assert.deepEqual(chronological(given), want, given.join());
});

test('printed: no live map, a longer ranking in its place', () => {
  assert.deepEqual(shape({ group: 'small', indicator: 'small.i0', area: '22333' }, 'print'), [
    'kpi-tile@22333:0,0,4,3',
    'trend-chart@22333:0,3,4,3',
    'commune-ranking@56:4,0,8,6',
  ]);
  const l = viewLayout({ group: 'small', indicator: 'small.i0' }, GROUPS, '56', 'print');
  const ranking = l.sections[0]!.panels.find((p) => p.kind === 'commune-ranking');
  assert.equal(ranking && 'limit' in ranking && ranking.limit, 15);
});

test('a map at a commune is focused on it; layouts name the groups they read', () => {
  const l = viewLayout({ group: 'small', indicator: 'small.i0', area: '22333' }, GROUPS, '56');
  const map = l.sections[1]!.panels.find((p) => p.kind === 'map');
  assert.equal(map && 'area' in map && map.area, '22333');
  assert.deepEqual(layoutGroups(viewLayout({ group: 'big' }, GROUPS, '56')), ['big']);
});

test('tiles fill their block in reading order, never wider than it', () => {
  const cases: [number, string[]][] = [
    [0, []],
    [1, ['0,0,12,6']],
    [5, ['0,0,4,3', '4,0,4,3', '8,0,4,3', '0,3,4,3', '4,3,4,3']],
  ];
  for (const [n, want] of cases)
    assert.deepEqual(
      tileCells(n, { col: 0, row: 0, w: 12, h: 6 }).map((c) => `${c.col},${c.row},${c.w},${c.h}`),
      want,
      `${n} tiles`,
    );
});
