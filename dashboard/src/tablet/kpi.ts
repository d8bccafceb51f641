/**
 * One KPI tile of the tablet: an indicator's figure in one area for a picked period (a reported period
 * or a roll-up, contract/rollup.ts), with % of plan, the change against the same window last year, its
 * status, as-of time and value flags (`revised` → "đã điều chỉnh" with the earlier figure; `implausible`
 * → "cần kiểm tra"). Pure.
 */
import type { IndicatorInfo } from '../../../contract/http.ts';
import type { IndicatorValue } from '../../../contract/messages.ts';
import {
  compareLastYear,
  incompleteTextVi,
  parseSelection,
  seriesFromValues,
  selectionLabelVi,
  type Rollup,
} from '../../../contract/rollup.ts';
import { reportedAtCadence } from '../../../contract/cadence-selection.ts';
import { rollupAggregation } from '../../../contract/rollup-rows.ts';
import { parsePeriod, periodLabelVi } from '../../../contract/period.ts';
import { toneOf, planWordFor, type Tone } from '../panels/common/headline.ts';
import {
  formatNumber,
  formatPercent,
  formatSignedPercent,
  formatSignedPoints,
  formatUpdatedVi,
  formatValue,
  statusLabelVi,
} from '../format/vi.ts';

export interface Revision {
  period: string;
  periodLabel: string;
  /** `đã điều chỉnh từ 1.234,5 thành 1.300 tỷ đồng` */
  text: string;
}

export interface KpiModel {
  indicator: string;
  area: string;
  period: string;
  periodLabel: string;
  value: number | null;
  /** `20.443,2` or `—`. */
  valueText: string;
  unit: string;
  /** Why there is no honest figure (or the figure is partial). */
  incomplete: string | null;
  /** A rate taken at the window's end (no numerators): `Tỷ lệ lũy kế đến cuối kỳ`. */
  note: string | null;
  planText: string | null;
  planTone: Tone;
  yoyText: string | null;
  yoyTone: Tone;
  statusText: string | null;
  asOfText: string | null;
  revisions: Revision[];
  /** The implausibility checks broken by a figure used ("cần kiểm tra"). */
  checks: string[];
  rollup: Rollup | null;
}

/** Every window month or reported row the selection reads (for flags). */
function rowsOfWindow(values: readonly IndicatorValue[], code: string): IndicatorValue[] {
  const s = parseSelection(code);
  if (!s) return [];
  return values.filter((v) => {
    if (v.period === code || v.period === s.reportedCode) return true;
    const p = parsePeriod(v.period);
    if (!p || p.year !== s.year) return false;
    if (p.kind === 'month') return p.index >= s.fromMonth && p.index <= s.toMonth;
    if (p.kind === 'quarter') return p.index * 3 - 2 >= s.fromMonth && p.index * 3 <= s.toMonth;
    return false;
  });
}

/**
 * The period shown for `picked`: at the indicator's cadence, the latest reported one when that is not
 * in yet (contract/cadence-selection.ts). `values`: any areas and indicators; this one's count.
 */
export function periodShown(picked: string, info: IndicatorInfo, values: readonly IndicatorValue[] | null): string {
  const reported = new Set<string>();
  for (const v of values ?? []) if (v.indicator === info.id && v.value !== null) reported.add(v.period);
  return reportedAtCadence(picked, info.period, reported);
}

/** `values`: one indicator in one area, any periods. */
export function kpiOf(info: IndicatorInfo, area: string, values: readonly IndicatorValue[], picked: string): KpiModel {
  // A yearly plan asked for a month shows its year (the last reported one), and says so.
  const period = periodShown(picked, info, values);
  const agg = rollupAggregation(info.aggregation);
  const c = compareLastYear(seriesFromValues(values), period, agg, info.unit);
  const r = c.current;
  const used = rowsOfWindow(values, period);
  const revisions: Revision[] = [];
  const checks: string[] = [];
  for (const v of used) {
    if (v.flags?.includes('revised') && v.previous) {
      const p = parsePeriod(v.period);
      const before = v.previous.value === null ? '—' : formatNumber(v.previous.value);
      const now = v.value === null ? '—' : formatValue(v.value, info.unit);
      revisions.push({
        period: v.period,
        periodLabel: p ? periodLabelVi(p) : v.period,
        text: `đã điều chỉnh từ ${before} thành ${now} (${formatUpdatedVi(v.updatedAt).replace('Cập nhật ', 'lúc ')})`,
      });
    }
    if (v.flags?.includes('implausible'))
      for (const ch of v.checks ?? [{ rule: '', message: 'ngoài ngưỡng hợp lý' }]) checks.push(ch.message);
  }
  let planText: string | null = null;
  let planTone: Tone = 'neutral';
  if (r && r.pctOfPlan !== null) {
    const word = planWordFor(info.group);
    const reached = info.higherIsBetter ? r.pctOfPlan >= 100 : r.pctOfPlan <= 100;
    planText = `${formatPercent(r.pctOfPlan)} ${word}`;
    planTone = info.neutral ? 'neutral' : reached ? 'good' : 'pending';
  }
  let yoyText: string | null = null;
  let yoyTone: Tone = 'neutral';
  if (c.change !== null) {
    yoyText = `${c.points ? formatSignedPoints(c.change) : formatSignedPercent(c.change)} so với cùng kỳ`;
    yoyTone = toneOf(c.change, info);
  }
  return {
    indicator: info.id,
    area,
    period,
    periodLabel: selectionLabelVi(period),
    value: r?.value ?? null,
    valueText: r?.value !== null && r?.value !== undefined ? formatNumber(r.value) : '—',
    unit: info.unit,
    incomplete: r ? incompleteTextVi(r) : 'Chưa có số liệu',
    note: r?.rateAtEnd ? 'Tỷ lệ lũy kế đến cuối kỳ' : r?.source === 'mixed' ? 'Có quý lấy theo số báo cáo quý' : null,
    planText,
    planTone,
    yoyText,
    yoyTone,
    statusText: r?.status ? statusLabelVi(r.status) : null,
    asOfText: r?.updatedAt ? formatUpdatedVi(r.updatedAt) : null,
    revisions,
    checks,
    rollup: r,
  };
}
