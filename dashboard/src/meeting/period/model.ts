/**
 * What a meeting's period panels show (layout.ts sections with a `period`), as data. Pure.
 *  - a tile: the tablet's roll-up of the window (tablet/kpi.ts kpiOf: the figure, % of plan where it means
 *    something, the change against the same window last year, "Chưa đủ số liệu …" when a month is
 *    missing — a flow then shows no figure), and in a comparison column the change against the column
 *    before it;
 *  - a ranking and a map: every commune's roll-up of the window (contract/rollup-rows.ts rows), ranked
 *    best first by the indicator's polarity, ties alike (1, 2, 2, 4); a commune whose window is not
 *    complete for a flow has no figure and is counted, not ranked;
 *  - a group's figures in a window: one line per indicator.
 */
import type { GroupInfo, IndicatorInfo } from '../../../../contract/http.ts';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import { selectionAtCadence } from '../../../../contract/cadence-selection.ts';
import { competitionRanks } from '../../../../contract/ranking.ts';
import { rollupAggregation } from '../../../../contract/rollup-rows.ts';
import { rollup, seriesFromValues, selectionLabelVi, type RollupRow } from '../../../../contract/rollup.ts';
import { formatSignedPercent, formatSignedPoints, formatValue } from '../../format/vi.ts';
import type { Commune, RankRow } from '../../panels/commune-ranking/ranking.ts';
import { toneOf, type Tone } from '../../panels/common/headline.ts';
import { reportedCountText } from '../../panels/common/reported.ts';
import { kpiOf, type KpiModel } from '../../tablet/kpi.ts';

export interface PeriodTileModel extends KpiModel {
  /** A comparison column: `+12,5% so với Quý II/2026`, or why it cannot be said. */
  againstText: string | null;
  againstTone: Tone;
}

/** `values`: one indicator in one area, any periods. */
export function periodTile(
  info: IndicatorInfo,
  area: string,
  values: readonly IndicatorValue[],
  period: string,
  against: string | null,
): PeriodTileModel {
  const k = kpiOf(info, area, values, period);
  if (!against) return { ...k, againstText: null, againstTone: 'neutral' };
  // Read at the indicator's own cadence, as the column's own figure is (a yearly figure: its year).
  const base = selectionAtCadence(against, info.period);
  const label = selectionLabelVi(base);
  const before = rollup(seriesFromValues(values), base, rollupAggregation(info.aggregation))?.value ?? null;
  if (k.value === null || before === null || (info.unit !== '%' && before === 0))
    return { ...k, againstText: `Chưa so sánh được với ${label}`, againstTone: 'pending' };
  const change = info.unit === '%' ? k.value - before : ((k.value - before) / Math.abs(before)) * 100;
  const text = info.unit === '%' ? formatSignedPoints(change) : formatSignedPercent(change);
  return { ...k, againstText: `${text} so với ${label}`, againstTone: toneOf(change, info) };
}

export interface PeriodRankRow extends RankRow {
  /** The roll-up uses a figure that broke a plausibility rule: "cần kiểm tra". */
  implausible: boolean;
}

export interface PeriodRanking {
  periodLabel: string;
  rows: PeriodRankRow[];
  ranked: number;
  /** `48/65 xã, phường có số liệu Quý III/2026`. */
  reportedText: string;
  /** Communes with figures for only part of the window (a flow: not ranked). */
  incomplete: number;
}

export function rankRollups(
  info: IndicatorInfo,
  rows: readonly RollupRow[],
  communes: readonly Commune[],
  period: string,
  limit: number,
): PeriodRanking {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const ranked: { c: Commune; value: number; implausible: boolean }[] = [];
  let incomplete = 0;
  for (const r of rows) {
    const c = byCode.get(r.area);
    if (!c) continue;
    if (r.rollup.value === null || !Number.isFinite(r.rollup.value)) incomplete++;
    else ranked.push({ c, value: r.rollup.value, implausible: r.rollup.implausible });
  }
  const dir = info.higherIsBetter ? -1 : 1;
  ranked.sort((a, b) => dir * (a.value - b.value) || a.c.name.localeCompare(b.c.name, 'vi'));
  const ranks = competitionRanks(ranked, (r) => formatValue(r.value, info.unit));
  const shown = ranked.slice(0, Math.max(0, limit));
  const max = Math.max(0, ...shown.map((r) => r.value));
  const periodLabel = selectionLabelVi(period);
  return {
    periodLabel,
    rows: shown.map((r, i) => ({
      code: r.c.code,
      name: r.c.name,
      type: r.c.type,
      value: r.value,
      valueText: formatValue(r.value, info.unit),
      rank: ranks[i]!,
      rankText: `xếp thứ ${ranks[i]!}/${ranked.length} xã, phường`,
      barPct: max > 0 ? Math.max(0, Math.round((r.value / max) * 1000) / 10) : 0,
      implausible: r.implausible,
    })),
    ranked: ranked.length,
    reportedText: reportedCountText(ranked.length, communes.length),
    incomplete,
  };
}

/** The communes' roll-ups as values of the selection, for the map's colour scale (map/choropleth.ts). */
export function rollupValues(
  indicator: string,
  rows: readonly RollupRow[],
  period: string,
  provinceCode: string,
): IndicatorValue[] {
  return rows
    .filter((r) => r.area !== provinceCode && r.rollup.value !== null)
    .map((r) => ({
      indicator,
      area: r.area,
      period,
      value: r.rollup.value,
      plan: r.rollup.plan,
      status: r.rollup.status ?? 'official',
      updatedAt: r.rollup.updatedAt ?? '',
    }));
}

export interface OverviewLine {
  indicator: string;
  name: string;
  /** `20.443,2 tỷ đồng`, or `—` with the reason in `note`. */
  valueText: string;
  note: string | null;
  yoyText: string | null;
  yoyTone: Tone;
}

/** A group's figures in one window and area: one line per indicator, in the catalog's order. */
export function periodOverview(
  group: GroupInfo,
  area: string,
  values: readonly IndicatorValue[],
  period: string,
): OverviewLine[] {
  return group.indicators.map((info) => {
    const k = kpiOf(
      info,
      area,
      values.filter((v) => v.indicator === info.id && v.area === area),
      period,
    );
    return {
      indicator: info.id,
      name: info.name,
      valueText: k.value === null ? '—' : formatValue(k.value, info.unit),
      note: k.incomplete,
      yoyText: k.yoyText,
      yoyTone: k.yoyTone,
    };
  });
}
