/**
 * Reporting compliance (ARCHITECTURE.md "Revisions and compliance"): who owes which figure by when, and
 * `GET /api/compliance?period=&by=agency|commune[&area=]` → CompliancePayload.
 *
 * Who owes what comes from the catalog: every indicator of a group is owed by the group's reporter
 * (agency) for the province; a commune-level indicator is owed for each commune as well — reported by
 * the agency, counted against the commune in `by=commune`. Each owed status of the frequency (the
 * calendar's rules) is one obligation. A submission is on time when the center first saw it (or the
 * reporting system's own `submitted_at`) before the deadline; a missing figure is `missing` only once
 * its deadline has passed, `pending` before.
 */
/** The pseudo-group of a wall page with a compliance panel: its screen reads every group's compliance. */
export const COMPLIANCE_GROUP = 'compliance';

export const COMPLIANCE_BY = ['agency', 'commune'] as const;
export type ComplianceBy = (typeof COMPLIANCE_BY)[number];

export interface ComplianceCounts {
  /** Figures owed for the period (every obligation, due or not). */
  expected: number;
  onTime: number;
  late: number;
  /** Due and not received. */
  missing: number;
  /** Not due yet and not received. */
  pending: number;
  /** The largest delay among late and missing figures (missing: counted to now), in the rules' units. */
  maxDaysLate: number;
}

export interface ComplianceRow extends ComplianceCounts {
  /** A reporter code (`STC`) or a commune code. */
  key: string;
  name: string;
  /** On-time rate (0–1) per month of CompliancePayload.trend; null where nothing was due. */
  trend: (number | null)[];
}

export interface ComplianceTrendPoint {
  /** A month code, `2026-11`. */
  period: string;
  /** Monthly figures whose deadline has passed. */
  due: number;
  onTime: number;
  /** onTime / due; null when nothing was due. */
  rate: number | null;
}

export interface CompliancePayload {
  period: string;
  by: ComplianceBy;
  /** The commune the answer is limited to (`area=`), or null. */
  area: string | null;
  /** The instant counted at, ISO-8601. */
  asOf: string;
  totals: ComplianceCounts;
  /** Worst first: most missing, then most late, then longest delay. */
  rows: ComplianceRow[];
  /** The on-time rate of monthly figures over the last 12 months, oldest first. */
  trend: ComplianceTrendPoint[];
}

export const emptyCounts = (): ComplianceCounts => ({ expected: 0, onTime: 0, late: 0, missing: 0, pending: 0, maxDaysLate: 0 });

/** Worst first; ties by name so the order is stable. */
export function compareWorstFirst(a: ComplianceRow, b: ComplianceRow): number {
  return (
    b.missing - a.missing ||
    b.late - a.late ||
    b.maxDaysLate - a.maxDaysLate ||
    rate(a) - rate(b) ||
    a.name.localeCompare(b.name, 'vi')
  );
}

/** Share of the due figures that came on time (1 when nothing is due yet). */
export function rate(c: ComplianceCounts): number {
  const due = c.onTime + c.late + c.missing;
  return due === 0 ? 1 : c.onTime / due;
}
