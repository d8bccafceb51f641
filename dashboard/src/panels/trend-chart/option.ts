/**
 * This year against last year, period by period (T1..T12 for monthly indicators): bars of in-period
 * values, or lines of the cumulative (lũy kế) figure. Pure: the option is data, tested as data.
 * Wall rules: dark, large labels, no animation, blue (this year) against grey (last year). In a meeting,
 * the windows the presenter picked are marked (markWindows).
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import { yearToDate, type Aggregation } from '../../../../contract/derive.ts';
import { MONTHS_PER_PERIOD, formatPeriod, parsePeriod, type PeriodKind } from '../../../../contract/period.ts';
import { parseSelection, selectionLabelVi } from '../../../../contract/rollup.ts';
import { formatAxisNumber, formatValue } from '../../format/vi.ts';
import { asPeriodKind, latestOf, seriesOf } from '../common/values.ts';

export type TrendOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export const COLORS = {
  thisYear: '#4db8ff',
  lastYear: '#8d99ab',
  text: '#dce6f2',
  axis: '#6b7b92',
  split: '#2b384a',
  /** A meeting's selected window, behind the bars. */
  mark: 'rgba(77, 184, 255, 0.16)',
} as const;

const ROMAN = ['I', 'II', 'III', 'IV'];

export function categoriesFor(kind: PeriodKind): string[] {
  switch (kind) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => `T${i + 1}`);
    case 'quarter':
      return ROMAN.map((r) => `Quý ${r}`);
    case 'half_year':
      return ['6 tháng đầu', '6 tháng cuối'];
    case 'year':
      return ['Cả năm'];
  }
}

export interface TrendData {
  kind: PeriodKind;
  year: number;
  categories: string[];
  thisYear: (number | null)[];
  lastYear: (number | null)[];
  cumulative: boolean;
}

/** The two series, aligned on the periods of the year; null where nothing was reported. */
export function trendData(
  info: IndicatorInfo,
  values: readonly IndicatorValue[],
  cumulative: boolean,
  now?: Date,
): TrendData | null {
  const kind = asPeriodKind(info.period) ?? 'month';
  const own = values.filter((v) => parsePeriod(v.period)?.kind === kind);
  const latest = latestOf(own, kind, now);
  if (!latest) return null;
  const year = latest.period.year;
  const n = 12 / MONTHS_PER_PERIOD[kind];
  const series = seriesOf(values);
  const byCode = new Map(own.map((v) => [v.period, v]));
  const aggregation = info.aggregation as Aggregation;
  const pick = (y: number): (number | null)[] =>
    Array.from({ length: n }, (_, i) => {
      const p = { kind, year: y, index: i + 1 };
      const v = byCode.get(formatPeriod(p));
      if (!cumulative) return v?.value ?? null;
      if (v && v.value === null) return null;
      // Ingest ships the cumulative figure; derive it here when it did not.
      return v?.derived?.ytd ?? (v ? yearToDate(series, p, aggregation) : null);
    });
  return { kind, year, categories: categoriesFor(kind), thisYear: pick(year), lastYear: pick(year - 1), cumulative };
}

/** A window the chart marks (a meeting's period, contract/rollup.ts): from one category to another. */
export interface MarkedWindow {
  from: string;
  to: string;
  label: string;
}

/**
 * The categories of the chart that period selections cover (`2026-Q3` on a monthly chart: T7–T9). The
 * chart shows the same categories for this year and last, so a window of either year is marked; a window
 * of another year, or one that does not fit the chart's periods, is left out. Windows over the same
 * categories share one mark.
 */
export function markWindows(
  data: Pick<TrendData, 'kind' | 'year' | 'categories'>,
  selections: readonly string[],
): MarkedWindow[] {
  const per = MONTHS_PER_PERIOD[data.kind];
  const out: MarkedWindow[] = [];
  for (const code of selections) {
    const s = parseSelection(code);
    if (!s || (s.year !== data.year && s.year !== data.year - 1)) continue;
    const from = data.categories[Math.ceil(s.fromMonth / per) - 1];
    const to = data.categories[Math.ceil(s.toMonth / per) - 1];
    if (!from || !to || (s.fromMonth - 1) % per !== 0 || s.toMonth % per !== 0) continue;
    const same = out.find((w) => w.from === from && w.to === to);
    if (same) same.label = `${same.label}, ${selectionLabelVi(code)}`;
    else out.push({ from, to, label: selectionLabelVi(code) });
  }
  return out;
}

export function toEchartsOption(info: IndicatorInfo, data: TrendData, marks: readonly MarkedWindow[] = []): TrendOption {
  const font = 'Be Vietnam Pro, system-ui, sans-serif';
  const type = data.cumulative ? 'line' : 'bar';
  const mk = (name: string, values: (number | null)[], color: string, current: boolean): BarSeriesOption | LineSeriesOption =>
    type === 'line'
      ? {
          type: 'line',
          name,
          data: values,
          itemStyle: { color },
          lineStyle: { width: current ? 5 : 4, color, type: current ? 'solid' : 'dashed' },
          symbol: 'circle',
          symbolSize: current ? 12 : 8,
          connectNulls: false,
          z: current ? 3 : 2,
        }
      : {
          type: 'bar',
          name,
          data: values,
          itemStyle: { color, borderRadius: [4, 4, 0, 0] },
          barGap: '12%',
          barCategoryGap: '28%',
          z: current ? 3 : 2,
        };
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: [COLORS.lastYear, COLORS.thisYear],
    textStyle: { fontFamily: font, fontSize: 22, color: COLORS.text },
    grid: { left: 8, right: 16, top: 56, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    legend: {
      top: 0,
      right: 8,
      itemWidth: 32,
      itemHeight: 16,
      itemGap: 28,
      textStyle: { fontFamily: font, fontSize: 22, color: COLORS.text },
      data: [`Năm ${data.year - 1}`, `Năm ${data.year}`],
    },
    tooltip: {
      trigger: 'axis',
      // Drawn on the canvas: the HTML tooltip writes `style="…"` markup, which the pages' CSP refuses.
      renderMode: 'richText',
      textStyle: { fontFamily: font, fontSize: 20 },
      valueFormatter: (v) => (typeof v === 'number' ? formatValue(v, info.unit) : '—'),
    },
    xAxis: {
      type: 'category',
      data: data.categories,
      // 'auto': every month where the panel is wide enough, every other one in a narrow panel (a meeting
      // pack's third of a page) rather than twelve labels run together.
      axisLabel: { fontFamily: font, fontSize: 22, color: COLORS.text, interval: 'auto' },
      axisLine: { lineStyle: { color: COLORS.axis, width: 2 } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      name: info.unit,
      nameLocation: 'end',
      nameGap: 18,
      // Few, large labels: read from across the room, and no overlap in a two-row panel (~200 px high).
      splitNumber: 3,
      nameTextStyle: { fontFamily: font, fontSize: 20, color: COLORS.text, align: 'left' },
      axisLabel: { fontFamily: font, fontSize: 20, color: COLORS.text, formatter: (v: number) => formatAxisNumber(v) },
      splitLine: { lineStyle: { color: COLORS.split, width: 1 } },
    },
    series: [
      mk(`Năm ${data.year - 1}`, data.lastYear, COLORS.lastYear, false),
      {
        ...mk(`Năm ${data.year}`, data.thisYear, COLORS.thisYear, true),
        ...(marks.length
          ? {
              markArea: {
                silent: true,
                // Outlined, so two windows side by side (Quý II and Quý III) read as two.
                itemStyle: { color: COLORS.mark, borderColor: COLORS.thisYear, borderWidth: 2 },
                label: { fontFamily: font, fontSize: 20, color: COLORS.text, position: 'insideTop' },
                data: marks.map((m) => [{ xAxis: m.from, name: m.label }, { xAxis: m.to }] as const),
              },
            }
          : {}),
      },
    ],
  };
}
