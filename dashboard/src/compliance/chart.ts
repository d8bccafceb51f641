/**
 * The on-time rate over months as a line chart: the whole selection, and the tapped agency or commune
 * beside it. Pure: the option is data. Dark, large labels, no animation, the wall's blue and grey.
 */
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { COLORS } from '../panels/trend-chart/option.ts';

export type ComplianceChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export function complianceChartOption(
  labels: string[],
  overall: (number | null)[],
  selected: { name: string; pct: (number | null)[] } | null,
): ComplianceChartOption {
  const font = 'Be Vietnam Pro, system-ui, sans-serif';
  const line = (name: string, data: (number | null)[], color: string): LineSeriesOption => ({
    type: 'line',
    name,
    data,
    connectNulls: false,
    symbolSize: 10,
    lineStyle: { width: 4, color },
    itemStyle: { color },
  });
  return {
    animation: false,
    textStyle: { fontFamily: font, color: COLORS.text, fontSize: 18 },
    grid: { left: 64, right: 24, top: 48, bottom: 48 },
    legend: { top: 0, textStyle: { color: COLORS.text, fontSize: 18 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${String(v).replace('.', ',')}%` : 'không có') },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: COLORS.text, fontSize: 16 },
      axisLine: { lineStyle: { color: COLORS.axis } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { color: COLORS.text, fontSize: 16, formatter: '{value}%' },
      splitLine: { lineStyle: { color: COLORS.split } },
    },
    series: [
      line('Toàn bộ', overall, selected ? COLORS.lastYear : COLORS.thisYear),
      ...(selected ? [line(selected.name, selected.pct, COLORS.thisYear)] : []),
    ],
  };
}
