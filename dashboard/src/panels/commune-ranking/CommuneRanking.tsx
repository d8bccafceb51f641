import { useMemo } from 'react';
import type { PanelProps } from '../types.ts';
import { EmptyBody, Frame } from '../common/Frame.tsx';
import { panelGuard, unknownIndicator } from '../common/guard.tsx';
import { useIndicatorData } from '../common/usePanelData.ts';
import { useNow } from '../../live/clock.ts';
import { freshness } from '../../../../contract/period.ts';
import { formatStaleVi } from '../../format/vi.ts';
import { rankCommunes } from './ranking.ts';
import { trustMarks, type TrustMarks } from '../common/trust.ts';
import { TrustBadge } from '../common/TrustNote.tsx';
import { formatPeriod } from '../../../../contract/period.ts';

export default function CommuneRanking({ panel, index, payload }: PanelProps<'commune-ranking'>) {
  const { info, view, values } = useIndicatorData(panel.indicator, payload);
  const now = useNow();
  const limit = panel.limit ?? 10;
  const ranking = useMemo(
    () => (info ? rankCommunes(info, values, payload.province.communes, limit, now) : null),
    [info, values, payload, limit, now],
  );
  const staleText = useMemo(
    () => (ranking && info ? formatStaleVi(freshness(ranking.period, now, info.dueAfterDays)) : null),
    [ranking, info, now],
  );
  // Revised and implausible figures of the ranked period, by commune.
  const marks = useMemo(() => {
    const out = new Map<string, TrustMarks>();
    if (!ranking || !info) return out;
    const period = formatPeriod(ranking.period);
    for (const v of values) if (v.period === period && v.flags?.length) out.set(v.area, trustMarks(v, info.unit));
    return out;
  }, [ranking, info, values]);
  const title = panel.title ?? info?.name ?? panel.indicator;
  const guard = panelGuard({ index, kind: panel.kind, title, view, missing: info ? null : unknownIndicator(panel.indicator) });
  if (guard || !info) return guard;
  if (!ranking) {
    return (
      <Frame index={index} kind={panel.kind} state="ready" title={title}>
        <EmptyBody text="Chưa có số liệu theo xã, phường" />
      </Frame>
    );
  }
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state={staleText ? 'stale' : 'ready'}
      title={title}
      period={`${ranking.reportedLabel} · ${ranking.reportedText}`}
      updated={ranking.updatedText}
      reporter={ranking.reporter}
      staleText={staleText}
      note={ranking.missing > 0 ? `${ranking.missing} xã, phường chưa có số liệu` : null}
    >
      <ol className="ranking">
        {ranking.rows.map((r) => (
          <li key={r.code} className="ranking-row" aria-label={`${r.name}: ${r.valueText}, ${r.rankText}`}>
            <span className="ranking-rank" title={r.rankText}>
              {r.rank}
            </span>
            <div className="ranking-main">
              <div className="ranking-line">
                <span className="ranking-name">{r.name}</span>
                <span className={marks.get(r.code)?.implausible ? 'ranking-value ranking-value--check' : 'ranking-value'}>
                  {marks.get(r.code) ? <TrustBadge marks={marks.get(r.code)!} /> : null}
                  {r.valueText}
                </span>
              </div>
              <div className="ranking-track">
                <div className="ranking-bar" style={{ width: `${r.barPct}%` }} />
              </div>
            </div>
          </li>
        ))}
      </ol>
    </Frame>
  );
}
