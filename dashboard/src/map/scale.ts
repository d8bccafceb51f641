/**
 * Colour scales of the commune choropleth and their legend. Pure (no DOM, no deck.gl), table-tested.
 *
 * - Good/bad follows the indicator's polarity, never the sign: the "good" end is blue, the "bad" end
 *   orange (a pair colour-blind readers tell apart; docs/wall-design.md), through a light middle.
 * - Neutral indicators (volumes, enforcement counts) get no good/bad hue: a grey lightness ramp shows
 *   magnitude only.
 * - Classes are quantiles of the communes' values (equal counts per class), so one outlier does not
 *   paint 64 communes the same colour; equal values collapse into one class.
 * - A commune without a figure is dark and listed as `Chưa có số liệu`, never painted as a low value.
 */
import { periodLabelVi, parsePeriod } from '../../../contract/period.ts';
import { formatNumber } from '../format/vi.ts';

export type RGBA = [number, number, number, number];

/** From the worst to the best class (orange → light → blue); ColorBrewer PuOr/RdBu ends. */
export const POLARITY_RAMP: readonly RGBA[] = [
  [230, 97, 1, 235],
  [253, 184, 99, 230],
  [235, 235, 228, 220],
  [146, 197, 222, 230],
  [5, 113, 176, 235],
];
/** Neutral indicators: light to dark grey, low to high (magnitude, no judgement). */
export const NEUTRAL_RAMP: readonly RGBA[] = [
  [70, 78, 90, 230],
  [104, 112, 124, 230],
  [140, 147, 158, 230],
  [178, 184, 192, 230],
  [216, 220, 226, 230],
];
export const NO_DATA: RGBA = [28, 36, 48, 200];

export interface Polarity {
  higherIsBetter: boolean;
  neutral: boolean;
}

export interface ColorScale {
  /** Upper bounds of every class but the last, ascending (value ≤ break i → class i). */
  breaks: number[];
  /** Colour of each class, ascending by value. */
  colors: RGBA[];
  min: number;
  max: number;
  neutral: boolean;
  colorOf(value: number | null | undefined): RGBA;
}

/** The q-quantile of sorted values (linear interpolation). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Picks `n` colours spread over a 5-colour ramp, ascending by value, following the polarity. */
function rampFor(n: number, p: Polarity): RGBA[] {
  const base = p.neutral ? [...NEUTRAL_RAMP] : p.higherIsBetter ? [...POLARITY_RAMP] : [...POLARITY_RAMP].reverse();
  if (n >= base.length) return base;
  if (n === 1) return [base[Math.floor(base.length / 2)]!];
  return Array.from({ length: n }, (_, i) => base[Math.round((i * (base.length - 1)) / (n - 1))]!);
}

export function colorScale(values: readonly (number | null | undefined)[], p: Polarity, classes = 5): ColorScale {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  const neutral = p.neutral;
  if (finite.length === 0) return { breaks: [], colors: [], min: NaN, max: NaN, neutral, colorOf: () => NO_DATA };
  const k = Math.max(1, Math.min(classes, 5));
  const raw: number[] = [];
  for (let i = 1; i < k; i++) raw.push(quantile(finite, i / k));
  // Distinct breaks strictly inside the range: equal values never make empty classes.
  const min = finite[0]!;
  const max = finite[finite.length - 1]!;
  const candidates = [...new Set(raw)].filter((b) => b >= min && b < max).sort((a, b) => a - b);
  // Drop a break whose class would hold no commune (ties at a quantile).
  const breaks: number[] = [];
  for (const b of candidates) {
    const prev = breaks.length ? breaks[breaks.length - 1]! : -Infinity;
    if (finite.some((v) => v > prev && v <= b)) breaks.push(b);
  }
  const colors = rampFor(breaks.length + 1, p);
  return {
    breaks,
    colors,
    min,
    max,
    neutral,
    colorOf(v) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
      let i = 0;
      while (i < breaks.length && v > breaks[i]!) i++;
      return colors[i]!;
    },
  };
}

export interface LegendItem {
  color: RGBA;
  /** `1.234,5 – 2.345,6`. */
  label: string;
}

export interface Legend {
  /** Indicator name. */
  title: string;
  /** `Đơn vị: tỷ đồng`. */
  unitText: string;
  /** `Tháng 10/2026`, with `(quy đổi từ đơn vị cũ)` when the figures come through the crosswalk. */
  periodText: string;
  items: LegendItem[];
  noData: { color: RGBA; label: string; count: number } | null;
  /** How to read the colours: `Xanh: tốt hơn · Cam: kém hơn` or the neutral note. */
  reading: string;
}

function rangeLabel(a: number, b: number): string {
  return a === b ? formatNumber(a) : `${formatNumber(a)} – ${formatNumber(b)}`;
}

export function buildLegend(
  scale: ColorScale,
  info: { name: string; unit: string } & Polarity,
  periodCode: string | null,
  missing: number,
): Legend {
  const p = periodCode ? parsePeriod(periodCode) : null;
  const items: LegendItem[] = [];
  if (scale.colors.length) {
    const bounds = [scale.min, ...scale.breaks, scale.max];
    for (let i = 0; i < scale.colors.length; i++)
      items.push({ color: scale.colors[i]!, label: rangeLabel(bounds[i]!, bounds[i + 1]!) });
  }
  // Best first for judged indicators, largest first for neutral ones: the top row is what a leader looks for.
  if (!info.neutral && !info.higherIsBetter) {
    // ascending values are best first already
  } else items.reverse();
  const reading = info.neutral
    ? 'Chỉ tiêu trung tính: màu đậm nhạt theo độ lớn, không đánh giá tốt/xấu'
    : info.higherIsBetter
      ? 'Xanh: cao hơn là tốt · Cam: thấp, cần chú ý'
      : 'Xanh: thấp hơn là tốt · Cam: cao, cần chú ý';
  return {
    title: info.name,
    unitText: `Đơn vị: ${info.unit}`,
    periodText: p ? periodLabelVi(p) : 'Chưa có kỳ báo cáo',
    items,
    noData: missing > 0 ? { color: NO_DATA, label: 'Chưa có số liệu', count: missing } : null,
    reading,
  };
}

/** CSS colour of an RGBA tuple (legend swatches). */
export function cssColor(c: RGBA): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] / 255).toFixed(2)})`;
}
