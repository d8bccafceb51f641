/**
 * The figure a leader reads for one indicator in one area, and its comparisons: shared by the KPI tile
 * and the group overview rows. Pure; `now` is passed in.
 *
 * - Flows (`aggregation: 'sum'`) show the year-to-date figure (lũy kế) with the in-period value aside;
 *   stocks, rates and averages show the latest period's value. With `basis: 'period'` a flow shows the
 *   period's own figure too, compared with the same period last year.
 * - Same period last year: percent change, or the difference in points for '%' indicators; the arrow
 *   and word give the direction, the tone follows the indicator's polarity (never the sign).
 * - Plan: `% kế hoạch` (`% dự toán` for the budget). A flow part-way through the year against the year's
 *   plan is not yet assessable (grey); otherwise "Đạt" / "Chưa đạt" by polarity.
 * - Freshness by the indicator's own cadence (contract/period.ts).
 */
import type { Derived, IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import type { PeriodBasis } from '../../../../contract/config/screens.ts';
import { derive, comparisonCrossesReform, type Aggregation } from '../../../../contract/derive.ts';
import {
  freshness,
  periodLabelVi,
  ytdLabelVi,
  MONTHS_PER_PERIOD,
  type Freshness,
  type Period,
} from '../../../../contract/period.ts';
import {
  formatAbsPercent,
  formatAbsPoints,
  formatNumber,
  formatPercent,
  formatSignedPercent,
  formatSignedPoints,
  formatStaleVi,
  formatUpdatedVi,
  formatValue,
  statusLabelVi,
} from '../../format/vi.ts';
import { asPeriodKind, latestOf, seriesOf } from './values.ts';
import { reportedLabel } from './reported.ts';

export type Tone = 'good' | 'bad' | 'neutral' | 'pending';

export interface Comparison {
  /** Change in percent, or in points for '%' indicators. */
  change: number;
  points: boolean;
  arrow: '▲' | '▼' | '■';
  word: 'tăng' | 'giảm' | 'không đổi';
  /** `tăng 13,6%`, `giảm 1,2 điểm %`, `không đổi`. */
  text: string;
  /** `+13,6%`, `−1,2 điểm %`. */
  signed: string;
  tone: Tone;
  /** Last year's figure belongs to the units before the 1 July 2025 reform. */
  crossesReform: boolean;
}

export interface PlanAssessment {
  pct: number;
  /** `% dự toán` for the budget, `% kế hoạch` otherwise. */
  planWord: 'dự toán' | 'kế hoạch';
  /** Full sentence for a tile: `Đạt 122,5% kế hoạch`, `Chưa đạt kế hoạch — 85,3%`, `Đạt 85,3% dự toán năm`. */
  text: string;
  /** Compact for rows: `122,5% KH`. */
  short: string;
  word: 'Đạt' | 'Chưa đạt' | null;
  tone: Tone;
}

export interface Headline {
  value: IndicatorValue;
  period: Period;
  figure: number;
  figureText: string;
  unit: string;
  /** `10 tháng năm 2026 (lũy kế)` for a cumulative figure, else `Tháng 10/2026`. */
  figureLabel: string;
  cumulative: boolean;
  /** The figure's label and its status: `Tháng 11/2026 (ước tính)`, `11 tháng năm 2026 (lũy kế, ước tính)`. */
  reportedLabel: string;
  /** `Riêng tháng 10: 2.043,5 tỷ đồng` beside a cumulative figure. */
  inPeriodText: string | null;
  comparison: Comparison | null;
  plan: PlanAssessment | null;
  statusText: string;
  updatedText: string;
  reporter: string | null;
  freshness: Freshness;
  staleText: string | null;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

export function inPeriodName(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `Riêng tháng ${p.index}`;
    case 'quarter':
      return `Riêng quý ${ROMAN[p.index - 1]}`;
    case 'half_year':
      return p.index === 1 ? 'Riêng 6 tháng đầu năm' : 'Riêng 6 tháng cuối năm';
    case 'year':
      return `Riêng năm ${p.year}`;
  }
}

export function toneOf(change: number, info: Pick<IndicatorInfo, 'higherIsBetter' | 'neutral'>): Tone {
  if (info.neutral || change === 0) return 'neutral';
  return change > 0 === info.higherIsBetter ? 'good' : 'bad';
}

export function compare(
  shown: number | null,
  base: number | null,
  pctGiven: number | null,
  info: Pick<IndicatorInfo, 'unit' | 'higherIsBetter' | 'neutral'>,
  periodCode: string,
): Comparison | null {
  if (shown === null || base === null) return null;
  const points = info.unit === '%';
  let change: number;
  if (points) change = shown - base;
  else if (pctGiven !== null) change = pctGiven;
  else if (base !== 0) change = ((shown - base) / Math.abs(base)) * 100;
  else return null;
  // What the reader sees decides "unchanged": a change that rounds to 0,0 is not a rise.
  const rounded = Math.round(change * 10) / 10;
  const dir = rounded > 0 ? 1 : rounded < 0 ? -1 : 0;
  const word = dir > 0 ? 'tăng' : dir < 0 ? 'giảm' : 'không đổi';
  const magnitude = points ? formatAbsPoints(change) : formatAbsPercent(change);
  return {
    change,
    points,
    arrow: dir > 0 ? '▲' : dir < 0 ? '▼' : '■',
    word,
    text: dir === 0 ? 'không đổi' : `${word} ${magnitude}`,
    signed: points ? formatSignedPoints(change) : formatSignedPercent(change),
    tone: toneOf(dir, info),
    crossesReform: comparisonCrossesReform(periodCode),
  };
}

export function assessPlan(
  pct: number | null,
  opts: {
    planWord: 'dự toán' | 'kế hoạch';
    /** The plan that applied is the year's while the period is part of the year. */
    ofYear: boolean;
    partOfYear: boolean;
    aggregation: string;
    higherIsBetter: boolean;
    neutral: boolean;
  },
): PlanAssessment | null {
  if (pct === null || !Number.isFinite(pct)) return null;
  const pctText = formatPercent(pct);
  const year = opts.ofYear ? ' năm' : '';
  const short = `${pctText} ${opts.planWord === 'dự toán' ? 'DT' : 'KH'}`;
  if (opts.ofYear && opts.partOfYear && opts.aggregation === 'sum') {
    // Part-way through the year a cumulative flow cannot be judged against the whole year's plan.
    return { pct, planWord: opts.planWord, text: `Đạt ${pctText} ${opts.planWord}${year}`, short, word: null, tone: 'pending' };
  }
  const meets = opts.higherIsBetter ? pct >= 100 : pct <= 100;
  const tone: Tone = opts.neutral ? 'neutral' : meets ? 'good' : 'bad';
  if (meets && opts.higherIsBetter) {
    return { pct, planWord: opts.planWord, text: `Đạt ${pctText} ${opts.planWord}${year}`, short, word: 'Đạt', tone };
  }
  const word = meets ? 'Đạt' : 'Chưa đạt';
  return { pct, planWord: opts.planWord, text: `${word} ${opts.planWord}${year} — ${pctText}`, short, word, tone };
}

export function planWordFor(groupId: string): 'dự toán' | 'kế hoạch' {
  return groupId === 'budget' ? 'dự toán' : 'kế hoạch';
}

/**
 * The headline of one indicator from its values in one area (the caller filters by area); null when
 * nothing has been reported yet.
 */
export function headline(
  info: IndicatorInfo,
  values: readonly IndicatorValue[],
  now: Date,
  basis: PeriodBasis = 'ytd',
): Headline | null {
  const kind = asPeriodKind(info.period);
  const latest = latestOf(values, kind, now);
  if (!latest) return null;
  const { value: v, period: p } = latest;
  const aggregation = info.aggregation as Aggregation;
  // Ingest ships the derivations; if a value arrives without them, derive from what the group holds.
  const d: Derived = v.derived ?? derive(seriesOf(values), v.period, aggregation);
  const own = v.value as number;
  const cumulative = basis === 'ytd' && aggregation === 'sum' && d.ytd !== null;
  const figure = cumulative ? (d.ytd as number) : own;
  // derived.yoyPct is computed on the year-to-date figure; a tile showing the period's own value
  // (stocks, rates, averages) compares that value with the same period last year instead.
  const comparison = cumulative
    ? compare(d.ytd, d.lastYearYtd, d.yoyPct, info, v.period)
    : compare(own, d.lastYear, null, info, v.period);
  const perYear = 12 / MONTHS_PER_PERIOD[p.kind];
  const plan = assessPlan(d.pctOfPlan, {
    planWord: planWordFor(info.group),
    ofYear: p.kind === 'year' || v.plan === null,
    partOfYear: p.kind !== 'year' && p.index < perYear,
    aggregation,
    higherIsBetter: info.higherIsBetter,
    neutral: info.neutral,
  });
  const fresh = freshness(p, now, info.dueAfterDays);
  const showInPeriod = cumulative && p.kind !== 'year' && p.index > 1;
  return {
    value: v,
    period: p,
    figure,
    figureText: formatNumber(figure),
    unit: info.unit,
    figureLabel: cumulative ? ytdLabelVi(p) : periodLabelVi(p),
    cumulative,
    reportedLabel: reportedLabel(cumulative ? ytdLabelVi(p) : periodLabelVi(p), v.status),
    inPeriodText: showInPeriod ? `${inPeriodName(p)}: ${formatValue(own, info.unit)}` : null,
    comparison,
    plan,
    statusText: statusLabelVi(v.status),
    updatedText: formatUpdatedVi(v.updatedAt),
    reporter: v.reporter ?? null,
    freshness: fresh,
    staleText: formatStaleVi(fresh),
  };
}
