/**
 * The panels of one laid-out view (layout.ts), each section reading its own area's figures through its
 * own live client. Shared by the wall (live or frozen subscriptions) and the print page (snapshots of
 * the print job, no socket). Panels are the existing kinds (panels/*), placed on the meeting grid; in a
 * section with a period, the tile, ranking, map and group overview show that window's figures
 * (period/PeriodPanelHost.tsx, the communes' roll-ups from `rollups`) and the trend marks the window.
 */
import type { ScreenPayload } from '../../../contract/http.ts';
import type { LiveClient } from '../live/client.ts';
import { LiveContext } from '../live/react.ts';
import { PanelHost } from '../panels/common/PanelHost.tsx';
import { TrendMarksContext } from '../panels/trend-chart/marks.ts';
import { cellRect } from '../walls/fit.ts';
import { gridArea } from '../walls/layout.ts';
import { MEETING_GRID, type MeetingLayout } from './layout.ts';
import { PERIOD_KINDS, PeriodPanelHost } from './period/PeriodPanelHost.tsx';
import { RollupSourceContext, type RollupSource } from './period/rollups.ts';

export function MeetingPanels({
  layout,
  design,
  base,
  clientFor,
  top,
  rollups,
}: {
  layout: MeetingLayout;
  design: { width: number; height: number };
  /** The province and groups; each section's payload names its own area as `province.code`. */
  base: Pick<ScreenPayload, 'province' | 'groups'>;
  clientFor: (area: string) => LiveClient | undefined;
  /** Space above the grid (the band), in design pixels; default the wall header's. */
  top?: number;
  /** Where a period's ranking and map read every commune's roll-up (the meeting's route, or the print job). */
  rollups: RollupSource;
}) {
  const area = gridArea(design);
  const grid =
    top === undefined ? area : { ...area, top, height: design.height - top - (design.height - area.top - area.height) };
  let index = 0;
  return (
    <RollupSourceContext value={rollups}>
      {layout.sections.map((s, si) => {
        const client = clientFor(s.area);
        if (!client) return null;
        // Panels read "the province's" figures: for a commune section, the commune is that area.
        const payload: ScreenPayload = {
          screen: { id: 'meeting', title: '', design, grid: { ...MEETING_GRID }, panels: s.panels },
          province: { ...base.province, code: s.area },
          groups: base.groups,
        };
        return (
          <LiveContext key={`${si}:${s.area}:${s.period ?? ''}`} value={client}>
            <TrendMarksContext value={s.marks}>
              {s.panels.map((panel) => {
                const i = index++;
                const r = cellRect(MEETING_GRID, panel.at, grid);
                return (
                  <div
                    key={`${i}:${s.period ?? ''}:${panel.kind}:${'indicator' in panel ? panel.indicator : 'group' in panel ? panel.group : ''}`}
                    className="panel-slot"
                    data-area={s.area}
                    data-period={s.period ?? undefined}
                    style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
                  >
                    {s.period && PERIOD_KINDS.has(panel.kind) ? (
                      <PeriodPanelHost panel={panel} index={i} payload={payload} period={s.period} against={s.against} />
                    ) : (
                      <PanelHost panel={panel} index={i} payload={payload} />
                    )}
                  </div>
                );
              })}
            </TrendMarksContext>
          </LiveContext>
        );
      })}
    </RollupSourceContext>
  );
}
