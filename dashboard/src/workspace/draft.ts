/**
 * A page draft: checked in the browser with the same schema the server and the YAML loader use
 * (contract/config/screens.ts), plus the rules the loader adds (on the grid, no overlap, known indicators,
 * thresholds that make sense for the indicator's polarity), each issue at its field's path; and the
 * merge offered when someone else published first. Pure.
 */
import type { z } from 'zod';
import { ScreenSchema, type PanelConfig, type ScreenConfig } from '../../../contract/config/screens.ts';
import type { IndicatorInfo } from '../../../contract/http.ts';
import type { ConfigIssue } from '../../../contract/workspace.ts';
import { thresholdIssues } from '../../../contract/thresholds.ts';
import { offGrid, overlappingPairs, overlaps } from './grid.ts';

/** Zod's issue in Vietnamese, for the field it names. */
export function issueTextVi(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'too_small':
      return i.origin === 'string'
        ? Number(i.minimum) <= 1
          ? 'Không được để trống'
          : `Ít nhất ${i.minimum} ký tự`
        : `Tối thiểu ${i.minimum}`;
    case 'too_big':
      return i.origin === 'string' ? `Nhiều nhất ${i.maximum} ký tự` : `Tối đa ${i.maximum}`;
    case 'invalid_type':
      return i.expected === 'number' ? 'Phải là một số' : 'Thiếu hoặc sai kiểu';
    case 'invalid_value':
      return `Phải là một trong: ${i.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Trường không được phép: ${i.keys.join(', ')}`;
    case 'invalid_format':
      return `Sai định dạng (${i.message})`;
    case 'invalid_union':
      return 'Loại bảng không hợp lệ';
    default:
      return i.message;
  }
}

export type IndicatorLookup = (id: string) => IndicatorInfo | undefined;

/**
 * Every problem of a draft, each at its path (`panels.2.at.w`, `panels.0.thresholds.good`). With the
 * province's commune codes, a panel's `area` outside them is refused as the loader does.
 */
export function draftIssues(draft: unknown, indicatorOf: IndicatorLookup, communes?: ReadonlySet<string>): ConfigIssue[] {
  const parsed = ScreenSchema.safeParse(draft);
  if (!parsed.success)
    return parsed.error.issues
      .slice(0, 50)
      .map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: issueTextVi(i) }));
  const page = parsed.data;
  const out: ConfigIssue[] = [];
  page.panels.forEach((p, i) => {
    if (offGrid(p.at, page.grid)) out.push({ path: `panels.${i}.at`, message: 'Bảng nằm ngoài lưới của trang' });
    const ids = 'indicators' in p ? p.indicators : 'indicator' in p ? [p.indicator] : [];
    ids.forEach((id, k) => {
      const at = 'indicators' in p ? `panels.${i}.indicators.${k}` : `panels.${i}.indicator`;
      const info = indicatorOf(id);
      if (!info) out.push({ path: at, message: `Chỉ tiêu "${id}" không có trong danh mục` });
      else if ((p.kind === 'commune-ranking' || p.kind === 'map') && !info.communeLevel)
        out.push({ path: at, message: 'Chỉ tiêu không có số liệu theo xã, phường' });
      else if (p.kind === 'gauge' && !info.hasPlan)
        out.push({ path: at, message: 'Chỉ tiêu không có kế hoạch: không thể vẽ đồng hồ % kế hoạch' });
    });
    const area = 'area' in p ? p.area : undefined;
    if (area !== undefined && communes && !communes.has(area))
      out.push({ path: `panels.${i}.area`, message: `Mã "${area}" không phải một xã, phường của tỉnh` });
    if ((p.kind === 'kpi-tile' || p.kind === 'gauge') && p.thresholds) {
      const info = indicatorOf(p.indicator);
      if (info)
        for (const t of thresholdIssues(p.thresholds, info))
          out.push({ path: `panels.${i}.thresholds.${t.field}`, message: t.message });
    }
  });
  for (const [a, b] of overlappingPairs(page.panels.map((p) => p.at)))
    out.push({ path: `panels.${b}.at`, message: `Bảng ${b + 1} chồng lên bảng ${a + 1}` });
  return out;
}

/** The issues of one field (exact path) or under it (`panels.2` gets `panels.2.at.w`). */
export function issuesAt(issues: readonly ConfigIssue[], path: string, under = false): string | undefined {
  const hit = issues.filter((i) => i.path === path || (under && i.path.startsWith(`${path}.`)));
  return hit.length ? hit.map((i) => i.message).join(' ') : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed between two versions of a page, panel by panel, as lines a person reads. */
export function pageChanges(from: ScreenConfig, to: ScreenConfig, label: (p: PanelConfig) => string): string[] {
  const out: string[] = [];
  if (from.title !== to.title) out.push(`Tên trang: “${from.title}” → “${to.title}”`);
  if (!same(from.grid, to.grid)) out.push(`Lưới: ${from.grid.columns}×${from.grid.rows} → ${to.grid.columns}×${to.grid.rows}`);
  if (!same(from.design, to.design))
    out.push(`Kích thước: ${from.design.width}×${from.design.height} → ${to.design.width}×${to.design.height}`);
  const removed = from.panels.filter((p) => !to.panels.some((q) => same(p, q)));
  const added = to.panels.filter((p) => !from.panels.some((q) => same(p, q)));
  for (const p of removed) out.push(`− ${label(p)} (cột ${p.at.col + 1}, hàng ${p.at.row + 1})`);
  for (const p of added) out.push(`+ ${label(p)} (cột ${p.at.col + 1}, hàng ${p.at.row + 1})`);
  return out;
}

export interface MergeResult {
  page: ScreenConfig;
  /** My changes that could not be re-applied (they touch what the other person changed). */
  conflicts: string[];
  applied: number;
}

/**
 * Re-applies my changes (base → mine) on top of theirs (base → theirs): panels I removed go if they are
 * still there unchanged, panels I added or changed come in where they overlap nothing in the result; the
 * title, grid and canvas size are mine where they did not change it. Anything else is a conflict and keeps
 * their version.
 */
export function mergeDrafts(
  base: ScreenConfig,
  mine: ScreenConfig,
  theirs: ScreenConfig,
  label: (p: PanelConfig) => string,
): MergeResult {
  const conflicts: string[] = [];
  let applied = 0;
  const page: ScreenConfig = structuredClone(theirs);
  for (const key of ['title', 'grid', 'design'] as const) {
    if (same(base[key], mine[key])) continue;
    if (same(base[key], theirs[key])) {
      (page as Record<string, unknown>)[key] = structuredClone(mine[key]);
      applied++;
    } else if (!same(mine[key], theirs[key]))
      conflicts.push(key === 'title' ? 'Tên trang' : key === 'grid' ? 'Lưới' : 'Kích thước trang');
  }
  const removed = base.panels.filter((p) => !mine.panels.some((q) => same(p, q)));
  const added = mine.panels.filter((p) => !base.panels.some((q) => same(p, q)));
  for (const p of removed) {
    const at = page.panels.findIndex((q) => same(p, q));
    if (at >= 0) {
      page.panels.splice(at, 1);
      applied++;
    }
  }
  for (const p of added) {
    if (page.panels.some((q) => same(p, q))) continue; // they made the same change
    if (page.panels.some((q) => overlaps(q.at, p.at))) {
      conflicts.push(`${label(p)} (cột ${p.at.col + 1}, hàng ${p.at.row + 1})`);
      continue;
    }
    page.panels.push(structuredClone(p));
    applied++;
  }
  return { page, conflicts, applied };
}
