/**
 * Scope enforcement, in one place (ARCHITECTURE.md "Identity and scope"): every socket subscription and
 * every REST route that returns data asks here whether the caller may have it. Out of scope is
 * `forbidden` (socket) or 403 (HTTP); no caller is 401. The rules themselves are contract/scope.ts.
 */
import type { Request, Response } from 'express';
import { areaInScope, filterValuesByScope, groupInScope } from '../contract/scope.ts';
import { isStaff } from '../contract/roles.ts';
import { principalOf } from './identity/http.ts';
import type { Principal, UserPrincipal } from './identity/principal.ts';
import { sendError, sendUnauthorized } from './http/errors.ts';

export interface Wanted {
  groups?: readonly string[];
  areas?: readonly string[];
}

/** Why a principal may not have what it asks for, or null when it may. */
export function refusal(p: Principal, wanted: Wanted, provinceCode: string): string | null {
  const groups = (wanted.groups ?? []).filter((g) => !groupInScope(p.scope, g));
  if (groups.length) return `outside your scope: group ${groups.slice(0, 5).join(', ')}`;
  // The province view is open to everyone in a group's scope: it carries only their communes' values.
  const areas = (wanted.areas ?? []).filter((a) => a !== provinceCode && !areaInScope(p.scope, a, provinceCode));
  if (areas.length) return `outside your scope: area ${areas.slice(0, 5).join(', ')}`;
  return null;
}

/** The values of a province-wide answer the principal may see (a commune official: their communes). */
export function visibleValues<T extends { area: string }>(p: Principal, values: readonly T[], provinceCode: string): T[] {
  return filterValuesByScope(values, p.scope, provinceCode);
}

/** Whether the principal reads every area (then a province answer needs no filtering). */
export function seesWholeProvince(p: Principal, provinceCode: string): boolean {
  return p.scope.areas === '*' || p.scope.areas.includes(provinceCode);
}

export function isStaffUser(p: Principal | null): p is UserPrincipal {
  return p?.kind === 'user' && isStaff(p.role);
}

/** The caller of a route, or a 401 answer and null. */
export function requireCaller(req: Request, res: Response): Principal | null {
  const p = principalOf(req);
  if (!p) sendUnauthorized(res, 'sign in, or send a valid Bearer credential');
  return p;
}

/** The caller, if it may have these groups and areas; else a 401/403 answer and null. */
export function requireScope(req: Request, res: Response, wanted: Wanted, provinceCode: string): Principal | null {
  const p = requireCaller(req, res);
  if (!p) return null;
  const why = refusal(p, wanted, provinceCode);
  if (why) {
    sendError(res, 403, 'forbidden', why);
    return null;
  }
  return p;
}

/** A staff or admin user; else 401 (nobody) or 403 (someone else). */
export function requireStaffUser(req: Request, res: Response): UserPrincipal | null {
  const p = requireCaller(req, res);
  if (!p) return null;
  if (!isStaffUser(p)) {
    sendError(res, 403, 'forbidden', 'staff only');
    return null;
  }
  return p;
}
