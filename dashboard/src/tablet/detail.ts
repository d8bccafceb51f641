/**
 * A commune's figures for the tablet drill-down, from its own live series plus its history before the
 * 2025 reform through the crosswalk. Pure: reuses the KPI headline, trend and ranking logic.
 */
import type { IndicatorValue } from '../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../contract/http.ts';
import { asIndicatorValues, type CrosswalkFigure } from '../../../contract/crosswalk.ts';
import { headline, type Headline } from '../panels/common/headline.ts';
import { inArea } from '../panels/common/values.ts';
import { rankCommunes, type Commune } from '../panels/commune-ranking/ranking.ts';
import { trendData, type TrendData } from '../panels/trend-chart/option.ts';

export interface CommuneIndicatorDetail {
  info: IndicatorInfo;
  headline: Headline | null;
  /** `xếp thứ 2/65 xã, phường`, or null when the commune has no figure for the latest period. */
  rankText: string | null;
  trend: TrendData | null;
  /** Periods of last year's line that come from former units through the crosswalk (approximate or exact). */
  crosswalked: number;
  approximate: number;
}

export function communeDetail(
  info: IndicatorInfo,
  commune: string,
  own: readonly IndicatorValue[],
  provinceWide: readonly IndicatorValue[],
  communes: readonly Commune[],
  history: readonly CrosswalkFigure[],
  now: Date,
): CommuneIndicatorDetail {
  const mine = inArea(
    own.filter((v) => v.indicator === info.id),
    commune,
  );
  const hist = history.filter((f) => f.indicator === info.id && f.area === commune);
  const seen = new Set(mine.map((v) => v.period));
  const fromHistory = asIndicatorValues(hist.filter((f) => !seen.has(f.period)));
  // With history, comparisons are derived again over the joined series (ingest keeps eras apart).
  const merged = fromHistory.length ? [...mine.map(({ derived: _d, ...v }) => v), ...fromHistory] : mine;
  const h = headline(info, merged, now);
  const ranking = rankCommunes(
    info,
    provinceWide.filter((v) => v.indicator === info.id),
    communes,
    communes.length,
  );
  const row = ranking?.rows.find((r) => r.code === commune);
  return {
    info,
    headline: h,
    rankText: row ? row.rankText : null,
    trend: trendData(info, merged, false),
    crosswalked: fromHistory.length,
    approximate: hist.filter((f) => f.approximate).length,
  };
}
