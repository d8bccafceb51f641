/** A group's figures in one window (model.ts periodOverview), drawn like the wall's group overview. */
import { useMemo } from 'react';
import type { PanelProps } from '../../panels/types.ts';
import { Frame } from '../../panels/common/Frame.tsx';
import { panelGuard, unknownGroup } from '../../panels/common/guard.tsx';
import { useGroupView } from '../../live/react.ts';
import { selectionLabelVi } from '../../../../contract/rollup.ts';
import { periodOverview } from './model.ts';

export function PeriodOverview({ panel, index, payload, period }: PanelProps<'group-overview'> & { period: string }) {
  const group = useMemo(() => payload.groups.find((g) => g.id === panel.group), [payload, panel.group]);
  const view = useGroupView(panel.group);
  const area = payload.province.code;
  const lines = useMemo(
    () => (group && view ? periodOverview(group, area, [...view.values.values()], period) : []),
    [group, view, area, period],
  );
  const title = panel.title ?? group?.name ?? panel.group;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: group ? null : unknownGroup(panel.group) });
  if (guard || !group) return guard;
  return (
    <Frame index={index} kind={panel.kind} state="ready" title={title} period={selectionLabelVi(period)} reporter={group.owner}>
      <ul className="overview" data-period={period}>
        {lines.map((l) => (
          <li key={l.indicator} className="overview-row">
            <div className="overview-name" title={l.name}>
              {l.name}
            </div>
            <div className="overview-line2">
              <span className="overview-value">{l.valueText}</span>
              {l.note ? <span className="overview-period">{l.note}</span> : null}
              {l.yoyText ? <span className={`overview-compare tone-${l.yoyTone}`}>{l.yoyText}</span> : null}
            </div>
          </li>
        ))}
      </ul>
    </Frame>
  );
}
