/**
 * Period roll-ups of monthly series for the tablet's period picker (contract/meetings.ts
 * PeriodSelection): a month `2026-10`, quarter `2026-Q3`, half-year `2026-H1`, 9 months `2026-9M`,
 * year-to-date (lũy kế) `2026-10-YTD` and year `2026`. Pure.
 *
 * Rules, by the indicator's aggregation (catalog `aggregation`, contract/derive.ts):
 *  - `sum` (flows: revenue, disbursement): the sum of the window's months.
 *  - `avg` (averages: CPI, a mean price): the mean of the window's months, each month weighing the same.
 *  - `last` (stocks: enterprises operating, beds): the value at the end of the window.
 *  - `ratio` (rates): the catalog carries only the rate, no numerator and denominator, and the reported
 *    rates are cumulative to date (`Tỷ lệ thu NSNN lũy kế so với dự toán`). A mean of monthly rates would
 *    weigh a small month like a big one, so a rate is never averaged: the window's figure is the rate
 *    at its end (for a quarter of a cumulative rate, that is the rate to the end of the quarter, and the
 *    result says so with `rateAtEnd`). Where a series does carry `num`/`den` per month, the rate is
 *    recomputed honestly as Σnum / Σden × 100.
 *
 * A reported row for the exact period (`2026-Q3` written by the agency) wins over any roll-up. Otherwise
 * the window is covered quarter by quarter: its months when all three are there, else the quarter's
 * reported row, else the quarter is missing. A window with a missing piece is `complete: false`, names
 * the missing months, and a flow's value is then null: two months are never shown as a quarter.
 */
import type { ValueStatus } from './messages.ts';

export type RollupAggregation = 'sum' | 'avg' | 'last' | 'ratio';

export type SelectionKind = 'month' | 'quarter' | 'half_year' | 'nine_months' | 'ytd' | 'year';

export interface Selection {
  code: string;
  kind: SelectionKind;
  year: number;
  /** Months of the window, 1-based, inclusive. */
  fromMonth: number;
  toMonth: number;
  /** The period code an agency may report for exactly this window (`2026-Q3`), or null (9M, YTD). */
  reportedCode: string | null;
}

const SELECTION_RE = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])(-YTD)?|Q([1-4])|H([12])|(9M)))?$/;

/** Parses a PeriodSelection code; null when it is not one. */
export function parseSelection(code: string): Selection | null {
  const m = SELECTION_RE.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (m[3]) {
      // Lũy kế to December is the year; January's is the month itself. Both keep their own code.
      return { code, kind: 'ytd', year, fromMonth: 1, toMonth: month, reportedCode: month === 12 ? String(year) : null };
    }
    return { code, kind: 'month', year, fromMonth: month, toMonth: month, reportedCode: code };
  }
  if (m[4] !== undefined) {
    const q = Number(m[4]);
    return { code, kind: 'quarter', year, fromMonth: q * 3 - 2, toMonth: q * 3, reportedCode: code };
  }
  if (m[5] !== undefined) {
    const h = Number(m[5]);
    return { code, kind: 'half_year', year, fromMonth: h * 6 - 5, toMonth: h * 6, reportedCode: code };
  }
  if (m[6]) return { code, kind: 'nine_months', year, fromMonth: 1, toMonth: 9, reportedCode: null };
  return { code, kind: 'year', year, fromMonth: 1, toMonth: 12, reportedCode: code };
}

function selectionCode(kind: SelectionKind, year: number, toMonth: number): string {
  const mm = String(toMonth).padStart(2, '0');
  switch (kind) {
    case 'month':
      return `${year}-${mm}`;
    case 'quarter':
      return `${year}-Q${toMonth / 3}`;
    case 'half_year':
      return `${year}-H${toMonth / 6}`;
    case 'nine_months':
      return `${year}-9M`;
    case 'ytd':
      return `${year}-${mm}-YTD`;
    case 'year':
      return String(year);
  }
}

/** The same window one year earlier (`2026-Q3` → `2025-Q3`). */
export function selectionLastYear(code: string): string | null {
  const s = parseSelection(code);
  return s ? selectionCode(s.kind, s.year - 1, s.toMonth) : null;
}

/** The selection of the given kind that ends at (or contains) `month` of `year`, for the period picker. */
export function selectionOf(kind: SelectionKind, year: number, month: number): string {
  switch (kind) {
    case 'quarter':
      return selectionCode(kind, year, Math.ceil(month / 3) * 3);
    case 'half_year':
      return selectionCode(kind, year, Math.ceil(month / 6) * 6);
    default:
      return selectionCode(kind, year, month);
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** `Tháng 10/2026`, `Quý III/2026`, `6 tháng đầu năm 2026`, `9 tháng năm 2026`, `Lũy kế 10 tháng năm 2026`, `Năm 2026`. */
export function selectionLabelVi(code: string): string {
  const s = parseSelection(code);
  if (!s) return code;
  switch (s.kind) {
    case 'month':
      return `Tháng ${s.toMonth}/${s.year}`;
    case 'quarter':
      return `Quý ${ROMAN[s.toMonth / 3 - 1]}/${s.year}`;
    case 'half_year':
      return s.toMonth === 6 ? `6 tháng đầu năm ${s.year}` : `6 tháng cuối năm ${s.year}`;
    case 'nine_months':
      return `9 tháng năm ${s.year}`;
    case 'ytd':
      return s.toMonth === 1 ? `Lũy kế tháng 1/${s.year}` : `Lũy kế ${s.toMonth} tháng năm ${s.year}`;
    case 'year':
      return `Năm ${s.year}`;
  }
}

/** One stored row of the series (one period code). `num`/`den`: a rate's parts, where the source gives them. */
export interface RollupPoint {
  value: number | null;
  plan?: number | null;
  status?: ValueStatus;
  updatedAt?: string;
  num?: number | null;
  den?: number | null;
  /** The figure broke a plausibility rule (contract/plausibility.ts): a roll-up using it says so. */
  implausible?: boolean;
}

/** One indicator in one area, keyed by reported period code (`2026-10`, `2026-Q3`, `2026`). */
export type RollupSeries = ReadonlyMap<string, RollupPoint>;

export interface Rollup {
  selection: string;
  aggregation: RollupAggregation;
  /** The window's figure; null when it cannot be stated honestly (a flow with a missing month). */
  value: number | null;
  /** Every month of the window is covered (by months or reported rows). */
  complete: boolean;
  /** `reported`: the agency's row for exactly this period; `months`: rolled up; `mixed`: months and reported quarters. */
  source: 'reported' | 'months' | 'mixed' | 'none';
  monthsExpected: number;
  monthsCovered: number;
  /** Period codes of the months with no figure (and no reported quarter covering them). */
  missing: string[];
  /** A rate taken at the window's end (no numerator/denominator): a cumulative rate, not the window's own. */
  rateAtEnd: boolean;
  /** The plan this figure is measured against: the period's own, else the year's; and the percentage. */
  plan: number | null;
  pctOfPlan: number | null;
  /** The least final status among the figures used (estimate < preliminary < official). */
  status: ValueStatus | null;
  /** The latest updatedAt among the figures used. */
  updatedAt: string | null;
  /** A figure used broke a plausibility rule: shown "cần kiểm tra", never as normal. */
  implausible: boolean;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

const STATUS_RANK: Record<ValueStatus, number> = { estimate: 0, preliminary: 1, official: 2 };

function monthCode(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function has(p: RollupPoint | undefined): p is RollupPoint & { value: number } {
  return p !== undefined && p.value !== null && Number.isFinite(p.value);
}

/** A covering piece of the window: months [from..to] with its figures. */
interface Piece {
  from: number;
  to: number;
  points: RollupPoint[];
  /** The figure for the piece as one number (a reported quarter) or per month. */
  reported: boolean;
}

/**
 * Covers months [from..to] of `year`: by quarter when the window is aligned to quarters, each quarter by
 * its months if all are present, else by the quarter's reported row; unaligned edges by months.
 */
function cover(series: RollupSeries, year: number, from: number, to: number): { pieces: Piece[]; missing: string[] } {
  const pieces: Piece[] = [];
  const missing: string[] = [];
  let m = from;
  while (m <= to) {
    const quarterStart = (m - 1) % 3 === 0 && m + 2 <= to;
    if (quarterStart) {
      const months = [m, m + 1, m + 2].map((k) => series.get(monthCode(year, k)));
      const q = series.get(`${year}-Q${(m + 2) / 3}`);
      if (months.every(has)) pieces.push({ from: m, to: m + 2, points: months, reported: false });
      else if (has(q)) pieces.push({ from: m, to: m + 2, points: [q], reported: true });
      else
        months.forEach((p, i) => {
          if (has(p)) pieces.push({ from: m + i, to: m + i, points: [p], reported: false });
          else missing.push(monthCode(year, m + i));
        });
      m += 3;
      continue;
    }
    const p = series.get(monthCode(year, m));
    if (has(p)) pieces.push({ from: m, to: m, points: [p], reported: false });
    else missing.push(monthCode(year, m));
    m += 1;
  }
  return { pieces, missing };
}

function meta(points: readonly RollupPoint[]): { status: ValueStatus | null; updatedAt: string | null; implausible: boolean } {
  let status: ValueStatus | null = null;
  let updatedAt: string | null = null;
  const implausible = points.some((p) => p.implausible === true);
  for (const p of points) {
    if (p.status && (status === null || STATUS_RANK[p.status] < STATUS_RANK[status])) status = p.status;
    if (p.updatedAt && (updatedAt === null || p.updatedAt > updatedAt)) updatedAt = p.updatedAt;
  }
  return { status, updatedAt, implausible };
}

/** The plan of the window: the reported row's own, else the year's plan (stored on the year row). */
function planOf(series: RollupSeries, s: Selection): { plan: number | null; ofYear: boolean } {
  const own = s.reportedCode ? (series.get(s.reportedCode)?.plan ?? null) : null;
  if (own !== null && own !== undefined) return { plan: own, ofYear: s.kind === 'year' };
  const year = series.get(String(s.year))?.plan ?? null;
  return { plan: year, ofYear: true };
}

/** Rolls one indicator's series up to the selection (see the module comment for the rules). */
export function rollup(series: RollupSeries, selectionCode: string, aggregation: RollupAggregation): Rollup | null {
  const s = parseSelection(selectionCode);
  if (!s) return null;
  const expected = s.toMonth - s.fromMonth + 1;
  const base = { selection: selectionCode, aggregation, monthsExpected: expected, rateAtEnd: false };
  const { plan, ofYear } = planOf(series, s);
  const withPlan = (value: number | null): Pick<Rollup, 'plan' | 'pctOfPlan'> => {
    if (plan === null || plan === 0 || value === null) return { plan, pctOfPlan: null };
    // A flow against the year's plan is judged on its cumulative figure only when the window is the year
    // so far; a quarter's flow against the whole year's plan would read as "far behind": not shown.
    if (aggregation === 'sum' && ofYear && s.fromMonth !== 1) return { plan, pctOfPlan: null };
    return { plan, pctOfPlan: round((value / plan) * 100) };
  };

  const reported = s.reportedCode ? series.get(s.reportedCode) : undefined;
  if (has(reported)) {
    return {
      ...base,
      value: reported.value,
      complete: true,
      source: 'reported',
      monthsCovered: expected,
      missing: [],
      ...withPlan(reported.value),
      ...meta([reported]),
    };
  }

  // A stock or a cumulative rate is its end-of-window value: the last month, or a reported period ending there.
  if (aggregation === 'last' || (aggregation === 'ratio' && !hasParts(series, s))) {
    const endMonth = series.get(monthCode(s.year, s.toMonth));
    const endReported = s.toMonth % 3 === 0 ? series.get(`${s.year}-Q${s.toMonth / 3}`) : undefined;
    const end = has(endMonth) ? endMonth : has(endReported) ? endReported : undefined;
    const value = end ? end.value : null;
    return {
      ...base,
      value,
      complete: end !== undefined,
      source: end ? (end === endMonth ? 'months' : 'mixed') : 'none',
      monthsCovered: end ? expected : 0,
      missing: end ? [] : [monthCode(s.year, s.toMonth)],
      rateAtEnd: aggregation === 'ratio' && expected > 1,
      ...withPlan(value),
      ...meta(end ? [end] : []),
    };
  }

  const { pieces, missing } = cover(series, s.year, s.fromMonth, s.toMonth);
  const covered = expected - missing.length;
  const used = pieces.flatMap((p) => p.points);
  const source: Rollup['source'] = pieces.length === 0 ? 'none' : pieces.some((p) => p.reported) ? 'mixed' : 'months';
  const complete = missing.length === 0;
  let value: number | null = null;
  if (pieces.length > 0) {
    if (aggregation === 'sum') {
      value = complete ? round(used.reduce((a, p) => a + (p.value ?? 0), 0)) : null;
    } else if (aggregation === 'avg') {
      // Each month weighs the same; a reported quarter's average stands for its three months.
      let total = 0;
      for (const p of pieces) total += p.points.length === 1 ? p.points[0]!.value! * (p.to - p.from + 1) : sumOf(p.points);
      value = round(total / covered);
    } else {
      // ratio with parts: Σnum / Σden over the months, only when every month carries both.
      const nums = used.map((p) => p.num);
      const dens = used.map((p) => p.den);
      const ok = complete && !pieces.some((p) => p.reported) && nums.every(isNum) && dens.every(isNum);
      const den = ok ? (dens as number[]).reduce((a, b) => a + b, 0) : 0;
      value = ok && den !== 0 ? round(((nums as number[]).reduce((a, b) => a + b, 0) / den) * 100) : null;
    }
  }
  return {
    ...base,
    value,
    complete,
    source,
    monthsCovered: covered,
    missing,
    ...withPlan(value),
    ...meta(used),
  };
}

function sumOf(points: readonly RollupPoint[]): number {
  return points.reduce((a, p) => a + (p.value ?? 0), 0);
}

function isNum(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function hasParts(series: RollupSeries, s: Selection): boolean {
  for (let m = s.fromMonth; m <= s.toMonth; m++) {
    const p = series.get(monthCode(s.year, m));
    if (p && isNum(p.num) && isNum(p.den)) return true;
  }
  return false;
}

/** The roll-up and the same window last year, with the change in percent (points for '%' units). */
export interface RollupComparison {
  current: Rollup | null;
  lastYear: Rollup | null;
  /** Percent change (or difference in points when `points`), null when either side is missing. */
  change: number | null;
  points: boolean;
}

export function compareLastYear(
  series: RollupSeries,
  selectionCode: string,
  aggregation: RollupAggregation,
  unit: string,
): RollupComparison {
  const current = rollup(series, selectionCode, aggregation);
  const lyCode = selectionLastYear(selectionCode);
  const lastYear = lyCode ? rollup(series, lyCode, aggregation) : null;
  const points = unit === '%';
  const a = current?.value ?? null;
  const b = lastYear?.value ?? null;
  let change: number | null = null;
  if (a !== null && b !== null) {
    if (points) change = round(a - b);
    else if (b !== 0) change = round(((a - b) / Math.abs(b)) * 100);
  }
  return { current, lastYear, change, points };
}

/** Why a roll-up is incomplete, in Vietnamese: `Chưa đủ số liệu: có 2/3 tháng (thiếu tháng 9/2026)`. */
export function incompleteTextVi(r: Rollup): string | null {
  if (r.complete) return null;
  const names = r.missing.map((c) => {
    const [y, m] = c.split('-');
    return `tháng ${Number(m)}/${y}`;
  });
  return `Chưa đủ số liệu: có ${r.monthsCovered}/${r.monthsExpected} tháng (thiếu ${names.join(', ')})`;
}

// ---- GET /api/tablet/rollup?indicator=&period=<selection> (realtime/tablet/plugin.ts) ------------------------

/** One area's rolled-up figure and the same window last year. */
export interface RollupRow {
  area: string;
  rollup: Rollup;
  lastYear: number | null;
  /** Percent change, or points for '%' indicators. */
  change: number | null;
  points: boolean;
}

/** Every in-scope area's figure for one indicator and selection: the tablet's ranking, map and comparison. */
export interface TabletRollupPayload {
  indicator: string;
  period: string;
  /** The province's row first (when in scope), then each commune with figures. */
  rows: RollupRow[];
}

/** GET /api/tablet/displays (those who may present): the wall displays a meeting can drive. */
export interface MeetingDisplay {
  id: string;
  name: string;
  wall: string;
  wallName: string;
}

/** A series of one indicator in one area from contract values (only the fields roll-ups need). */
export function seriesFromValues(
  values: readonly {
    period: string;
    value: number | null;
    plan: number | null;
    status?: ValueStatus;
    updatedAt?: string;
    flags?: readonly string[];
  }[],
): Map<string, RollupPoint> {
  const m = new Map<string, RollupPoint>();
  for (const v of values)
    m.set(v.period, {
      value: v.value,
      plan: v.plan,
      status: v.status,
      updatedAt: v.updatedAt,
      ...(v.flags?.includes('implausible') ? { implausible: true } : {}),
    });
  return m;
}
