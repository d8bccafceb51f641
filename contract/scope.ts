/**
 * What a caller may read (ARCHITECTURE.md "Identity and scope"): indicator groups and areas. Pure, so the
 * server enforces it on every data path and the dashboard hides what it would be refused anyway.
 *
 * Areas: `'*'`, or official codes — the province code and/or commune codes. The province code in a
 * scope means the whole province (its own figures and every commune's): a provincial official reads
 * everything under the province. A scope listing only communes reads those communes and nothing at
 * province level, so a commune officer's province subscription carries only their communes' values.
 */
import { isStaff, type Role } from './roles.ts';

export interface Scope {
  groups: string[] | '*';
  areas: string[] | '*';
}

/** Everything: staff and admins, and a fresh object each time so no caller shares one. */
export const fullScope = (): Scope => ({ groups: '*', areas: '*' });

export function groupInScope(scope: Scope, group: string): boolean {
  return scope.groups === '*' || scope.groups.includes(group);
}

/** The communes a scope is limited to, or null when it covers the whole province (`'*'` or the code). */
function communesOnly(areas: Scope['areas'], provinceCode: string): string[] | null {
  if (areas === '*' || areas.includes(provinceCode)) return null;
  return areas;
}

export function areaInScope(scope: Scope, area: string, provinceCode: string): boolean {
  const communes = communesOnly(scope.areas, provinceCode);
  return communes === null || communes.includes(area);
}

/** The values of a province subscription the caller may see (a new array; the input is not changed). */
export function filterValuesByScope<T extends { area: string }>(values: readonly T[], scope: Scope, provinceCode: string): T[] {
  const communes = communesOnly(scope.areas, provinceCode);
  if (communes === null) return values.slice();
  const areas = new Set(communes);
  return values.filter((v) => areas.has(v.area));
}

/** The groups of a list (e.g. GET /api/groups) the caller may see, in their order. */
export function filterGroupsByScope<T extends { id: string }>(groups: readonly T[], scope: Scope): T[] {
  return groups.filter((g) => groupInScope(scope, g.id));
}

/** A device reads the groups of the pages it may show, province-wide. */
export function scopeForDevice(groups: Iterable<string>): Scope {
  return { groups: [...new Set(groups)].sort(), areas: '*' };
}

/** Staff and admins read everything whatever their stored scope says; others read their scope. */
export function effectiveScope(role: Role, scope: Scope): Scope {
  return isStaff(role) ? fullScope() : scope;
}

const copy = (list: string[] | '*'): string[] | '*' => (list === '*' ? '*' : [...list]);

function intersectList(a: string[] | '*', b: string[] | '*'): string[] | '*' {
  if (a === '*') return copy(b);
  if (b === '*') return [...a];
  const inB = new Set(b);
  return [...new Set(a.filter((x) => inB.has(x)))];
}

/**
 * What both scopes allow, e.g. a user's scope and what a meeting's display may show. A list holding the
 * province code covers every commune, so `['56'] ∩ ['22333']` is `['22333']`.
 */
export function intersectScope(a: Scope, b: Scope, provinceCode: string): Scope {
  const aCommunes = communesOnly(a.areas, provinceCode);
  const bCommunes = communesOnly(b.areas, provinceCode);
  let areas: Scope['areas'];
  if (aCommunes && bCommunes) areas = intersectList(aCommunes, bCommunes);
  else if (aCommunes) areas = [...aCommunes];
  else if (bCommunes) areas = [...bCommunes];
  else areas = a.areas === '*' ? copy(b.areas) : [...a.areas]; // both whole: keep the more explicit form
  return { groups: intersectList(a.groups, b.groups), areas };
}
