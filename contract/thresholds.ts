/**
 * Traffic-light bands on a figure (contract/workspace.ts ThresholdBand): which band a value falls in by
 * the indicator's polarity, and whether a band makes sense for that polarity. Pure, no zod, so the wall
 * bundle can use it.
 *
 * Polarity up (more is better): good at or above `good`, bad below `bad`, "watch" in between.
 * Polarity down (less is better): good at or below `good`, bad above `bad`, "watch" in between.
 */
import type { ThresholdBand } from './workspace.ts';

export type Band = 'good' | 'watch' | 'bad';

/** The band of `value` (a figure, or its % of plan as `band.on` says); null when there is no number. */
export function bandOf(band: ThresholdBand, value: number | null | undefined, higherIsBetter: boolean): Band | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (higherIsBetter) {
    if (value >= band.good) return 'good';
    if (value < band.bad) return 'bad';
    return 'watch';
  }
  if (value <= band.good) return 'good';
  if (value > band.bad) return 'bad';
  return 'watch';
}

/** The value a band compares: the figure itself, or its % of plan. */
export function bandInput(band: ThresholdBand, figure: { value: number | null; pctOfPlan: number | null }): number | null {
  return band.on === 'pctOfPlan' ? figure.pctOfPlan : figure.value;
}

/** What a reader sees beside the colour (never colour alone). */
export const BAND_LABEL_VI: Record<Band, string> = { good: 'Đạt ngưỡng', watch: 'Cần theo dõi', bad: 'Dưới ngưỡng' };
/** For less-is-better indicators "below the threshold" reads wrong: the bad band is above it. */
export const BAND_LABEL_DOWN_VI: Record<Band, string> = { good: 'Đạt ngưỡng', watch: 'Cần theo dõi', bad: 'Vượt ngưỡng' };

export function bandLabel(band: Band, higherIsBetter: boolean): string {
  return (higherIsBetter ? BAND_LABEL_VI : BAND_LABEL_DOWN_VI)[band];
}

export interface ThresholdIssue {
  /** The band's field: `good`, `bad` or `on`. */
  field: 'good' | 'bad' | 'on';
  message: string;
}

/**
 * Problems with a band for an indicator of this polarity (empty: fine). The schema checks the shape; this
 * checks the meaning: the good bound must lie on the good side of the bad bound, and a % of plan needs a plan.
 */
export function thresholdIssues(
  band: ThresholdBand,
  indicator: { higherIsBetter: boolean; hasPlan: boolean; neutral?: boolean },
): ThresholdIssue[] {
  if (indicator.neutral)
    return [{ field: 'on', message: 'Chỉ tiêu trung tính (khối lượng, số vụ xử lý): không tô màu tốt/xấu, không đặt ngưỡng' }];
  const out: ThresholdIssue[] = [];
  if (!Number.isFinite(band.good)) out.push({ field: 'good', message: 'Ngưỡng tốt phải là một số' });
  if (!Number.isFinite(band.bad)) out.push({ field: 'bad', message: 'Ngưỡng xấu phải là một số' });
  if (out.length) return out;
  if (indicator.higherIsBetter && !(band.good > band.bad))
    out.push({ field: 'good', message: 'Chỉ tiêu càng cao càng tốt: ngưỡng tốt phải lớn hơn ngưỡng xấu' });
  if (!indicator.higherIsBetter && !(band.good < band.bad))
    out.push({ field: 'good', message: 'Chỉ tiêu càng thấp càng tốt: ngưỡng tốt phải nhỏ hơn ngưỡng xấu' });
  if (band.on === 'pctOfPlan' && !indicator.hasPlan)
    out.push({ field: 'on', message: 'Chỉ tiêu không có kế hoạch: không thể đặt ngưỡng theo % kế hoạch' });
  if (band.on === 'pctOfPlan' && (band.good < 0 || band.bad < 0 || band.good > 1000 || band.bad > 1000))
    out.push({ field: band.good < 0 || band.good > 1000 ? 'good' : 'bad', message: '% kế hoạch phải từ 0 đến 1.000' });
  return out;
}
