/** Communes ranked on one window's roll-up (model.ts rankRollups), drawn like the wall's ranking. */
import { useMemo } from 'react';
import type { PanelProps } from '../../panels/types.ts';
import { EmptyBody, ErrorFrame, Frame, LoadingFrame } from '../../panels/common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../../panels/common/guard.tsx';
import { useIndicatorData } from '../../panels/common/usePanelData.ts';
import { inArea } from '../../panels/common/values.ts';
import { periodShown } from '../../tablet/kpi.ts';
import { rankRollups } from './model.ts';
import { useRollup } from './rollups.ts';

export function PeriodRanking({ panel, index, payload, period: picked }: PanelProps<'commune-ranking'> & { period: string }) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  // The period the tile shows (kpi.ts periodShown): at the indicator's cadence, the latest reported one
  // when that is not in yet, so tile, ranking and map, and the tablet beside them, read one period.
  const provinceValues = useMemo(() => inArea(values, payload.province.code), [values, payload.province.code]);
  const period = info ? periodShown(picked, info, provinceValues) : picked;
  const r = useRollup(panel.indicator, period, view?.version);
  const limit = panel.limit ?? 10;
  const ranking = useMemo(
    () => (info && r.state === 'ready' ? rankRollups(info, r.data.rows, payload.province.communes, period, limit) : null),
    [info, r, payload.province.communes, period, limit],
  );
  const title = panel.title ?? info?.name ?? panel.indicator;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: info ? null : unknownIndicator(panel.indicator) });
  if (guard || !info) return guard;
  if (r.state === 'loading') return <LoadingFrame index={index} kind={panel.kind} title={title} />;
  if (r.state === 'error')
    return (
      <ErrorFrame index={index} kind={panel.kind} title={title} message="Không lấy được số liệu của kỳ" detail={r.message} />
    );
  if (!ranking || ranking.ranked === 0)
    return (
      <Frame index={index} kind={panel.kind} state="ready" title={title} period={ranking?.periodLabel}>
        <EmptyBody
          text={
            ranking?.incomplete
              ? `Chưa đủ số liệu các tháng của kỳ (${ranking.incomplete} xã, phường)`
              : 'Chưa có số liệu theo xã, phường của kỳ này'
          }
        />
      </Frame>
    );
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state="ready"
      title={title}
      period={`${ranking.periodLabel} · ${ranking.reportedText}`}
      note={ranking.incomplete > 0 ? `${ranking.incomplete} xã, phường chưa đủ số liệu các tháng của kỳ` : null}
    >
      <ol className="ranking" data-period={period}>
        {ranking.rows.map((row) => (
          <li key={row.code} className="ranking-row" aria-label={`${row.name}: ${row.valueText}, ${row.rankText}`}>
            <span className="ranking-rank" title={row.rankText}>
              {row.rank}
            </span>
            <div className="ranking-main">
              <div className="ranking-line">
                <span className="ranking-name">{row.name}</span>
                <span className={row.implausible ? 'ranking-value ranking-value--check' : 'ranking-value'}>
                  {row.implausible ? <span className="trust-badge trust-implausible">⚠ Cần kiểm tra </span> : null}
                  {row.valueText}
                </span>
              </div>
              <div className="ranking-track">
                <div className="ranking-bar" style={{ width: `${row.barPct}%` }} />
              </div>
            </div>
          </li>
        ))}
      </ol>
    </Frame>
  );
}
