/**
 * XLSX export of what is on screen (issue 13, "Export"): `POST /api/exports/xlsx` with an
 * XlsxExportRequest answers `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, one
 * sheet with the title, the period in Vietnamese, the as-of time and who exported, then the figures with
 * their unit, status and reporter. Numbers are number cells with Excel number formats (`#,##0.0`), which
 * Excel shows in the reader's locale: 20.443,2 in a Vietnamese Excel. Scope applies as on every data
 * path (a commune official gets their commune only; an out-of-scope group or area is 403), and every
 * export is audited as `export.xlsx`.
 *
 *  - `tile`: one indicator in one area (default: the province), every period of the shown period's year
 *    up to it (the data behind the tile).
 *  - `table`: every indicator of a group in one area, each at its latest reported period (or `period`).
 *  - `ranking`: one indicator's communes ranked (ties share a rank), at the latest period at least half
 *    of them reported (or `period`), with how many reported.
 */
import { z } from 'zod';
import type { ValueStatus } from './messages.ts';
import { COMPLIANCE_BY } from './compliance.ts';

export const EXPORT_KINDS = ['tile', 'table', 'ranking'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const XlsxExportRequestSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    group: z.string().min(1).max(64),
    /** Required for `tile` and `ranking`. */
    indicator: z.string().min(1).max(128).optional(),
    /** An area code (the province or a commune); default the province. Not used by `ranking`. */
    area: z
      .string()
      .regex(/^\d{2,5}$/, 'an area code such as 56 or 22333')
      .optional(),
    /** A period code (`2026-11`, `2026-Q3`, `2026-H1`, `2026`); default the latest reported. */
    period: z.string().min(4).max(10).optional(),
  })
  .strict()
  .refine((b) => b.kind === 'table' || b.indicator !== undefined, {
    message: 'an indicator is required for a tile or a ranking',
    path: ['indicator'],
  });
export type XlsxExportRequest = z.infer<typeof XlsxExportRequestSchema>;

/** Status words as the sheet (and the wall) writes them. */
export const STATUS_LABEL_VI: Record<ValueStatus, string> = {
  estimate: 'Ước tính',
  preliminary: 'Sơ bộ',
  official: 'Chính thức',
};

/** The file name a download is saved as, ASCII only: `ioc-ranking-traffic_safety.crashes-2026-11.xlsx`. */
export function exportFileName(req: Pick<XlsxExportRequest, 'kind' | 'group' | 'indicator'>, period: string | null): string {
  const what = (req.indicator ?? req.group).replace(/[^A-Za-z0-9._-]/g, '_');
  return `ioc-${req.kind}-${what}${period ? `-${period.replace(/[^A-Za-z0-9-]/g, '_')}` : ''}.xlsx`;
}

/**
 * The compliance view as XLSX: `POST /api/compliance/xlsx` with a ComplianceXlsxRequest answers the same
 * counts as `GET /api/compliance` with the same query and scope — one row per agency or commune, worst
 * first, with its on-time rate month by month — audited as `export.xlsx` like the other exports.
 */
export const ComplianceXlsxRequestSchema = z
  .object({
    kind: z.literal('compliance'),
    by: z.enum(COMPLIANCE_BY),
    /** A month code (`2026-11`); default the latest month with a deadline already passed. */
    period: z
      .string()
      .regex(/^\d{4}-\d{2}$/, 'a month code such as 2026-11')
      .optional(),
    /** One commune (or the province code), as `GET /api/compliance?area=`. */
    area: z
      .string()
      .regex(/^\d{2,5}$/, 'an area code such as 56 or 22333')
      .optional(),
  })
  .strict();
export type ComplianceXlsxRequest = z.infer<typeof ComplianceXlsxRequestSchema>;

/** Any export a page can ask for. */
export type AnyXlsxRequest = XlsxExportRequest | ComplianceXlsxRequest;

/** `ioc-compliance-agency-2026-11.xlsx`. */
export function complianceFileName(by: string, period: string): string {
  return `ioc-compliance-${by.replace(/[^a-z]/g, '_')}-${period.replace(/[^A-Za-z0-9-]/g, '_')}.xlsx`;
}
