/**
 * What the compliance views show, from GET /api/compliance (contract/compliance.ts): a line per agency
 * or commune, worst first, in Vietnamese — `3 quá hạn`, `2 nộp muộn`, `chậm 7 ngày` — and the share on
 * time. Pure, shared by the wall panel and the tablet page.
 */
import type { ComplianceCounts, CompliancePayload, ComplianceRow } from '../../../contract/compliance.ts';
import { parsePeriod, periodLabelVi } from '../../../contract/period.ts';
import { formatPercent } from '../format/vi.ts';

export type Severity = 'missing' | 'late' | 'ok' | 'pending';

export interface ComplianceLine {
  key: string;
  name: string;
  severity: Severity;
  /** `3 quá hạn` (due, not received), or null. */
  missingText: string | null;
  /** `2 nộp muộn`, or null. */
  lateText: string | null;
  /** `chậm 7 ngày`, or null. */
  delayText: string | null;
  /** `92% đúng hạn` of what was due; `Chưa đến hạn` when nothing was. */
  rateText: string;
  /** 0–100 for a bar; null when nothing was due. */
  ratePct: number | null;
  /** For a screen reader: the whole line in words. */
  label: string;
}

export function severityOf(c: ComplianceCounts): Severity {
  if (c.missing > 0) return 'missing';
  if (c.late > 0) return 'late';
  return c.onTime + c.late + c.missing === 0 ? 'pending' : 'ok';
}

function ratePctOf(c: ComplianceCounts): number | null {
  const due = c.onTime + c.late + c.missing;
  return due === 0 ? null : (c.onTime / due) * 100;
}

export function complianceLine(r: ComplianceRow): ComplianceLine {
  const pct = ratePctOf(r);
  const missingText = r.missing > 0 ? `${r.missing} quá hạn` : null;
  const lateText = r.late > 0 ? `${r.late} nộp muộn` : null;
  const delayText = r.maxDaysLate > 0 ? `chậm ${r.maxDaysLate} ngày` : null;
  const rateText = pct === null ? 'Chưa đến hạn' : `${formatPercent(Math.floor(pct * 10) / 10)} đúng hạn`;
  const parts = [missingText, lateText, delayText, rateText].filter(Boolean);
  return {
    key: r.key,
    name: r.name,
    severity: severityOf(r),
    missingText,
    lateText,
    delayText,
    rateText,
    ratePct: pct,
    label: `${r.name}: ${parts.join(', ')}`,
  };
}

export interface ComplianceSummary {
  /** `Tháng 11/2026`. */
  periodLabel: string;
  /** `14 cơ quan` / `65 xã, phường`. */
  countText: string;
  /** `5 quá hạn · 3 nộp muộn · 88,2% đúng hạn`, or `Tất cả đúng hạn`. */
  headline: string;
  /** How many rows have something overdue or late. */
  behind: number;
}

export function complianceSummary(p: CompliancePayload): ComplianceSummary {
  const period = parsePeriod(p.period);
  const pct = ratePctOf(p.totals);
  const bits = [
    p.totals.missing > 0 ? `${p.totals.missing} quá hạn` : null,
    p.totals.late > 0 ? `${p.totals.late} nộp muộn` : null,
    pct === null ? 'chưa đến hạn' : `${formatPercent(Math.floor(pct * 10) / 10)} đúng hạn`,
  ].filter(Boolean);
  return {
    periodLabel: period ? periodLabelVi(period) : p.period,
    countText: `${p.rows.length} ${p.by === 'agency' ? 'cơ quan' : 'xã, phường'}`,
    headline: p.totals.missing + p.totals.late === 0 && pct !== null ? 'Tất cả đúng hạn' : bits.join(' · '),
    behind: p.rows.filter((r) => r.missing + r.late > 0).length,
  };
}

/** The trend as the chart draws it: month labels `T11/2026` and on-time percentages (null: nothing due). */
export function trendSeries(p: CompliancePayload, row?: ComplianceRow): { labels: string[]; pct: (number | null)[] } {
  const labels = p.trend.map((t) => {
    const m = parsePeriod(t.period);
    return m ? `T${m.index}/${m.year}` : t.period;
  });
  const rates = row ? row.trend : p.trend.map((t) => t.rate);
  return { labels, pct: rates.map((r) => (r === null ? null : Math.round(r * 1000) / 10)) };
}
