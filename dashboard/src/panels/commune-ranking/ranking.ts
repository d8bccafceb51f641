/**
 * Communes ranked on the latest period of an indicator, best first by its polarity. Pure.
 * Ties share a rank (1, 2, 2, 4); names come from the screen payload, codes never reach the wall.
 */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import { comparePeriods, parsePeriod, periodLabelVi, type Period } from '../../../../contract/period.ts';
import { formatUpdatedVi, formatValue } from '../../format/vi.ts';
import { asPeriodKind } from '../common/values.ts';

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
): Ranking | null {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const kind = asPeriodKind(info.period);
  const usable: { v: IndicatorValue; p: Period; c: Commune }[] = [];
  for (const v of values) {
    if (v.value === null || !Number.isFinite(v.value)) continue;
    const c = byCode.get(v.area);
    if (!c) continue;
    const p = parsePeriod(v.period);
    if (!p || (kind && p.kind !== kind)) continue;
    usable.push({ v, p, c });
  }
  if (!usable.length) return null;
  let latest = usable[0]!.p;
  for (const u of usable) if (comparePeriods(u.p, latest) > 0) latest = u.p;
  const rows = usable.filter((u) => comparePeriods(u.p, latest) === 0);
  const dir = info.higherIsBetter ? -1 : 1;
  rows.sort((a, b) => dir * ((a.v.value as number) - (b.v.value as number)) || a.c.name.localeCompare(b.c.name, 'vi'));
  const total = rows.length;
  const shown = rows.slice(0, Math.max(0, limit));
  const max = Math.max(0, ...shown.map((r) => r.v.value as number));
  let lastValue: number | null = null;
  let lastRank = 0;
  const out: RankRow[] = shown.map((r, i) => {
    const value = r.v.value as number;
    const rank = value === lastValue ? lastRank : i + 1;
    lastValue = value;
    lastRank = rank;
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
    rows: out,
    ranked: total,
    missing: Math.max(0, communes.length - total),
    updatedText: formatUpdatedVi(newest.updatedAt),
    reporter: newest.reporter ?? null,
  };
}
