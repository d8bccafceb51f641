/**
 * A panel of a section with a period (layout.ts): the kinds whose figures are a period's — tile, ranking,
 * map, group overview — drawn as that window's (period/*.tsx); null for a kind that has none (the trend
 * marks the window itself, through TrendMarksContext). Subscribes its groups like PanelHost and keeps
 * its errors inside its own frame.
 */
import { lazy, Suspense } from 'react';
import type { PanelConfig } from '../../../../contract/config.ts';
import type { ScreenPayload } from '../../../../contract/http.ts';
import { useWantGroups } from '../../live/react.ts';
import { LoadingFrame } from '../../panels/common/Frame.tsx';
import { PanelBoundary } from '../../panels/common/PanelHost.tsx';
import { panelTitle } from '../../panels/common/titles.ts';
import { KIND_LABEL_VI, panelGroups } from '../../panels/registry.ts';

// Loaded when a meeting first shows a period, like the playlist's panel kinds (the map brings deck.gl).
const loadTile = () => import('./PeriodTile.tsx');
const loadRanking = () => import('./PeriodRanking.tsx');
const loadOverview = () => import('./PeriodOverview.tsx');
const PeriodTile = lazy(() => loadTile().then((m) => ({ default: m.PeriodTile })));
const PeriodRanking = lazy(() => loadRanking().then((m) => ({ default: m.PeriodRanking })));
const PeriodMap = lazy(() => import('./PeriodMap.tsx').then((m) => ({ default: m.PeriodMap })));
const PeriodOverview = lazy(() => loadOverview().then((m) => ({ default: m.PeriodOverview })));

/**
 * Fetches the code of the period panels a meeting's first views need (not the map's), so the
 * presenter's first choice is not also the moment they load. The browser keeps one copy of a module:
 * the lazy components above then resolve at once.
 */
export function preloadPeriodPanels(): void {
  for (const load of [loadTile, loadRanking, loadOverview]) void load().catch(() => {}); // a failure shows in the panel
}

export const PERIOD_KINDS: ReadonlySet<PanelConfig['kind']> = new Set(['kpi-tile', 'commune-ranking', 'map', 'group-overview']);

export function PeriodPanelHost(p: {
  panel: PanelConfig;
  index: number;
  payload: ScreenPayload;
  period: string;
  against: string | null;
}) {
  const { panel, index, payload, period } = p;
  useWantGroups(panelGroups(panel));
  const title = panelTitle(panel, payload);
  const body = (() => {
    switch (panel.kind) {
      case 'kpi-tile':
        return <PeriodTile panel={panel} index={index} payload={payload} period={period} against={p.against} />;
      case 'commune-ranking':
        return <PeriodRanking panel={panel} index={index} payload={payload} period={period} />;
      case 'map':
        return <PeriodMap panel={panel} index={index} payload={payload} period={period} />;
      case 'group-overview':
        return <PeriodOverview panel={panel} index={index} payload={payload} period={period} />;
      default:
        return null;
    }
  })();
  return (
    <PanelBoundary index={index} kind={panel.kind} title={title}>
      <Suspense fallback={<LoadingFrame index={index} kind={panel.kind} title={title} label={KIND_LABEL_VI[panel.kind]} />}>
        {body}
      </Suspense>
    </PanelBoundary>
  );
}
