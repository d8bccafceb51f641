/**
 * Plausibility of a figure (ARCHITECTURE.md "Revisions and compliance"): the rules of config/trust.yaml
 * for one indicator, completed by the defaults of its kind, and their evaluation against the figure's
 * context (same period last year, the previous period, the communes' median). Pure: the ingest calls it
 * for every value it publishes; a figure that breaks a rule is still published, with `checks`.
 */
import type { PlausibilityRule, TrustConfig } from './config/trust.ts';

export type PlausibilityRuleName = 'range' | 'non-negative' | 'yoy-change' | 'prev-change' | 'commune-median';

export interface PlausibilityCheck {
  rule: PlausibilityRuleName;
  /** Vietnamese, for staff and for the tile's detail line. */
  message: string;
}

/** A rule with every default applied: null means "no such check". */
export interface ResolvedRule {
  min: number | null;
  max: number | null;
  nonNegative: boolean;
  maxYoyRatio: number | null;
  maxPrevRatio: number | null;
  maxTimesMedian: number | null;
}

export interface IndicatorKind {
  id: string;
  unit: string;
  aggregation: 'sum' | 'avg' | 'last' | 'ratio';
}

/** The indicator's own rule, completed key by key with the defaults of its kind. */
export function resolveRule(ind: IndicatorKind, trust: Pick<TrustConfig, 'plausibility'>): ResolvedRule {
  const own: PlausibilityRule = trust.plausibility.rules[ind.id] ?? {};
  const d = trust.plausibility.defaults;
  // A share or rate in percent; growth rates (which go negative) carry rules of their own.
  const isRate = ind.unit === '%';
  const flow = ind.aggregation === 'sum' && !isRate;
  const ratio = (v: number | false | undefined, fallback: number | false | null): number | null => {
    const r = v === undefined ? fallback : v;
    return r === false || r === null ? null : r;
  };
  return {
    min: own.min ?? (isRate ? d.rateMin : null),
    max: own.max ?? (isRate ? d.rateMax : null),
    nonNegative: own.nonNegative ?? (!isRate && d.nonNegative),
    maxYoyRatio: ratio(own.maxYoyRatio, flow ? d.flowMaxYoyRatio : null),
    maxPrevRatio: ratio(own.maxPrevRatio, null),
    maxTimesMedian: ratio(own.maxTimesMedian, null),
  };
}

export interface PlausibilityContext {
  /** The same period last year's in-period value. */
  lastYear: number | null;
  /** The previous period's in-period value. */
  previous: number | null;
  /** For a commune's figure: the median of the communes' figures for the period (null: too few). */
  communeMedian: number | null;
}

/** Fewer commune figures than this and a median says little. */
export const MIN_COMMUNES_FOR_MEDIAN = 5;

export function median(values: readonly number[]): number | null {
  if (values.length < MIN_COMMUNES_FOR_MEDIAN) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
/** `4.120,5`, `−5` (a true minus sign, as the wall writes it). */
export function formatNumberVi(n: number): string {
  const f = Math.abs(n) < 1 && n !== 0 ? nf2 : nf;
  return f.format(n).replace('-', '−');
}
function withUnit(n: number, unit: string): string {
  return unit === '%' ? `${formatNumberVi(n)}%` : `${formatNumberVi(n)} ${unit}`;
}

function ratioCheck(
  rule: 'yoy-change' | 'prev-change',
  value: number,
  ref: number | null,
  k: number | null,
  what: string,
  unit: string,
): PlausibilityCheck | null {
  // A zero or negative reference has no meaningful ratio; zeros and signs are other rules' business.
  if (k === null || ref === null || ref <= 0 || value <= 0) return null;
  const r = value / ref;
  if (r > k) return { rule, message: `Gấp ${formatNumberVi(r)} lần ${what} (${withUnit(ref, unit)})` };
  if (r < 1 / k) return { rule, message: `Chỉ bằng ${formatNumberVi(r * 100)}% ${what} (${withUnit(ref, unit)})` };
  return null;
}

/** Every rule the value breaks, in a fixed order; empty when it is plausible (or has no value). */
export function checkPlausibility(
  rule: ResolvedRule,
  value: number | null,
  ctx: PlausibilityContext,
  unit: string,
): PlausibilityCheck[] {
  if (value === null || !Number.isFinite(value)) return [];
  const out: PlausibilityCheck[] = [];
  const rangeCoversSign = rule.min !== null && rule.min >= 0;
  if (rule.nonNegative && !rangeCoversSign && value < 0)
    out.push({ rule: 'non-negative', message: `Số âm (${withUnit(value, unit)}) ở chỉ tiêu không thể âm` });
  const below = rule.min !== null && value < rule.min;
  const above = rule.max !== null && value > rule.max;
  if (below || above) {
    const bounds =
      rule.min !== null && rule.max !== null
        ? `ngoài khoảng hợp lý ${formatNumberVi(rule.min)}–${withUnit(rule.max, unit)}`
        : below
          ? `dưới mức tối thiểu ${withUnit(rule.min!, unit)}`
          : `vượt mức tối đa ${withUnit(rule.max!, unit)}`;
    out.push({ rule: 'range', message: `${withUnit(value, unit)}: ${bounds}` });
  }
  const yoy = ratioCheck('yoy-change', value, ctx.lastYear, rule.maxYoyRatio, 'cùng kỳ năm trước', unit);
  if (yoy) out.push(yoy);
  const prev = ratioCheck('prev-change', value, ctx.previous, rule.maxPrevRatio, 'kỳ trước', unit);
  if (prev) out.push(prev);
  const m = ctx.communeMedian;
  if (rule.maxTimesMedian !== null && m !== null && m > 0 && value > rule.maxTimesMedian * m)
    out.push({
      rule: 'commune-median',
      message: `Gấp ${formatNumberVi(value / m)} lần trung vị các xã, phường (${withUnit(m, unit)})`,
    });
  return out;
}
