/**
 * What a gauge shows: the % of plan of one indicator in one area, on a dial from 0 to a round maximum
 * (at least 120%), coloured by the configured band or, without one, by the plan assessment. Pure.
 */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import type { ThresholdBand } from '../../../../contract/workspace.ts';
import { formatPercent } from '../../format/vi.ts';
import { headline, type Headline } from '../common/headline.ts';
import { thresholdView, type ThresholdView } from '../common/threshold.ts';

export interface GaugeModel {
  headline: Headline;
  pct: number;
  pctText: string;
  /** The dial's maximum in % (a multiple of 20, ≥ 120). */
  maxPct: number;
  /** 0..1 of the dial filled. */
  fill: number;
  /** Where the configured band's bounds sit on the dial (0..1), when it is on % of plan. */
  marks: { good: number; bad: number } | null;
  tone: 'good' | 'warn' | 'bad' | 'neutral' | 'pending';
  threshold: ThresholdView | null;
}

export type GaugeResult = { kind: 'ready'; model: GaugeModel } | { kind: 'no-data' } | { kind: 'no-plan' };

export function gaugeMax(pct: number, band?: ThresholdBand): number {
  const top = Math.max(pct, band?.on === 'pctOfPlan' ? Math.max(band.good, band.bad) : 0, 100);
  return Math.max(120, Math.ceil((top * 1.1) / 20) * 20);
}

export function gaugeModel(
  info: IndicatorInfo,
  areaValues: readonly IndicatorValue[],
  now: Date,
  band: ThresholdBand | undefined,
): GaugeResult {
  const h = headline(info, areaValues, now);
  if (!h) return { kind: 'no-data' };
  if (!h.plan) return { kind: 'no-plan' };
  const pct = h.plan.pct;
  const b = band ?? info.thresholds;
  const maxPct = gaugeMax(pct, b);
  const clamp = (n: number) => Math.min(1, Math.max(0, n / maxPct));
  const threshold = thresholdView(b, info, h);
  return {
    kind: 'ready',
    model: {
      headline: h,
      pct,
      pctText: formatPercent(pct),
      maxPct,
      fill: clamp(pct),
      marks: b?.on === 'pctOfPlan' ? { good: clamp(b.good), bad: clamp(b.bad) } : null,
      tone: threshold ? threshold.tone : h.plan.tone,
      threshold,
    },
  };
}

/** The SVG path of a dial arc from angle fraction `from` to `to` (0 = left end, 1 = right end). */
export function arcPath(cx: number, cy: number, r: number, from: number, to: number): string {
  const pt = (f: number) => {
    const a = Math.PI * (1 - f);
    return `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy - r * Math.sin(a)).toFixed(2)}`;
  };
  const large = to - from > 1 ? 1 : 0;
  return `M ${pt(from)} A ${r} ${r} 0 ${large} 1 ${pt(to)}`;
}
