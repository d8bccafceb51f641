/**
 * A meeting's view (contract/meetings.ts View) laid out for the wall or for a printed page, as panels
 * of the existing kinds (dashboard/src/panels) on a 12 × 6 grid. Pure, tested with tables.
 *
 *  - a group (province or one commune): its KPI tiles — up to 8 as tiles, more as 4 tiles above the
 *    group's overview table (one idea per panel, never text below the wall's minimum size);
 *  - an indicator: its tile and trend; where it has commune figures, the commune ranking and the map;
 *  - an indicator at a commune: the commune's tile and trend, beside the province's ranking and the map
 *    focused on the commune;
 *  - a comparison of areas: one column per area, side by side (two rows beyond four areas);
 *  - a comparison of periods (2–4, earliest first): one column per period — its tile, or the group's
 *    figures — each after the first with the change against the one before it, above a wide trend that
 *    marks every window compared.
 *
 * With a period (`view.period`, e.g. `2026-Q3`, `2026-9M`), every section says so (`period`): its tiles
 * show that window's roll-up, its ranking and map rank and colour the communes by it, its trend marks the
 * window (`marks`). Without one, panels show their own latest period, as on the playlist.
 *
 * Panels read the figures of one area: a layout is split into sections, each fed by its area's own
 * subscription (`group:subscribe { area }`). A print page has no live map (WebGL does not print
 * reliably): the ranking takes its place, longer.
 */
import type { PanelConfig } from '../../../contract/config.ts';
import type { GroupInfo, IndicatorInfo } from '../../../contract/http.ts';
import type { View } from '../../../contract/meetings.ts';
import { parseSelection } from '../../../contract/rollup.ts';

export const MEETING_GRID = { columns: 12, rows: 6 } as const;

export type Medium = 'wall' | 'print';

export interface LayoutSection {
  /** The area whose figures the section's panels read (the province code, or a commune's). */
  area: string;
  /** The period selection every figure of the section is of; null: each panel's own latest period. */
  period: string | null;
  /** A comparison column: the selection its change is measured against (the column before it). */
  against: string | null;
  /** Windows the section's trend marks. */
  marks: string[];
  panels: PanelConfig[];
}

export interface MeetingLayout {
  sections: LayoutSection[];
  /** Nothing to lay out (unknown group, or not in the caller's catalog): a message instead. */
  problem: string | null;
}

type Cell = { col: number; row: number; w: number; h: number };
const at = (col: number, row: number, w: number, h: number): Cell => ({ col, row, w, h });

/** A section of `area`'s figures; with a period, of that window (and its trend marks it). */
const section = (area: string, period: string | null, panels: PanelConfig[], against: string | null = null): LayoutSection => ({
  area,
  period,
  against,
  marks: period ? [period] : [],
  panels,
});

/** Where `n` equal tiles go on a `cols` × `rows` block starting at (col0, row0), in reading order. */
export function tileCells(n: number, block: Cell): Cell[] {
  if (n <= 0) return [];
  // Two rows only where each keeps at least half the block's height of 6: a tile of 1 row is unreadable.
  const rows = n > 3 && block.h >= 4 ? 2 : 1;
  const perRow = Math.ceil(n / rows);
  const w = Math.floor(block.w / perRow);
  const h = Math.floor(block.h / rows);
  return Array.from({ length: n }, (_, i) => at(block.col + (i % perRow) * w, block.row + Math.floor(i / perRow) * h, w, h));
}

function groupPanels(group: GroupInfo, block: Cell): PanelConfig[] {
  const shown = group.indicators;
  if (shown.length <= 8)
    return tileCells(shown.length, block).map((c, i) => ({ kind: 'kpi-tile', indicator: shown[i]!.id, at: c }));
  const top = Math.max(1, Math.floor(block.h / 2));
  return [
    ...tileCells(4, { ...block, h: top }).map((c, i): PanelConfig => ({ kind: 'kpi-tile', indicator: shown[i]!.id, at: c })),
    { kind: 'group-overview', group: group.id, at: at(block.col, block.row + top, block.w, block.h - top) },
  ];
}

function indicatorPanels(
  ind: IndicatorInfo,
  area: string,
  provinceCode: string,
  medium: Medium,
  period: string | null,
): LayoutSection[] {
  const tile: PanelConfig = { kind: 'kpi-tile', indicator: ind.id, at: at(0, 0, 4, 3) };
  const trend: PanelConfig = { kind: 'trend-chart', indicator: ind.id, cumulative: false, at: at(0, 3, 4, 3) };
  if (!ind.communeLevel)
    return [
      section(area, period, [
        { ...tile, at: at(0, 0, 4, 6) },
        { ...trend, at: at(4, 0, 8, 6) },
      ]),
    ];
  const ranking = (w: number, limit: number): PanelConfig => ({
    kind: 'commune-ranking',
    indicator: ind.id,
    limit,
    at: at(4, 0, w, 6),
  });
  const map: PanelConfig = {
    kind: 'map',
    indicator: ind.id,
    layers: ['choropleth', 'labels'],
    view: 'province',
    heatWindowMinutes: 60,
    ...(area !== provinceCode ? { area } : {}),
    at: at(8, 0, 4, 6),
  };
  const provincePanels = medium === 'print' ? [ranking(8, 15)] : [ranking(4, 10), map];
  if (area === provinceCode) return [section(area, period, [tile, trend, ...provincePanels])];
  return [section(area, period, [tile, trend]), section(provinceCode, period, provincePanels)];
}

function compareAreas(group: GroupInfo, ind: IndicatorInfo | undefined, areas: string[], period: string | null): LayoutSection[] {
  const k = areas.length;
  const rows = k <= 4 ? 1 : 2;
  const perRow = Math.ceil(k / rows);
  const w = Math.floor(MEETING_GRID.columns / perRow);
  const h = MEETING_GRID.rows / rows;
  return areas.map((area, i) => {
    const c = at((i % perRow) * w, Math.floor(i / perRow) * h, w, h);
    if (!ind) return section(area, period, [{ kind: 'group-overview', group: group.id, at: c }]);
    if (rows === 2) return section(area, period, [{ kind: 'kpi-tile', indicator: ind.id, at: c }]);
    return section(area, period, [
      { kind: 'kpi-tile', indicator: ind.id, at: at(c.col, 0, w, 3) },
      { kind: 'trend-chart', indicator: ind.id, cumulative: false, at: at(c.col, 3, w, 3) },
    ]);
  });
}

/** Selections in time order: by the end of their window, then the longer first (9 tháng before Quý III). */
export function chronological(periods: readonly string[]): string[] {
  const key = (code: string) => {
    const s = parseSelection(code);
    return s ? [s.year * 12 + s.toMonth, -(s.toMonth - s.fromMonth)] : [Infinity, 0];
  };
  return [...periods].sort((a, b) => {
    const [ea, la] = key(a);
    const [eb, lb] = key(b);
    return ea! - eb! || la! - lb!;
  });
}

/** One column per period, each after the first against the one before it; a wide trend marking them all. */
function comparePeriods(group: GroupInfo, ind: IndicatorInfo | undefined, area: string, periods: string[]): LayoutSection[] {
  const sorted = chronological(periods);
  const w = Math.floor(MEETING_GRID.columns / sorted.length);
  const columns = sorted.map((period, i) => {
    const c = at(i * w, 0, w, ind ? 3 : MEETING_GRID.rows);
    const panel: PanelConfig = ind
      ? { kind: 'kpi-tile', indicator: ind.id, at: c }
      : { kind: 'group-overview', group: group.id, at: c };
    return section(area, period, [panel], i > 0 ? sorted[i - 1]! : null);
  });
  if (!ind) return columns;
  const trend: LayoutSection = {
    ...section(area, null, [{ kind: 'trend-chart', indicator: ind.id, cumulative: false, at: at(0, 3, 12, 3) }]),
    marks: sorted,
  };
  return [...columns, trend];
}

export function viewLayout(
  view: View,
  groups: readonly GroupInfo[],
  provinceCode: string,
  medium: Medium = 'wall',
): MeetingLayout {
  const group = groups.find((g) => g.id === view.group);
  if (!group) return { sections: [], problem: `Không có nhóm chỉ tiêu "${view.group}"` };
  const ind = view.indicator ? group.indicators.find((i) => i.id === view.indicator) : undefined;
  if (view.indicator && !ind) return { sections: [], problem: `Không có chỉ tiêu "${view.indicator}"` };
  const period = view.period ?? null;
  const areas = view.compare?.areas;
  if (areas && areas.length >= 2) return { sections: compareAreas(group, ind, areas, period), problem: null };
  const area = view.area ?? provinceCode;
  const periods = view.compare?.periods;
  if (periods && periods.length >= 2) return { sections: comparePeriods(group, ind, area, periods), problem: null };
  if (ind) return { sections: indicatorPanels(ind, area, provinceCode, medium, period), problem: null };
  return { sections: [section(area, period, groupPanels(group, at(0, 0, 12, 6)))], problem: null };
}

/** The groups a layout's sections subscribe to. */
export function layoutGroups(layout: MeetingLayout): string[] {
  return [
    ...new Set(
      layout.sections.flatMap((s) =>
        s.panels.flatMap((p) => ('group' in p ? [p.group] : 'indicator' in p ? [p.indicator.split('.')[0]!] : [])),
      ),
    ),
  ];
}
