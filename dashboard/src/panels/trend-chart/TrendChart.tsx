import { useContext, useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, Frame } from '../common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../common/guard.tsx';
import { useIndicatorData } from '../common/usePanelData.ts';
import { inArea, latestOf, asPeriodKind } from '../common/values.ts';
import { useNow } from '../../live/clock.ts';
import { freshness } from '../../../../contract/period.ts';
import { formatStaleVi, formatUpdatedVi, statusLabelVi } from '../../format/vi.ts';
import { EChart } from './EChart.tsx';
import { WallScaleContext } from '../../walls/scale.ts';
import { TrendMarksContext } from './marks.ts';
import { markWindows, toEchartsOption, trendData } from './option.ts';

export default function TrendChart({ panel, index, payload }: PanelProps<'trend-chart'>) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  const now = useNow();
  // The canvas is scaled with a CSS transform: draw at the final pixel density so text stays sharp.
  const scale = useContext(WallScaleContext);
  const dpr = Math.round(Math.max(1, (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1) * scale) * 4) / 4;
  const province = payload.province.code;
  const cumulative = panel.cumulative ?? false;
  const own = useMemo(() => inArea(values, province), [values, province]);
  const data = useMemo(() => (info ? trendData(info, own, cumulative, now) : null), [info, own, cumulative, now]);
  const selections = useContext(TrendMarksContext);
  const option = useMemo(
    () => (info && data ? toEchartsOption(info, data, markWindows(data, selections)) : null),
    [info, data, selections],
  );
  const latest = useMemo(() => (info ? latestOf(own, asPeriodKind(info.period), now) : null), [info, own, now]);
  const staleText = useMemo(
    () => (latest && info ? formatStaleVi(freshness(latest.period, now, info.dueAfterDays)) : null),
    [latest, info, now],
  );
  const title = panel.title ?? info?.name ?? panel.indicator;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: info ? null : unknownIndicator(panel.indicator) });
  if (guard || !info) return guard;
  if (!data || !option || !latest) {
    return (
      <Frame index={index} kind={panel.kind} state="ready" title={title}>
        <EmptyBody />
      </Frame>
    );
  }
  const what = cumulative ? 'Lũy kế' : info.period === 'month' ? 'Theo tháng' : 'Theo kỳ';
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={staleText ? 'stale' : 'ready'}
      title={title}
      period={`${what} · năm ${data.year} so với năm ${data.year - 1} · ${info.unit}`}
      status={statusLabelVi(latest.value.status)}
      updated={formatUpdatedVi(latest.value.updatedAt)}
      reporter={latest.value.reporter ?? null}
      staleText={staleText}
    >
      <EChart className="trend-chart" option={option} devicePixelRatio={dpr} style={{ width: '100%', height: '100%' }} />
    </Frame>
  );
}
