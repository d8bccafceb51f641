/** A KPI tile of one window (model.ts periodTile), drawn like the wall's tile. */
import { useMemo } from 'react';
import type { PanelProps } from '../../panels/types.ts';
import { Frame } from '../../panels/common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../../panels/common/guard.tsx';
import { useIndicatorData } from '../../panels/common/usePanelData.ts';
import { inArea } from '../../panels/common/values.ts';
import { periodTile } from './model.ts';

export function PeriodTile({
  panel,
  index,
  payload,
  period,
  against,
}: PanelProps<'kpi-tile'> & { period: string; against: string | null }) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  const area = payload.province.code;
  const m = useMemo(
    () => (info ? periodTile(info, area, inArea(values, area), period, against) : null),
    [info, values, area, period, against],
  );
  const title = panel.title ?? info?.name ?? panel.indicator;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: info ? null : unknownIndicator(panel.indicator) });
  if (guard || !m) return guard;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state="ready"
      title={title}
      period={m.periodLabel}
      status={m.statusText}
      updated={m.asOfText}
      note={m.note}
    >
      <div className="kpi" data-period={period}>
        <div className="kpi-figure-line">
          <span className={m.checks.length ? 'kpi-figure kpi-figure--check' : 'kpi-figure'} data-testid="kpi-value">
            {m.valueText}
          </span>
          <span className={m.unit === '%' ? 'kpi-unit kpi-unit--pct' : 'kpi-unit'}>{m.unit}</span>
        </div>
        {m.incomplete ? (
          <div className="kpi-inperiod kpi-incomplete" data-testid="kpi-incomplete">
            {m.incomplete}
          </div>
        ) : null}
        {m.checks.length ? (
          <div className="kpi-inperiod kpi-check" data-testid="kpi-check">
            ⚠ Cần kiểm tra: {m.checks[0]}
          </div>
        ) : null}
        {m.againstText ? (
          <div className={`kpi-compare tone-${m.againstTone}`} data-testid="kpi-against">
            {m.againstText}
          </div>
        ) : null}
        {/* No figure (a window not complete): nothing to compare, and the line above says why. */}
        {m.yoyText ? (
          <div className={`kpi-compare tone-${m.yoyTone}`}>{m.yoyText}</div>
        ) : m.value !== null ? (
          <div className="kpi-compare tone-pending">Chưa có số cùng kỳ</div>
        ) : null}
        {m.planText ? <div className={`kpi-plan tone-${m.planTone}`}>{m.planText}</div> : null}
      </div>
    </Frame>
  );
}
