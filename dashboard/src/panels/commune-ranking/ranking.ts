/**
 * Communes ranked on the latest period enough of them have reported (common/reported.ts rankingPeriod),
 * best first by its polarity. Pure. Ties share a rank (1, 2, 2, 4) on the figure as displayed; names come
 * from the screen payload, codes never reach the wall. The panel says how many communes have reported.
 */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import { comparePeriods, formatPeriod, parsePeriod, periodLabelVi, type Period } from '../../../../contract/period.ts';
import { formatUpdatedVi, formatValue } from '../../format/vi.ts';
import { asPeriodKind } from '../common/values.ts';
import { competitionRanks } from '../../../../contract/ranking.ts';
import { hasStarted, leastFinal, rankingPeriod, reportedCountText, reportedLabel } from '../common/reported.ts';

export interface Commune {
  code: string;
  name: string;
  type: string;
}

export interface RankRow {
  code: string;
  name: string;
  /** `Phường Nha Trang` style label is long for a wall row; the type goes in small type. */
  type: string;
  value: number;
  valueText: string;
  rank: number;
  /** `xếp thứ 2/65 xã, phường`. */
  rankText: string;
  /** 0..100, bar length proportional to the value (largest in the list = 100). */
  barPct: number;
}

export interface Ranking {
  period: Period;
  periodLabel: string;
  /** `Tháng 11/2026 (ước tính)`: the period and the least final status among its figures. */
  reportedLabel: string;
  /** `48/65 xã, phường đã báo cáo`. */
  reportedText: string;
  rows: RankRow[];
  /** Communes with a figure for the period. */
  ranked: number;
  /** Communes of the province without a figure for the period. */
  missing: number;
  updatedText: string;
  reporter: string | null;
}

export function rankCommunes(
  info: IndicatorInfo,
  values: readonly IndicatorValue[],
  communes: readonly Commune[],
  limit: number,
  now?: Date,
): Ranking | null {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const kind = asPeriodKind(info.period);
  const usable: { v: IndicatorValue; p: Period; c: Commune }[] = [];
  for (const v of values) {
    if (v.value === null || !Number.isFinite(v.value)) continue;
    const c = byCode.get(v.area);
    if (!c) continue;
    const p = parsePeriod(v.period);
    if (!p || (kind && p.kind !== kind) || (now && !hasStarted(p, now))) continue;
    usable.push({ v, p, c });
  }
  const perPeriod = new Map<string, { period: Period; count: number }>();
  for (const u of usable) {
    const k = formatPeriod(u.p);
    const e = perPeriod.get(k);
    if (e) e.count++;
    else perPeriod.set(k, { period: u.p, count: 1 });
  }
  const latest = rankingPeriod([...perPeriod.values()], communes.length);
  if (!latest) return null;
  const rows = usable.filter((u) => comparePeriods(u.p, latest) === 0);
  const dir = info.higherIsBetter ? -1 : 1;
  rows.sort((a, b) => dir * ((a.v.value as number) - (b.v.value as number)) || a.c.name.localeCompare(b.c.name, 'vi'));
  const total = rows.length;
  const shown = rows.slice(0, Math.max(0, limit));
  const max = Math.max(0, ...shown.map((r) => r.v.value as number));
  // Ranks over every ranked commune (not only those shown), on the figure as the wall shows it.
  const ranks = competitionRanks(rows, (r) => formatValue(r.v.value as number, info.unit));
  const out: RankRow[] = shown.map((r, i) => {
    const value = r.v.value as number;
    const rank = ranks[i]!;
    return {
      code: r.c.code,
      name: r.c.name,
      type: r.c.type,
      value,
      valueText: formatValue(value, info.unit),
      rank,
      rankText: `xếp thứ ${rank}/${total} xã, phường`,
      barPct: max > 0 ? Math.max(0, Math.round((value / max) * 1000) / 10) : 0,
    };
  });
  let newest = rows[0]!.v;
  for (const r of rows) if (r.v.updatedAt > newest.updatedAt) newest = r.v;
  return {
    period: latest,
    periodLabel: periodLabelVi(latest),
    reportedLabel: reportedLabel(periodLabelVi(latest), leastFinal(rows.map((r) => r.v.status)) ?? 'official'),
    reportedText: reportedCountText(total, communes.length),
    rows: out,
    ranked: total,
    missing: Math.max(0, communes.length - total),
    updatedText: formatUpdatedVi(newest.updatedAt),
    reporter: newest.reporter ?? null,
  };
}
