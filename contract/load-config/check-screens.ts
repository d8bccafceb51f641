/**
 * Wall pages: unique ids; every panel refers to an indicator or group that exists and suits the panel
 * (a commune ranking or a choropleth needs commune figures), names a commune of the province as its area,
 * fits the grid and overlaps no other panel.
 */
import { parsePeriod } from '../period.ts';
import type { PanelConfig, ProvinceConfig, ScreenConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded, YamlSource } from './yaml-source.ts';
import type { Catalog } from './check-groups.ts';
import { suggestHint } from './hints.ts';

/** Checks every page; returns the page ids. */
export function checkScreens(
  screens: readonly Loaded<ScreenConfig>[],
  catalog: Catalog,
  province: ProvinceConfig | null,
  issues: ConfigIssue[],
): Set<string> {
  const screenIds = new Set<string>();
  for (const { source, value: s } of screens) {
    if (screenIds.has(s.id)) issues.push(source.issue(['id'], `screen "${s.id}" is defined twice`));
    screenIds.add(s.id);
    s.panels.forEach((p, i) => {
      checkPanelRefs(p, i, source, catalog, issues);
      if (p.kind === 'map') checkMapPanel(p, i, source, catalog, province, issues);
      checkPanelArea(p, i, source, province, issues);
      checkPanelFits(p, i, s, source, issues);
    });
    checkOverlaps(s, source, issues);
  }
  return screenIds;
}

/** The panel's indicator or group exists; a commune ranking is on an indicator reported per commune. */
function checkPanelRefs(
  p: PanelConfig,
  i: number,
  source: YamlSource,
  { indicators, groupIds }: Catalog,
  issues: ConfigIssue[],
): void {
  if ('indicator' in p && !indicators.has(p.indicator))
    issues.push(
      source.issue(['panels', i, 'indicator'], `unknown indicator "${p.indicator}"`, suggestHint(p.indicator, indicators.keys())),
    );
  if (p.kind === 'table')
    p.indicators.forEach((id, k) => {
      if (!indicators.has(id))
        issues.push(
          source.issue(['panels', i, 'indicators', k], `unknown indicator "${id}"`, suggestHint(id, indicators.keys())),
        );
    });
  if (p.kind === 'group-overview' && !groupIds.has(p.group))
    issues.push(source.issue(['panels', i, 'group'], `unknown group "${p.group}"`, suggestHint(p.group, groupIds)));
  if (p.kind === 'commune-ranking') {
    const ind = indicators.get(p.indicator);
    if (ind && !ind.communeLevel)
      issues.push(
        source.issue(
          ['panels', i, 'indicator'],
          `"${p.indicator}" is not reported per commune, so communes cannot be ranked on it`,
          'pick an indicator with communeLevel: true',
        ),
      );
  }
}

/** A map panel: a commune-level indicator and a period of its kind. */
function checkMapPanel(
  p: Extract<PanelConfig, { kind: 'map' }>,
  i: number,
  source: YamlSource,
  catalog: Catalog,
  province: ProvinceConfig | null,
  issues: ConfigIssue[],
): void {
  const ind = catalog.indicators.get(p.indicator);
  if (ind && !ind.communeLevel && p.layers.includes('choropleth'))
    issues.push(
      source.issue(
        ['panels', i, 'indicator'],
        `"${p.indicator}" is not reported per commune, so the map cannot colour communes by it`,
        'pick an indicator with communeLevel: true, or drop "choropleth" from layers',
      ),
    );
  if (ind && p.period !== undefined) {
    const period = parsePeriod(p.period);
    if (!period || (period.kind !== ind.period && period.kind !== 'year'))
      issues.push(
        source.issue(
          ['panels', i, 'period'],
          `"${p.period}" is not a ${ind.period} period of ${p.indicator}`,
          "a month is '2026-10', a quarter '2026-Q3', a half-year '2026-H1', a year '2026'",
        ),
      );
  }
}

/** A panel's `area` (kpi-tile, gauge, table, map) is a commune of the province. */
function checkPanelArea(
  p: PanelConfig,
  i: number,
  source: YamlSource,
  province: ProvinceConfig | null,
  issues: ConfigIssue[],
): void {
  const area = 'area' in p ? p.area : undefined;
  if (area !== undefined && province && !province.communes.some((c) => c.code === area))
    issues.push(
      source.issue(
        ['panels', i, 'area'],
        `"${area}" is not one of the province's communes`,
        'use a 5-digit commune code from province.yaml',
      ),
    );
}

function checkPanelFits(p: PanelConfig, i: number, s: ScreenConfig, source: YamlSource, issues: ConfigIssue[]): void {
  if (p.at.col + p.at.w > s.grid.columns || p.at.row + p.at.h > s.grid.rows)
    issues.push(
      source.issue(
        ['panels', i, 'at'],
        `panel reaches beyond the ${s.grid.columns}×${s.grid.rows} grid`,
        'col + w must be ≤ grid.columns and row + h ≤ grid.rows (0-based cells)',
      ),
    );
}

/** Overlapping panels would hide a figure behind another; one issue per panel, at its first shared cell. */
function checkOverlaps(s: ScreenConfig, source: YamlSource, issues: ConfigIssue[]): void {
  const cells = new Map<string, number>();
  s.panels.forEach((p, i) => {
    for (let c = p.at.col; c < p.at.col + p.at.w; c++)
      for (let r = p.at.row; r < p.at.row + p.at.h; r++) {
        const prev = cells.get(`${c},${r}`);
        if (prev !== undefined && prev !== i) {
          issues.push(
            source.issue(['panels', i, 'at'], `panel overlaps panel ${prev} at cell (${c}, ${r})`, 'move or shrink one of them'),
          );
          return;
        }
        cells.set(`${c},${r}`, i);
      }
  });
}
