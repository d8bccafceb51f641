/**
 * A configured traffic-light band applied to a headline figure: the band, its tone and the word shown
 * beside the colour. The panel's own band wins over the indicator's. Pure.
 */
import type { IndicatorInfo } from '../../../../contract/http.ts';
import type { ThresholdBand } from '../../../../contract/workspace.ts';
import { bandInput, bandLabel, bandOf, type Band } from '../../../../contract/thresholds.ts';
import { formatNumber, formatPercent } from '../../format/vi.ts';
import type { Headline } from './headline.ts';

export type BandTone = 'good' | 'warn' | 'bad';
export const TONE_OF_BAND: Record<Band, BandTone> = { good: 'good', watch: 'warn', bad: 'bad' };

export interface ThresholdView {
  band: Band;
  tone: BandTone;
  /** `Đạt ngưỡng (≥ 100%)`, `Cần theo dõi`, `Vượt ngưỡng (> 12 vụ)`. */
  text: string;
}

export function thresholdOf(
  panelBand: ThresholdBand | undefined,
  info: Pick<IndicatorInfo, 'thresholds'>,
): ThresholdBand | undefined {
  return panelBand ?? info.thresholds;
}

export function thresholdView(
  band: ThresholdBand | undefined,
  info: Pick<IndicatorInfo, 'higherIsBetter' | 'unit'>,
  h: Pick<Headline, 'figure' | 'plan'> | null,
): ThresholdView | null {
  if (!band || !h) return null;
  const input = bandInput(band, { value: h.figure, pctOfPlan: h.plan?.pct ?? null });
  const b = bandOf(band, input, info.higherIsBetter);
  if (!b) return null;
  const fmt = (n: number) => (band.on === 'pctOfPlan' ? `${formatPercent(n)} KH` : `${formatNumber(n)} ${info.unit}`);
  const up = info.higherIsBetter;
  const bound = b === 'good' ? `${up ? '≥' : '≤'} ${fmt(band.good)}` : b === 'bad' ? `${up ? '<' : '>'} ${fmt(band.bad)}` : null;
  return { band: b, tone: TONE_OF_BAND[b], text: bound ? `${bandLabel(b, up)} (${bound})` : bandLabel(b, up) };
}
