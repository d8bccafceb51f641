/**
 * A period picked on the tablet, read at an indicator's own reporting cadence. A plan or a yearly figure
 * (51 of the catalog's indicators are reported once a year) has no month: asked for "Tháng 11/2026" it
 * would show "—, chưa đủ số liệu" although the year's figure is there. So a selection finer than the
 * cadence becomes the indicator's own period that holds it (Năm 2026, Quý IV/2026, 6 tháng cuối năm),
 * and a running total (9 tháng, lũy kế) ends at the last whole period of the cadence inside it. The
 * tile then names the period it shows, so nothing is passed off as the month that was asked for. Pure.
 */
import type { PeriodKind } from './period-kind.ts';
import { parseSelection } from './rollup.ts';

const MONTHS_OF: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

export function selectionAtCadence(code: string, cadence: string): string {
  const s = parseSelection(code);
  const step = MONTHS_OF[cadence as PeriodKind];
  if (!s || !step || step === 1) return code;
  const y = s.year;
  const span = s.toMonth - s.fromMonth + 1;
  if (step === 12) return String(y);
  const containing = (month: number) => (step === 3 ? `${y}-Q${Math.ceil(month / 3)}` : `${y}-H${Math.ceil(month / 6)}`);
  // A single window shorter than the cadence (a month; a quarter of a half-yearly figure).
  if (s.fromMonth !== 1 || s.kind === 'month' || s.kind === 'quarter' || s.kind === 'half_year')
    return span >= step && span % step === 0 && (s.fromMonth - 1) % step === 0 ? code : containing(s.toMonth);
  // A running total from January: to the end of the last whole period inside it.
  const end = Math.floor(s.toMonth / step) * step;
  if (end === 0) return containing(s.toMonth);
  if (end === 12) return String(y);
  if (end === s.toMonth) return code;
  return end === 9 ? `${y}-9M` : `${y}-${String(end).padStart(2, '0')}-YTD`;
}

/** How far back a period not yet reported is replaced by an earlier one of the same cadence. */
const STEPS_BACK = 4;

/** The single period of the cadence before `code` (2026 → 2025, 2026-Q1 → 2025-Q4, 2026-H1 → 2025-H2); null otherwise. */
function previousPeriod(code: string): string | null {
  let m = /^(\d{4})$/.exec(code);
  if (m) return String(Number(m[1]) - 1);
  m = /^(\d{4})-(Q|H)(\d)$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[3]);
  const last = m[2] === 'Q' ? 4 : 2;
  return index > 1 ? `${year}-${m[2]}${index - 1}` : `${year - 1}-${m[2]}${last}`;
}

/**
 * The period a tile or ranking shows for `picked`: read at the cadence (selectionAtCadence) and, when
 * that one period of a yearly, half-yearly or quarterly figure is not reported yet, the latest earlier
 * one that is (up to four back) — a yearly figure asked for in November 2026 shows Năm 2025, named as
 * such, instead of "Năm 2026: chưa đủ số liệu, có 0/12 tháng". A month, a running total, or a period
 * with nothing reported before it is left as read at the cadence: its roll-up says what is missing.
 * `reported`: the periods that carry a figure.
 */
export function reportedAtCadence(picked: string, cadence: string, reported: ReadonlySet<string>): string {
  const atCadence = selectionAtCadence(picked, cadence);
  if ((MONTHS_OF[cadence as PeriodKind] ?? 1) === 1 || reported.has(atCadence)) return atCadence;
  let p = previousPeriod(atCadence);
  for (let i = 0; p && i < STEPS_BACK; i++, p = previousPeriod(p)) if (reported.has(p)) return p;
  return atCadence;
}
