/**
 * What a reporting period is, on its own: the kinds and the shape. period.ts (arithmetic, labels) and
 * deadlines.ts (the reporting calendar) both build on it, and period.ts asks deadlines.ts when a figure is
 * due, so the shape lives here rather than in either.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1-based position inside the year: month 1..12, quarter 1..4, half 1..2, year 1. */
  index: number;
}
