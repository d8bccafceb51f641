/**
 * A panel of another kind keeping what still applies (place, title, indicator), with the defaults the
 * schema gives, so switching the kind in the editor never leaves a half panel. Pure.
 */
import type { PanelConfig, PanelKind } from '../../../contract/config/screens.ts';
import type { GroupInfo } from '../../../contract/http.ts';

export const PANEL_KINDS: PanelKind[] = [
  'kpi-tile',
  'gauge',
  'trend-chart',
  'table',
  'commune-ranking',
  'group-overview',
  'map',
  'note',
  'alert-feed',
  'camera-status',
];

export function indicatorOfPanel(p: PanelConfig): string | null {
  if ('indicator' in p) return p.indicator;
  if ('indicators' in p) return p.indicators[0] ?? null;
  return null;
}

/** The first indicator that suits the kind (commune figures for rankings and maps, a plan for gauges). */
export function suitableIndicator(kind: PanelKind, groups: readonly GroupInfo[], prefer: string | null): string {
  const all = groups.flatMap((g) => g.indicators);
  const fits = (i: (typeof all)[number]) =>
    kind === 'commune-ranking' || kind === 'map' ? i.communeLevel : kind === 'gauge' ? i.hasPlan : true;
  const preferred = all.find((i) => i.id === prefer && fits(i));
  return (preferred ?? all.find(fits) ?? all[0])?.id ?? 'budget.revenue_total';
}

export function panelOfKind(
  kind: PanelKind,
  prev: Pick<PanelConfig, 'at' | 'title'> & Partial<PanelConfig>,
  groups: readonly GroupInfo[],
): PanelConfig {
  const base = { at: prev.at, ...(prev.title ? { title: prev.title } : {}) };
  const ind = suitableIndicator(kind, groups, prev.kind ? indicatorOfPanel(prev as PanelConfig) : null);
  switch (kind) {
    case 'kpi-tile':
      return { kind, indicator: ind, ...base };
    case 'gauge':
      return { kind, indicator: ind, ...base };
    case 'trend-chart':
      return { kind, indicator: ind, cumulative: false, ...base };
    case 'commune-ranking':
      return { kind, indicator: ind, limit: 8, ...base };
    case 'map':
      return { kind, indicator: ind, layers: ['choropleth', 'labels'], view: 'province', heatWindowMinutes: 60, ...base };
    case 'table':
      return { kind, indicators: [ind], by: 'periods', basis: 'period', limit: 6, ...base };
    case 'group-overview':
      return { kind, group: groups.find((g) => g.id === ind.split('.')[0])?.id ?? groups[0]?.id ?? 'budget', ...base };
    case 'note':
      return { kind, text: '## Ghi chú\nNội dung ghi chú của chuyên viên.', ...base };
    case 'alert-feed':
      return { kind, limit: 8, minSeverity: 'low', ...base };
    case 'camera-status':
      return { kind, ...base };
    case 'compliance':
      return { kind, by: 'agency', limit: 8, ...base };
  }
}
