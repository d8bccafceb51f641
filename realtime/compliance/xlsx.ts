/**
 * The compliance view as an export table (realtime/exports/workbook.ts writes it): what /compliance and
 * the wall's panel show — per agency or commune, worst first, how many figures were owed, on time, late,
 * overdue and not yet due, the longest delay, the on-time share — and each line's on-time share month
 * by month. Counts and shares are number cells; the head says the month, the scope and the totals. Pure.
 */
import type { ComplianceCounts, CompliancePayload } from '../../contract/compliance.ts';
import { formatNumberVi } from '../../contract/plausibility.ts';
import { parsePeriod, periodLabelVi } from '../../contract/period.ts';
import type { Cell, ExportTable } from '../exports/table.ts';

const text = (t: string): Cell => ({ kind: 'text', text: t });
const count = (n: number): Cell => ({ kind: 'number', value: n, decimals: 0 });
const pct = (share: number | null): Cell =>
  share === null ? { kind: 'empty' } : { kind: 'number', value: Math.round(share * 1000) / 10, decimals: 1 };

/** On-time share of what was due; null when nothing was. */
function shareOf(c: ComplianceCounts): number | null {
  const due = c.onTime + c.late + c.missing;
  return due === 0 ? null : c.onTime / due;
}

/** As the views word it: overdue first, then late, then on time; nothing due yet. */
function standing(c: ComplianceCounts): string {
  if (c.missing > 0) return 'Quá hạn';
  if (c.late > 0) return 'Nộp muộn';
  return c.onTime > 0 ? 'Đúng hạn' : 'Chưa đến hạn';
}

const monthLabel = (code: string) => {
  const p = parsePeriod(code);
  return p ? `T${p.index}/${p.year}` : code;
};

export function complianceExportTable(body: CompliancePayload, areaLabel: string): ExportTable {
  const period = parsePeriod(body.period);
  const t = body.totals;
  const share = shareOf(t);
  const byAgency = body.by === 'agency';
  return {
    title: byAgency ? 'Chấp hành chế độ báo cáo theo cơ quan' : 'Chấp hành chế độ báo cáo theo xã, phường',
    areaLabel,
    periodLabel: period ? periodLabelVi(period) : body.period,
    period: body.period,
    asOf: new Date(body.asOf),
    notes: [
      [
        `${formatNumberVi(t.expected)} số liệu phải báo cáo`,
        `${formatNumberVi(t.onTime)} đúng hạn`,
        `${formatNumberVi(t.late)} nộp muộn`,
        `${formatNumberVi(t.missing)} quá hạn chưa nộp`,
        `${formatNumberVi(t.pending)} chưa đến hạn`,
        share === null ? null : `${formatNumberVi(Math.round(share * 1000) / 10)}% đúng hạn`,
      ]
        .filter((x) => x !== null)
        .join(' · '),
      `${body.rows.length} ${byAgency ? 'cơ quan' : 'xã, phường'}, xếp từ chậm nhất; số ngày chậm tính theo quy định của từng kỳ`,
    ],
    columns: [
      byAgency ? 'Cơ quan' : 'Xã, phường',
      'Tình trạng',
      'Phải báo cáo',
      'Đúng hạn',
      'Nộp muộn',
      'Quá hạn chưa nộp',
      'Chưa đến hạn',
      'Chậm nhất (ngày)',
      'Tỷ lệ đúng hạn (%)',
      ...body.trend.map((m) => `Đúng hạn ${monthLabel(m.period)} (%)`),
    ],
    rows: body.rows.map((r) => [
      text(r.name),
      text(standing(r)),
      count(r.expected),
      count(r.onTime),
      count(r.late),
      count(r.missing),
      count(r.pending),
      count(r.maxDaysLate),
      pct(shareOf(r)),
      ...body.trend.map((_, i) => pct(r.trend[i] ?? null)),
    ]),
  };
}
