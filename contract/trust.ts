/**
 * Bodies of the trust endpoints (ARCHITECTURE.md "Revisions and compliance"): a figure's revision history
 * and the list of implausible figures for staff. Wire types only.
 */
import type { IndicatorValue, ValueStatus } from './messages.ts';

/** GET /api/values/history?indicator=&area=&period= → ValueHistoryItem[], oldest first. */
export interface ValueHistoryItem {
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string | null;
  /** As the reporting database wrote it (ISO-8601, microseconds). */
  updatedAt: string;
  /** When the center saw this change (ISO-8601). */
  seenAt: string;
}

/** GET /api/values/implausible (staff) → every published figure that breaks a plausibility rule, newest first. */
export interface ImplausibleValuesPayload {
  count: number;
  values: (Pick<IndicatorValue, 'indicator' | 'area' | 'period' | 'value' | 'status' | 'updatedAt' | 'reporter' | 'checks'> & {
    group: string;
  })[];
}
