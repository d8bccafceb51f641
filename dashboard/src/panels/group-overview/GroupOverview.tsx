import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { ErrorFrame, Frame } from '../common/Frame.tsx';
import { panelGuard, unknownGroup } from '../common/guard.tsx';
import { useGroupView } from '../../live/react.ts';
import { useNow } from '../../live/clock.ts';
import { groupOverview } from './overview.ts';

export default function GroupOverview({ panel, index, payload }: PanelProps<'group-overview'>) {
  const group = useMemo(() => payload.groups.find((g) => g.id === panel.group), [payload, panel.group]);
  const view = useGroupView(panel.group);
  const now = useNow();
  const province = payload.province.code;
  const model = useMemo(
    () => (group && view ? groupOverview(group, view.values, province, now, panel.title) : null),
    [group, view, province, now, panel.title],
  );
  const title = model?.title ?? panel.title ?? group?.name ?? panel.group;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: group ? null : unknownGroup(panel.group) });
  if (guard || !group) return guard;
  // A ready view always gives a model; this only narrows the type.
  if (!model)
    return <ErrorFrame index={index} kind={panel.kind} title={title} message={view?.error ?? 'Không lấy được số liệu'} />;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={model.staleCount > 0 ? 'stale' : 'ready'}
      title={title}
      period={[`Toàn tỉnh`, model.reportedLabel, model.staleCount > 0 ? `${model.staleCount} chỉ tiêu chưa cập nhật` : null]
        .filter(Boolean)
        .join(' · ')}
      updated={model.updatedText}
      reporter={model.reporter ?? group.owner}
    >
      <ul className="overview">
        {model.rows.map((r) => (
          <li key={r.id} className={`overview-row${r.staleText ? ' overview-row--stale' : ''}`}>
            <div className="overview-name" title={r.name}>
              {r.name}
            </div>
            <div className="overview-line2">
              <span className="overview-value">{r.valueText}</span>
              {r.periodNote ? <span className="overview-period">{r.periodNote}</span> : null}
              {r.staleText ? (
                <span className="overview-stale" title={r.staleText}>
                  ⚠ {r.staleText.replace('Chưa cập nhật — ', '')}
                </span>
              ) : null}
              {r.comparisonText ? <span className={`overview-compare tone-${r.comparisonTone}`}>{r.comparisonText}</span> : null}
              {r.planText ? <span className={`overview-plan tone-${r.planTone}`}>{r.planText}</span> : null}
            </div>
          </li>
        ))}
      </ul>
    </Frame>
  );
}
