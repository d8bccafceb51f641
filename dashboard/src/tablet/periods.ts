/**
 * The period picker's choices in Vietnamese terms (tháng, quý, 6 tháng, 9 tháng, năm, lũy kế) over
 * PeriodSelection codes (contract/meetings.ts, contract/rollup.ts). Pure.
 * A kind opens on its latest window that has ended by the latest month with figures (the latest month
 * October: quý → Quý III, 6 tháng → 6 tháng đầu năm, năm → last year; lũy kế → 10 tháng), so a first
 * tap never lands on a window that is bound to be incomplete.
 */
import { parseSelection, type SelectionKind } from '../../../contract/rollup.ts';
import { parsePeriod } from '../../../contract/period.ts';
import type { IndicatorValue } from '../../../contract/messages.ts';

export const PICK_KINDS: readonly { kind: SelectionKind; label: string }[] = [
  { kind: 'month', label: 'Tháng' },
  { kind: 'quarter', label: 'Quý' },
  { kind: 'half_year', label: '6 tháng' },
  { kind: 'nine_months', label: '9 tháng' },
  { kind: 'year', label: 'Năm' },
  { kind: 'ytd', label: 'Lũy kế' },
];

export interface YearMonth {
  year: number;
  month: number;
}

const mm = (m: number) => String(m).padStart(2, '0');

/** The latest window of `kind` ending at or before the given month. */
export function selectionForKind(kind: SelectionKind, latest: YearMonth): string {
  const { year, month } = latest;
  switch (kind) {
    case 'month':
      return `${year}-${mm(month)}`;
    case 'ytd':
      return `${year}-${mm(month)}-YTD`;
    case 'quarter': {
      const q = Math.floor(month / 3);
      return q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`;
    }
    case 'half_year': {
      const h = Math.floor(month / 6);
      return h === 0 ? `${year - 1}-H2` : `${year}-H${h}`;
    }
    case 'nine_months':
      return month >= 9 ? `${year}-9M` : `${year - 1}-9M`;
    case 'year':
      return month === 12 ? String(year) : String(year - 1);
  }
}

/** One window earlier (dir −1) or later (+1), same kind. 9 tháng and năm step by years. */
export function stepSelection(code: string, dir: 1 | -1): string | null {
  const s = parseSelection(code);
  if (!s) return null;
  const shift = (months: number) => {
    const ord = s.year * 12 + (s.toMonth - 1) + dir * months;
    return { year: Math.floor(ord / 12), month: (ord % 12) + 1 };
  };
  switch (s.kind) {
    case 'month': {
      const t = shift(1);
      return `${t.year}-${mm(t.month)}`;
    }
    case 'ytd': {
      const t = shift(1);
      return `${t.year}-${mm(t.month)}-YTD`;
    }
    case 'quarter': {
      const t = shift(3);
      return `${t.year}-Q${t.month / 3}`;
    }
    case 'half_year': {
      const t = shift(6);
      return `${t.year}-H${t.month / 6}`;
    }
    case 'nine_months':
      return `${s.year + dir}-9M`;
    case 'year':
      return String(s.year + dir);
  }
}

/** The latest month with a figure among the values (any area), or null. */
export function latestMonth(values: Iterable<IndicatorValue>): YearMonth | null {
  let best: YearMonth | null = null;
  for (const v of values) {
    if (v.value === null) continue;
    const p = parsePeriod(v.period);
    if (!p || p.kind !== 'month') continue;
    if (!best || p.year * 12 + p.index > best.year * 12 + best.month) best = { year: p.year, month: p.index };
  }
  return best;
}

/** The latest month with a figure of one indicator (or, without one, of any in the values). */
export function latestMonthOf(values: Iterable<IndicatorValue>, indicator: string | undefined): YearMonth | null {
  return latestMonth(indicator ? [...values].filter((v) => v.indicator === indicator) : values);
}

/**
 * The period a view that names none shows: its latest month with a figure (`latestMonthOf`);
 * `fallback` when there is none. The tablet shows it, and a presenter's view carries it.
 */
export function defaultPeriod(latest: YearMonth | null, fallback: string): string {
  return latest ? selectionForKind('month', latest) : fallback;
}

export function kindOf(code: string): SelectionKind | null {
  return parseSelection(code)?.kind ?? null;
}
