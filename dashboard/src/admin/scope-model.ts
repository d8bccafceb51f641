/**
 * The scope editor of the user form, as pure functions: a stored Scope becomes a draft the form edits
 * (every group or a chosen few; every area, the whole province or chosen communes), and the draft becomes
 * the Scope the server stores, or the sentence saying why it cannot. Also the one-line summary the user
 * table shows. Ids the lists do not know (a group removed from the catalog) are kept, never dropped.
 */
import { ALERTS_GROUP } from '../../../contract/alerts.ts';
import type { Scope } from '../../../contract/scope.ts';
import { isStaff, type Role } from '../../../contract/roles.ts';

export type AreaMode = 'all' | 'province' | 'communes';

export interface ScopeDraft {
  allGroups: boolean;
  /** The chosen groups; kept while `allGroups` is on, so switching back restores them. */
  groups: string[];
  areaMode: AreaMode;
  /** The chosen communes; kept in the other modes for the same reason. */
  communes: string[];
}

export interface ScopeNames {
  /** Group id → its name. */
  groups: ReadonlyMap<string, string>;
  /** Commune code → `Phường Bắc Nha Trang`. */
  communes: ReadonlyMap<string, string>;
  province: { code: string; name: string };
}

/** The camera alerts are a scope group of their own, outside the indicator catalog. */
export const ALERTS_GROUP_LABEL = 'Cảnh báo camera';

export const emptyDraft = (): ScopeDraft => ({ allGroups: true, groups: [], areaMode: 'all', communes: [] });

export function draftFromScope(scope: Scope, provinceCode: string): ScopeDraft {
  const groups = scope.groups === '*' ? [] : [...scope.groups];
  if (scope.areas === '*') return { allGroups: scope.groups === '*', groups, areaMode: 'all', communes: [] };
  const communes = scope.areas.filter((a) => a !== provinceCode);
  const areaMode: AreaMode = scope.areas.includes(provinceCode) ? 'province' : 'communes';
  return { allGroups: scope.groups === '*', groups, areaMode, communes };
}

export type ScopeResult = { ok: true; scope: Scope } | { ok: false; problems: { groups?: string; areas?: string } };

export function scopeFromDraft(d: ScopeDraft, provinceCode: string): ScopeResult {
  const problems: { groups?: string; areas?: string } = {};
  const groups = d.allGroups ? '*' : unique(d.groups);
  if (groups !== '*' && groups.length === 0) problems.groups = 'Chọn ít nhất một nhóm chỉ tiêu, hoặc “Tất cả các nhóm”.';
  let areas: Scope['areas'];
  if (d.areaMode === 'all') areas = '*';
  else if (d.areaMode === 'province') areas = [provinceCode];
  else {
    areas = unique(d.communes.filter((c) => c !== provinceCode));
    if (areas.length === 0) problems.areas = 'Chọn ít nhất một xã, phường, hoặc cả tỉnh.';
  }
  if (problems.groups || problems.areas) return { ok: false, problems };
  return { ok: true, scope: { groups, areas } };
}

/** `list` with `id` added (at the end) or removed. */
export function toggled(list: readonly string[], id: string, on: boolean): string[] {
  const rest = list.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

const groupName = (id: string, names: ScopeNames) => names.groups.get(id) ?? (id === ALERTS_GROUP ? ALERTS_GROUP_LABEL : id);

/**
 * `Mọi nhóm chỉ tiêu · Toàn tỉnh`, `Ngân sách, Y tế · Phường Bắc Nha Trang`, `4 nhóm chỉ tiêu · 3 xã, phường`.
 * Staff and admins read everything whatever their stored scope says, and the summary says so.
 */
export function scopeSummary(role: Role, scope: Scope, names: ScopeNames): string {
  if (isStaff(role)) return 'Toàn bộ (theo vai trò)';
  let groups: string;
  if (scope.groups === '*') groups = 'Mọi nhóm chỉ tiêu';
  else if (scope.groups.length === 0) groups = 'Không nhóm nào';
  else if (scope.groups.length <= 2) groups = scope.groups.map((g) => groupName(g, names)).join(', ');
  else groups = `${scope.groups.length} nhóm chỉ tiêu`;
  let areas: string;
  if (scope.areas === '*') areas = 'Mọi địa bàn';
  else if (scope.areas.includes(names.province.code)) areas = `Toàn tỉnh ${names.province.name}`;
  else if (scope.areas.length === 0) areas = 'Không địa bàn nào';
  else if (scope.areas.length <= 2) areas = scope.areas.map((a) => names.communes.get(a) ?? a).join(', ');
  else areas = `${scope.areas.length} xã, phường`;
  return `${groups} · ${areas}`;
}

/** Case- and accent-insensitive match of a commune list filter (`bac nha` finds `Bắc Nha Trang`). */
export function matchesFilter(label: string, filter: string): boolean {
  const f = fold(filter.trim());
  return f === '' || fold(label).includes(f);
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
