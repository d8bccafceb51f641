/** What a KPI tile shows, as data. Pure. */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import { headline, type Headline } from '../common/headline.ts';
import { thresholdView, type ThresholdView } from '../common/threshold.ts';
import type { ThresholdBand } from '../../../../contract/workspace.ts';
import type { PeriodBasis } from '../../../../contract/config/screens.ts';

export interface KpiModel {
  title: string;
  headline: Headline | null;
  /** `▲ tăng 13,6% so với cùng kỳ`. */
  comparisonText: string | null;
  /** Small note when last year's figure belongs to the units before the 2025 reform. */
  reformNote: string | null;
  state: 'ready' | 'stale';
  /** The configured traffic-light band, when there is one and a figure. */
  threshold: ThresholdView | null;
}

/** Replaces "so với cùng kỳ" when last year's figure belongs to the former units. */
export const REFORM_NOTE = 'so cùng kỳ theo địa giới cũ';

/** The tile of one indicator in one area (the caller filters the values by area). */
export function kpiModel(
  info: IndicatorInfo,
  areaValues: readonly IndicatorValue[],
  now: Date,
  title?: string,
  band?: ThresholdBand,
  basis: PeriodBasis = 'ytd',
): KpiModel {
  const h = headline(info, areaValues, now, basis);
  const c = h?.comparison ?? null;
  return {
    title: title ?? info.name,
    headline: h,
    comparisonText: c ? `${c.arrow} ${c.text} so với cùng kỳ` : null,
    reformNote: c?.crossesReform ? REFORM_NOTE : null,
    state: h?.freshness.stale ? 'stale' : 'ready',
    threshold: thresholdView(band ?? info.thresholds, info, h),
  };
}
