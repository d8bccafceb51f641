/**
 * Data health words, order and rows, pure: silent first, then late, unknown, ok; period codes in
 * Vietnamese; and the reporting agencies' rows (who owes figures past their deadline) from the
 * compliance answer, so staff see which agency is late, as the leaders' "Chấp hành chế độ báo cáo"
 * page will show it.
 */
import type { CompliancePayload, ComplianceRow } from '../../../contract/compliance.ts';
import { parsePeriod, periodLabelVi } from '../../../contract/period.ts';

export type HealthState = 'ok' | 'late' | 'silent' | 'unknown';

export const STATE_VI: Record<HealthState, string> = {
  silent: '⛔ Im lặng',
  late: '⚠ Chậm',
  unknown: 'Chưa rõ',
  ok: '✓ Bình thường',
};

export function healthRank(s: HealthState): number {
  return s === 'silent' ? 0 : s === 'late' ? 1 : s === 'unknown' ? 2 : 3;
}

/** `2026-11` → `Tháng 11/2026`, `2026-Q3` → `Quý III/2026`; anything else as it came; null → `—`. */
export function periodTextVi(code: string | null): string {
  if (code === null) return '—';
  const p = parsePeriod(code);
  return p ? periodLabelVi(p) : code;
}

export interface AgencyHealth {
  key: string;
  name: string;
  /** Figures whose deadline has passed and that have not come. */
  missing: number;
  /** Figures that came after their deadline. */
  late: number;
  /** Figures due by now (on time, late or missing). */
  due: number;
  maxDaysLate: number;
  /** silent: nothing of what is due has come; late: some of it is missing; ok: nothing overdue. */
  state: HealthState;
}

export function agencyState(r: Pick<ComplianceRow, 'onTime' | 'late' | 'missing'>): HealthState {
  const due = r.onTime + r.late + r.missing;
  if (r.missing === 0) return 'ok';
  return r.missing >= due ? 'silent' : 'late';
}

/** The agencies of a compliance answer, worst first: by state, then most missing, then the longest delay. */
export function agencyHealth(payload: Pick<CompliancePayload, 'rows'>): AgencyHealth[] {
  return payload.rows
    .map((r) => ({
      key: r.key,
      name: r.name,
      missing: r.missing,
      late: r.late,
      due: r.onTime + r.late + r.missing,
      maxDaysLate: r.maxDaysLate,
      state: agencyState(r),
    }))
    .sort(
      (a, b) =>
        healthRank(a.state) - healthRank(b.state) ||
        b.missing - a.missing ||
        b.maxDaysLate - a.maxDaysLate ||
        a.name.localeCompare(b.name, 'vi'),
    );
}

/** The words of the overdue column: `3 số liệu quá hạn (chậm nhất 13 ngày)`, or `không`. */
export function overdueTextVi(a: Pick<AgencyHealth, 'missing' | 'maxDaysLate'>): string {
  if (a.missing === 0) return 'không';
  const nf = new Intl.NumberFormat('vi-VN');
  return `${nf.format(a.missing)} số liệu quá hạn${a.maxDaysLate > 0 ? ` (chậm nhất ${nf.format(a.maxDaysLate)} ngày)` : ''}`;
}
