/**
 * What an XLSX export holds, as data (contract/exports.ts): from the values the caller may see, the
 * title, the period, the as-of time and the rows of a tile, a table or a ranking. Pure; workbook.ts
 * writes it with exceljs.
 */
import type { Config } from '../../contract/config.ts';
import type { XlsxExportRequest } from '../../contract/exports.ts';
import { STATUS_LABEL_VI } from '../../contract/exports.ts';
import type { GroupInfo, HttpErrorCode, IndicatorInfo } from '../../contract/http.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { comparePeriods, formatPeriod, parsePeriod, periodLabelVi, periodStart, type Period } from '../../contract/period.ts';
import { competitionRanks, rankingPeriod } from '../../contract/ranking.ts';

export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; decimals: number }
  | { kind: 'time'; at: Date }
  | { kind: 'empty' };

export interface ExportTable {
  title: string;
  /** `Tháng 11/2026 (ước tính)`; null when the rows have periods of their own (a table). */
  periodLabel: string | null;
  /** The period code for the file name. */
  period: string | null;
  areaLabel: string;
  /** The newest `updatedAt` among the rows: "Số liệu tính đến". */
  asOf: Date | null;
  /** Extra head lines (`48/65 xã, phường đã báo cáo`). */
  notes: string[];
  columns: string[];
  rows: Cell[][];
}

export type ExportResult =
  { ok: true; table: ExportTable } | { ok: false; status: 400 | 404; code: HttpErrorCode; message: string };

const STATUS_ORDER = { estimate: 0, preliminary: 1, official: 2 } as const;
const text = (t: string): Cell => ({ kind: 'text', text: t });
const num = (v: number | null, decimals: number): Cell =>
  v === null || !Number.isFinite(v) ? { kind: 'empty' } : { kind: 'number', value: v, decimals };

/** Decimals to show for an indicator: the most any of its figures carries (0–4). */
export function decimalsOf(values: readonly { value: number | null; plan?: number | null }[]): number {
  let d = 0;
  for (const v of values)
    for (const n of [v.value, v.plan ?? null]) {
      if (n === null || !Number.isFinite(n)) continue;
      const s = String(Math.abs(n));
      const dot = s.indexOf('.');
      if (dot >= 0 && !s.includes('e')) d = Math.max(d, Math.min(4, s.length - dot - 1));
    }
  return d;
}

function flagsText(v: IndicatorValue): string {
  const out: string[] = [];
  if (v.flags?.includes('revised')) out.push('đã điều chỉnh');
  if (v.flags?.includes('implausible')) out.push('cần kiểm tra');
  return out.join(', ');
}

export interface ExportContext {
  config: Config;
  groups: readonly GroupInfo[];
  now: Date;
  /** How many communes the caller may see (65 province-wide, 1 for a commune official). */
  communesInScope: number;
}

function areaName(config: Config, code: string): string | null {
  if (code === config.province.code) return config.province.fullName;
  const c = config.province.communes.find((x) => x.code === code);
  return c ? `${c.type} ${c.name}` : null;
}

/** A reporter code as a reader knows it: a commune's people's committee, or the agency's name (calendar.yaml). */
function reporterName(config: Config, code: string | null | undefined): string {
  if (!code) return '';
  const m = /^UBND-(\d+)$/.exec(code);
  const name = m ? areaName(config, m[1]!) : null;
  return name ? `UBND ${name}` : (config.calendar?.agencies[code] ?? code);
}

/** The latest started period of the indicator's own kind among values with a number. */
function latestOwn(values: readonly IndicatorValue[], info: IndicatorInfo, now: Date): Period | null {
  let best: Period | null = null;
  for (const v of values) {
    if (v.value === null) continue;
    const p = parsePeriod(v.period);
    if (!p || p.kind !== info.period || periodStart(p).getTime() > now.getTime()) continue;
    if (!best || comparePeriods(p, best) > 0) best = p;
  }
  return best;
}

function leastFinalLabel(values: readonly IndicatorValue[]): string {
  let s: IndicatorValue['status'] = 'official';
  for (const v of values) if (STATUS_ORDER[v.status] < STATUS_ORDER[s]) s = v.status;
  return STATUS_LABEL_VI[s].toLowerCase();
}

function newest(values: readonly IndicatorValue[]): Date | null {
  let t = 0;
  for (const v of values) t = Math.max(t, Date.parse(v.updatedAt) || 0);
  return t ? new Date(t) : null;
}

const VALUE_COLUMNS = ['Giá trị', 'Đơn vị tính', 'Kế hoạch', 'Trạng thái', 'Đơn vị báo cáo', 'Cập nhật lúc', 'Ghi chú'];

function valueCells(config: Config, v: IndicatorValue, unit: string, decimals: number): Cell[] {
  return [
    num(v.value, decimals),
    text(unit),
    num(v.plan, decimals),
    text(STATUS_LABEL_VI[v.status]),
    text(reporterName(config, v.reporter)),
    { kind: 'time', at: new Date(v.updatedAt) },
    text(flagsText(v)),
  ];
}

/**
 * The export for a request, from the values of its group the caller may see (already filtered by
 * scope: realtime/access.ts visibleValues).
 */
export function buildExport(req: XlsxExportRequest, visible: readonly IndicatorValue[], ctx: ExportContext): ExportResult {
  const { config, now } = ctx;
  const group = ctx.groups.find((g) => g.id === req.group);
  if (!group) return { ok: false, status: 400, code: 'unknown-group', message: `unknown group: ${req.group}` };
  const info = req.indicator ? group.indicators.find((i) => i.id === req.indicator) : undefined;
  if (req.indicator && !info)
    return { ok: false, status: 400, code: 'unknown-indicator', message: `not an indicator of ${group.id}: ${req.indicator}` };
  const wanted = req.period ? parsePeriod(req.period) : null;
  if (req.period && !wanted) return { ok: false, status: 400, code: 'bad-period', message: `not a period code: ${req.period}` };
  const area = req.area ?? config.province.code;
  const areaLabel = areaName(config, area);
  if (!areaLabel) return { ok: false, status: 400, code: 'unknown-area', message: `not an area of the province: ${area}` };
  const none = (): ExportResult => ({ ok: false, status: 404, code: 'not-found', message: 'no figures to export in your scope' });

  if (req.kind === 'tile') {
    const own = visible.filter((v) => v.indicator === info!.id && v.area === area);
    const shown = wanted ?? latestOwn(own, info!, now);
    if (!shown) return none();
    const rows = own
      .map((v) => ({ v, p: parsePeriod(v.period) }))
      .filter(
        (x): x is { v: IndicatorValue; p: Period } =>
          x.p !== null && x.p.kind === shown.kind && x.p.year === shown.year && comparePeriods(x.p, shown) <= 0,
      )
      .sort((a, b) => comparePeriods(a.p, b.p));
    if (!rows.some((r) => comparePeriods(r.p, shown) === 0)) return none();
    const d = decimalsOf(rows.map((r) => r.v));
    const last = rows.find((r) => comparePeriods(r.p, shown) === 0)!.v;
    return {
      ok: true,
      table: {
        title: info!.name,
        periodLabel: `${periodLabelVi(shown)} (${STATUS_LABEL_VI[last.status].toLowerCase()})`,
        period: formatPeriod(shown),
        areaLabel,
        asOf: newest(rows.map((r) => r.v)),
        notes: [],
        columns: ['Kỳ báo cáo', ...VALUE_COLUMNS],
        rows: rows.map((r) => [text(periodLabelVi(r.p)), ...valueCells(config, r.v, info!.unit, d)]),
      },
    };
  }

  if (req.kind === 'table') {
    const rows: Cell[][] = [];
    const used: IndicatorValue[] = [];
    for (const ind of group.indicators) {
      const own = visible.filter((v) => v.indicator === ind.id && v.area === area);
      const p = wanted && wanted.kind === ind.period ? wanted : latestOwn(own, ind, now);
      const v = p ? own.find((x) => x.period === formatPeriod(p)) : undefined;
      if (!p || !v) {
        rows.push([text(ind.name), text('Chưa có số liệu'), { kind: 'empty' }, text(ind.unit)]);
        continue;
      }
      used.push(v);
      rows.push([text(ind.name), text(periodLabelVi(p)), ...valueCells(config, v, ind.unit, decimalsOf([v]))]);
    }
    if (used.length === 0) return none();
    return {
      ok: true,
      table: {
        title: group.name,
        periodLabel: null,
        period: wanted ? formatPeriod(wanted) : null,
        areaLabel,
        asOf: newest(used),
        notes: [],
        columns: ['Chỉ tiêu', 'Kỳ báo cáo', ...VALUE_COLUMNS],
        rows,
      },
    };
  }

  // A ranking of the communes the caller may see.
  const communes = new Map(config.province.communes.map((c) => [c.code, c]));
  const own = visible.filter((v) => v.indicator === info!.id && communes.has(v.area) && v.value !== null);
  const counts = new Map<string, { period: Period; count: number }>();
  for (const v of own) {
    const p = parsePeriod(v.period);
    if (!p || p.kind !== info!.period || periodStart(p).getTime() > now.getTime()) continue;
    const e = counts.get(v.period);
    if (e) e.count++;
    else counts.set(v.period, { period: p, count: 1 });
  }
  const shown = wanted ?? rankingPeriod([...counts.values()], ctx.communesInScope);
  if (!shown) return none();
  const ranked = own.filter((v) => v.period === formatPeriod(shown));
  if (ranked.length === 0) return none();
  const dir = info!.higherIsBetter ? -1 : 1;
  const name = (v: IndicatorValue) => communes.get(v.area)!.name;
  ranked.sort((a, b) => dir * (a.value! - b.value!) || name(a).localeCompare(name(b), 'vi'));
  const d = decimalsOf(ranked);
  const ranks = competitionRanks(ranked, (v) => v.value!.toFixed(d));
  return {
    ok: true,
    table: {
      title: `Xếp hạng xã, phường — ${info!.name}`,
      periodLabel: `${periodLabelVi(shown)} (${leastFinalLabel(ranked)})`,
      period: formatPeriod(shown),
      areaLabel: config.province.fullName,
      asOf: newest(ranked),
      notes: [`${ranked.length}/${ctx.communesInScope} xã, phường đã báo cáo`],
      columns: ['Hạng', 'Xã, phường', ...VALUE_COLUMNS],
      rows: ranked.map((v, i) => [num(ranks[i]!, 0), text(areaName(config, v.area)!), ...valueCells(config, v, info!.unit, d)]),
    },
  };
}
