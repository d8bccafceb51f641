import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, Frame } from '../common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../common/guard.tsx';
import { useIndicatorData } from '../common/usePanelData.ts';
import { inArea } from '../common/values.ts';
import { areaName, subtitle } from '../common/titles.ts';
import { useNow } from '../../live/clock.ts';
import { kpiModel } from './kpi.ts';
import '../common/bands.css';
import { hasMarks, trustMarks } from '../common/trust.ts';
import { TrustLines } from '../common/TrustNote.tsx';
import { inPeriodName } from '../common/headline.ts';

export default function KpiTile({ panel, index, payload }: PanelProps<'kpi-tile'>) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  const now = useNow();
  const area = panel.area ?? payload.province.code;
  const model = useMemo(
    () => (info ? kpiModel(info, inArea(values, area), now, panel.title, panel.thresholds, panel.basis) : null),
    [info, values, area, now, panel.title, panel.thresholds, panel.basis],
  );
  const title = model?.title ?? panel.title ?? panel.indicator;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: info ? null : unknownIndicator(panel.indicator) });
  if (guard || !info) return guard;
  const h = model?.headline;
  if (!model || !h) {
    return (
      <Frame index={index} kind={panel.kind} state="ready" title={title}>
        <EmptyBody />
      </Frame>
    );
  }
  const c = h.comparison;
  // A cumulative tile shows the year-to-date total: its marks speak of that total and name the month.
  const marks = trustMarks(
    h.value,
    h.unit,
    h.cumulative ? { figure: h.figure, inPeriodName: inPeriodName(h.period) } : undefined,
  );
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={model.state}
      title={title}
      period={subtitle(areaName(panel.area, payload.province), h.reportedLabel)}
      updated={h.updatedText}
      reporter={h.reporter}
      staleText={h.staleText}
    >
      <div className="kpi">
        <div className="kpi-figure-line">
          <span
            className={
              // A figure that needs checking is never shown as normal: amber wins over any threshold colour.
              marks.implausible
                ? 'kpi-figure kpi-figure--check'
                : model.threshold
                  ? `kpi-figure band-${model.threshold.tone}`
                  : 'kpi-figure'
            }
            data-testid="kpi-value"
          >
            {h.figureText}
          </span>
          <span className={h.unit === '%' ? 'kpi-unit kpi-unit--pct' : 'kpi-unit'}>{h.unit}</span>
        </div>
        {/* A stale tile gives this line's room to its stale badge, a marked one to its marks. */}
        {h.inPeriodText && !h.staleText && !hasMarks(marks) ? <div className="kpi-inperiod">{h.inPeriodText}</div> : null}
        {c ? (
          <div className={`kpi-compare tone-${c.tone}`}>
            <span className="kpi-arrow" aria-hidden="true">
              {c.arrow}
            </span>{' '}
            {c.text}{' '}
            {model.reformNote ? (
              <span className="kpi-compare-rest kpi-reform">{model.reformNote}</span>
            ) : (
              <span className="kpi-compare-rest">so với cùng kỳ</span>
            )}
          </div>
        ) : (
          <div className="kpi-compare tone-pending">Chưa có số cùng kỳ</div>
        )}
        {h.plan ? <div className={`kpi-plan tone-${h.plan.tone}`}>{h.plan.text}</div> : null}
        {model.threshold ? (
          <div className={`kpi-band band-${model.threshold.tone}`} data-testid="kpi-band" data-band={model.threshold.band}>
            <span aria-hidden="true">●</span> {model.threshold.text}
          </div>
        ) : null}
        <TrustLines marks={marks} />
      </div>
    </Frame>
  );
}
