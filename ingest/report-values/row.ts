/**
 * Validation of one row of ioc_report_values. The reporting database belongs to the province, so every
 * row is checked before it can reach a screen; a bad row is rejected with a reason and its key, and the
 * rest of the batch goes on.
 */
import type { Config, IndicatorConfig } from '../../contract/config.ts';
import { type IndicatorValue, type ValueStatus, VALUE_STATUSES } from '../../contract/messages.ts';
import { parsePeriod } from '../../contract/period.ts';
import { isBeforeReform } from '../../contract/crosswalk.ts';

/** A row as selected by the ingest: numbers and times as text, so nothing is rounded on the way. */
export interface RawRow {
  indicator_id: string | null;
  area_code: string | null;
  period: string | null;
  value: string | null;
  plan: string | null;
  status: string | null;
  reporter: string | null;
  updated_at: string;
  /** Only where the province's view has the optional column (see README "Revisions"). */
  submitted_at?: string | null;
}

export type RejectReason =
  | 'unknown-indicator'
  | 'unknown-area'
  | 'former-area-after-reform'
  | 'bad-period'
  | 'period-kind-mismatch'
  | 'non-numeric-value'
  | 'bad-status';

export type RowResult =
  | { ok: true; value: IndicatorValue; indicator: IndicatorConfig; group: string }
  | { ok: false; reason: RejectReason; key: string; detail: string };

export interface Catalog {
  indicators: Map<string, { indicator: IndicatorConfig; group: string }>;
  areas: Set<string>;
  /** Units abolished on 1 July 2025: accepted only for periods wholly before it. */
  formerAreas?: Set<string>;
  provinceCode: string;
}

export function buildCatalog(config: Config): Catalog {
  const indicators = new Map<string, { indicator: IndicatorConfig; group: string }>();
  for (const g of config.groups) for (const i of g.indicators) indicators.set(i.id, { indicator: i, group: g.id });
  const areas = new Set([config.province.code, ...config.province.communes.map((c) => c.code)]);
  const formerAreas = new Set(config.province.formerCommunes.map((f) => f.code));
  return { indicators, areas, formerAreas, provinceCode: config.province.code };
}

function parseNumber(text: string | null): number | null | undefined {
  if (text === null) return null;
  const n = Number(text.trim());
  // PostgreSQL numeric accepts 'NaN' and 'Infinity'; neither is a figure a leader can read.
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

export function validateRow(row: RawRow, catalog: Catalog): RowResult {
  const key = `${row.indicator_id}|${row.area_code}|${row.period}`;
  const found = row.indicator_id ? catalog.indicators.get(row.indicator_id) : undefined;
  if (!found)
    return { ok: false, reason: 'unknown-indicator', key, detail: `indicator "${row.indicator_id}" is not in the catalog` };
  const current = !!row.area_code && catalog.areas.has(row.area_code);
  const former = !!row.area_code && (catalog.formerAreas?.has(row.area_code) ?? false);
  if (!row.area_code || (!current && !former))
    return {
      ok: false,
      reason: 'unknown-area',
      key,
      detail: `area "${row.area_code}" is neither the province nor one of its communes`,
    };
  const period = row.period ? parsePeriod(row.period) : null;
  if (!period)
    return { ok: false, reason: 'bad-period', key, detail: `period "${row.period}" is not YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY` };
  // A code that is only a former unit's (abolished 1 July 2025) has no figures for later periods.
  if (!current && !isBeforeReform(row.period!))
    return {
      ok: false,
      reason: 'former-area-after-reform',
      key,
      detail: `area "${row.area_code}" is a commune abolished on 1 July 2025; its figures are accepted only for periods that end by 30 June 2025, not "${row.period}"`,
    };
  // A year row is allowed for any indicator: it carries the year's plan (kế hoạch / dự toán).
  if (period.kind !== found.indicator.period && period.kind !== 'year')
    return {
      ok: false,
      reason: 'period-kind-mismatch',
      key,
      detail: `"${row.period}" is a ${period.kind} period but ${found.indicator.id} is reported by ${found.indicator.period}`,
    };
  const value = parseNumber(row.value);
  const plan = parseNumber(row.plan);
  if (value === undefined || plan === undefined)
    return {
      ok: false,
      reason: 'non-numeric-value',
      key,
      detail: `value "${row.value}" / plan "${row.plan}" is not a finite number`,
    };
  if (!row.status || !(VALUE_STATUSES as readonly string[]).includes(row.status))
    return { ok: false, reason: 'bad-status', key, detail: `status "${row.status}" is not estimate, preliminary or official` };
  return {
    ok: true,
    indicator: found.indicator,
    group: found.group,
    value: {
      indicator: found.indicator.id,
      area: row.area_code,
      period: row.period!,
      value,
      plan,
      status: row.status as ValueStatus,
      updatedAt: row.updated_at,
      reporter: row.reporter,
    },
  };
}
