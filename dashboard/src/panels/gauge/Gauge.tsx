import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, Frame } from '../common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../common/guard.tsx';
import { useIndicatorData } from '../common/usePanelData.ts';
import { inArea } from '../common/values.ts';
import { areaName, subtitle } from '../common/titles.ts';
import { useNow } from '../../live/clock.ts';
import { arcPath, gaugeModel } from './gauge.ts';
import '../common/bands.css';
import './gauge.css';

const CX = 200;
const CY = 190;
const R = 160;

export default function Gauge({ panel, index, payload }: PanelProps<'gauge'>) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  const now = useNow();
  const area = panel.area ?? payload.province.code;
  const result = useMemo(
    () => (info ? gaugeModel(info, inArea(values, area), now, panel.thresholds) : null),
    [info, values, area, now, panel.thresholds],
  );
  const title = panel.title ?? info?.name ?? panel.indicator;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: info ? null : unknownIndicator(panel.indicator) });
  if (guard || !info || !result) return guard;
  if (result.kind !== 'ready') {
    return (
      <Frame index={index} kind={panel.kind} state="ready" title={title}>
        <EmptyBody text={result.kind === 'no-plan' ? 'Chỉ tiêu chưa có kế hoạch' : 'Chưa có số liệu'} />
      </Frame>
    );
  }
  const m = result.model;
  const h = m.headline;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={h.freshness.stale ? 'stale' : 'ready'}
      title={title}
      period={subtitle(areaName(panel.area, payload.province), h.figureLabel, h.statusText)}
      updated={h.updatedText}
      reporter={h.reporter}
      staleText={h.staleText}
    >
      <div className="gauge" role="img" aria-label={`${title}: ${m.pctText} ${h.plan?.planWord ?? 'kế hoạch'}`}>
        <div className="gauge-dialwrap">
          <svg viewBox="0 0 400 220" className="gauge-dial" aria-hidden="true" preserveAspectRatio="xMidYMax meet">
            <path d={arcPath(CX, CY, R, 0, 1)} className="gauge-track" />
            {m.fill > 0 ? <path d={arcPath(CX, CY, R, 0, m.fill)} className={`gauge-fill fill-${m.tone}`} /> : null}
            {m.marks ? (
              <>
                <path
                  d={arcPath(CX, CY, R + 22, Math.max(0, m.marks.good - 0.004), m.marks.good + 0.004)}
                  className="gauge-mark mark-good"
                />
                <path
                  d={arcPath(CX, CY, R + 22, Math.max(0, m.marks.bad - 0.004), m.marks.bad + 0.004)}
                  className="gauge-mark mark-bad"
                />
              </>
            ) : null}
          </svg>
          <div className={`gauge-figure ${m.threshold ? `band-${m.tone}` : `tone-${m.tone}`}`} data-testid="gauge-value">
            {m.pctText}
          </div>
        </div>
        <div className="gauge-caption">
          {h.plan?.planWord === 'dự toán' ? '% dự toán' : '% kế hoạch'} · {h.figureText} {h.unit}
        </div>
        {m.threshold ? (
          <div className={`gauge-band band-${m.threshold.tone}`} data-testid="gauge-band" data-band={m.threshold.band}>
            <span aria-hidden="true">●</span> {m.threshold.text}
          </div>
        ) : h.plan?.word ? (
          <div className={`gauge-band tone-${h.plan.tone}`}>{h.plan.word}</div>
        ) : null}
      </div>
    </Frame>
  );
}
