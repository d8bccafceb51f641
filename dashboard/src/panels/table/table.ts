/**
 * A table of indicators (columns) by communes or by periods (rows). Pure.
 * - By communes: the latest period of the first indicator; communes best first on it by its polarity.
 *   Each other column shows its own latest period (named in the header when it differs).
 * - By periods: the latest periods of the first indicator, latest first, in one area.
 * `basis: 'ytd'` shows year-to-date (lũy kế) figures for indicators that add up over the year.
 */
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../../contract/http.ts';
import { derive, type Aggregation } from '../../../../contract/derive.ts';
import { comparePeriods, parsePeriod, periodLabelVi, ytdLabelVi, type Period } from '../../../../contract/period.ts';
import { formatNumber, formatUpdatedVi } from '../../format/vi.ts';
import { asPeriodKind, inArea, seriesOf } from '../common/values.ts';

export interface TableColumn {
  id: string;
  name: string;
  unit: string;
  /** `Tháng 10/2026` when the column's period differs from the table's. */
  periodNote: string | null;
}

export interface TableRow {
  key: string;
  label: string;
  /** `—` where there is no figure. */
  cells: string[];
}

export interface TableModel {
  columns: TableColumn[];
  rows: TableRow[];
  /** `Tháng 10/2026` (by communes), `Theo tháng` (by periods). */
  periodLabel: string;
  updatedText: string | null;
  /** Ids of indicators the catalogue does not know. */
  unknown: string[];
}

export interface TableInput {
  indicators: readonly string[];
  by: 'communes' | 'periods';
  basis: 'period' | 'ytd';
  area: string;
  limit: number;
}

const DASH = '—';

function shownValue(
  info: IndicatorInfo,
  v: IndicatorValue,
  basis: 'period' | 'ytd',
  areaValues: readonly IndicatorValue[],
): number | null {
  if (v.value === null || !Number.isFinite(v.value)) return null;
  if (basis !== 'ytd' || info.aggregation !== 'sum') return v.value;
  const ytd = v.derived?.ytd ?? derive(seriesOf(areaValues), v.period, info.aggregation as Aggregation).ytd;
  return ytd ?? v.value;
}

interface Usable {
  v: IndicatorValue;
  p: Period;
}

function usableOf(info: IndicatorInfo, values: readonly IndicatorValue[]): Usable[] {
  const kind = asPeriodKind(info.period);
  const out: Usable[] = [];
  for (const v of values) {
    if (v.value === null || !Number.isFinite(v.value)) continue;
    const p = parsePeriod(v.period);
    if (p && (!kind || p.kind === kind)) out.push({ v, p });
  }
  return out;
}

function latestPeriod(us: readonly Usable[]): Period | null {
  let best: Period | null = null;
  for (const u of us) if (!best || comparePeriods(u.p, best) > 0) best = u.p;
  return best;
}

const label = (p: Period, basis: 'period' | 'ytd', info: IndicatorInfo) =>
  basis === 'ytd' && info.aggregation === 'sum' ? ytdLabelVi(p) : periodLabelVi(p);

export function tableModel(
  input: TableInput,
  infoOf: (id: string) => IndicatorInfo | undefined,
  valuesOf: (id: string) => readonly IndicatorValue[],
  communes: readonly { code: string; name: string }[],
): TableModel | null {
  const infos = input.indicators.map((id) => ({ id, info: infoOf(id) }));
  const unknown = infos.filter((x) => !x.info).map((x) => x.id);
  const known = infos.filter((x): x is { id: string; info: IndicatorInfo } => !!x.info);
  const first = known[0];
  if (!first) return null;
  let newest: string | null = null;
  const seen = (v: IndicatorValue) => {
    if (!newest || v.updatedAt > newest) newest = v.updatedAt;
  };
  const fmt = (n: number | null) => (n === null ? DASH : formatNumber(n));

  if (input.by === 'communes') {
    const names = new Map(communes.map((c) => [c.code, c.name]));
    const perColumn = known.map(({ info, id }) => {
      const us = usableOf(info, valuesOf(id)).filter((u) => names.has(u.v.area));
      const p = latestPeriod(us);
      const at = new Map<string, IndicatorValue>();
      for (const u of us) if (p && comparePeriods(u.p, p) === 0) at.set(u.v.area, u.v);
      return { id, info, period: p, at };
    });
    const head = perColumn[0]!;
    if (!head.period) return { columns: [], rows: [], periodLabel: '', updatedText: null, unknown };
    const dir = head.info.higherIsBetter ? -1 : 1;
    const ranked = [...head.at.values()].sort(
      (a, b) =>
        dir * ((a.value as number) - (b.value as number)) ||
        (names.get(a.area) ?? '').localeCompare(names.get(b.area) ?? '', 'vi'),
    );
    const rows = ranked.slice(0, input.limit).map((hv) => ({
      key: hv.area,
      label: names.get(hv.area) ?? hv.area,
      cells: perColumn.map((c) => {
        const v = c.at.get(hv.area);
        if (!v) return DASH;
        seen(v);
        return fmt(shownValue(c.info, v, input.basis, inArea(valuesOf(c.id), hv.area)));
      }),
    }));
    const headLabel = label(head.period, input.basis, head.info);
    return {
      columns: perColumn.map((c) => {
        const l = c.period ? label(c.period, input.basis, c.info) : 'chưa có số liệu theo xã';
        return { id: c.id, name: c.info.name, unit: c.info.unit, periodNote: l === headLabel ? null : l };
      }),
      rows,
      periodLabel: headLabel,
      updatedText: newest ? formatUpdatedVi(newest) : null,
      unknown,
    };
  }

  const perColumn = known.map(({ info, id }) => {
    const area = inArea(valuesOf(id), input.area);
    const at = new Map<string, IndicatorValue>();
    for (const u of usableOf(info, area)) at.set(u.v.period, u.v);
    return { id, info, area, at };
  });
  const head = perColumn[0]!;
  const latest = usableOf(head.info, head.area)
    .sort((a, b) => comparePeriods(b.p, a.p))
    .slice(0, input.limit);
  const rows = latest.map((u) => ({
    key: u.v.period,
    label: label(u.p, input.basis, head.info),
    cells: perColumn.map((c) => {
      const v = c.at.get(u.v.period);
      if (!v) return DASH;
      seen(v);
      return fmt(shownValue(c.info, v, input.basis, c.area));
    }),
  }));
  return {
    columns: perColumn.map((c) => ({ id: c.id, name: c.info.name, unit: c.info.unit, periodNote: null })),
    rows,
    periodLabel: input.basis === 'ytd' ? 'Lũy kế theo kỳ' : 'Theo kỳ báo cáo',
    updatedText: newest ? formatUpdatedVi(newest) : null,
    unknown,
  };
}
