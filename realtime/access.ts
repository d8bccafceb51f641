/**
 * Scope enforcement, in one place (ARCHITECTURE.md "Identity and scope"): every socket subscription and
 * every REST route that returns data asks here whether the caller may have it. Out of scope is
 * `forbidden` (socket) or 403 (HTTP); no caller is 401. The rules themselves are contract/scope.ts.
 */
import type { Request, Response } from 'express';
import { areaInScope, filterValuesByScope, groupInScope, type Scope } from '../contract/scope.ts';
import { answersNotes, canPresent, isStaff } from '../contract/roles.ts';
import type { NoteStatus } from '../contract/meetings.ts';
import { principalOf } from './identity/http.ts';
import { canActAsScreen, type Principal, type UserPrincipal } from './identity/principal.ts';
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

// ---- Notes and explanation requests (realtime/notes) ---------------------------------------------------

/** What a note's access depends on: its figure (group, area) and the agency it is addressed to. */
export interface NoteTarget {
  group: string;
  area: string;
  reporter: string;
  author?: { id: string };
}

/** Leaders, staff and admins write notes; agencies answer them; viewers and screens have no notes. */
export function mayWriteNotes(p: Principal): p is UserPrincipal {
  return p.kind === 'user' && canPresent(p.role);
}

/** The agency whose notes this caller reads and answers, or null. */
export function noteAgencyOf(p: Principal): string | null {
  return p.kind === 'user' && answersNotes(p.role) && p.agency ? p.agency : null;
}

/** May the caller list notes at all (GET /api/notes)? */
export function mayReadNotes(p: Principal): boolean {
  return mayWriteNotes(p) || noteAgencyOf(p) !== null;
}

/**
 * May the caller see this note: a leader or staff when its figure is in their scope; an agency user when
 * it is addressed to their agency and in their scope. A note on a province figure needs a scope that
 * covers the province (a commune official's province view carries only their communes).
 */
export function noteVisibleTo(p: Principal, n: NoteTarget, provinceCode: string): boolean {
  if (!mayReadNotes(p)) return false;
  if (!mayWriteNotes(p) && noteAgencyOf(p) !== n.reporter) return false;
  return (
    groupInScope(p.scope, n.group) &&
    (seesWholeProvince(p, provinceCode) || (n.area !== provinceCode && areaInScope(p.scope, n.area, provinceCode)))
  );
}

/** Why the caller may not change this note's status to `status`, or null when it may. */
export function noteStatusRefusal(p: Principal, n: NoteTarget, status: NoteStatus, provinceCode: string): string | null {
  if (!noteVisibleTo(p, n, provinceCode)) return 'outside your scope: this note';
  if (n.author?.id === p.id || mayWriteNotes(p)) return null;
  return status === 'answered' ? null : 'an agency may only mark a note answered';
}

/**
 * The rooms a socket joins for `note:changed`: one per (audience, group, area) its scope covers, `*` for
 * all. A note is emitted to every room that could hold someone allowed to see it (noteRoomsFor), so the
 * adapter carries it across nodes and nobody outside the note's scope gets it.
 */
export function noteRoomsOf(p: Principal, provinceCode: string): string[] {
  const audience = mayWriteNotes(p) ? 'all' : noteAgencyOf(p) ? `agency-${noteAgencyOf(p)}` : null;
  if (!audience) return [];
  const groups = p.scope.groups === '*' ? ['*'] : p.scope.groups;
  const areas = seesWholeProvince(p, provinceCode) ? ['*'] : (p.scope.areas as string[]).filter((a) => a !== provinceCode);
  return groups.flatMap((g) => areas.map((a) => `notes:${audience}:${g}:${a}`));
}

export function noteRoomsFor(n: NoteTarget): string[] {
  return ['all', `agency-${n.reporter}`].flatMap((aud) =>
    [n.group, '*'].flatMap((g) => [n.area, '*'].map((a) => `notes:${aud}:${g}:${a}`)),
  );
}

/**
 * The caller, if it may read one figure's own record (its history): its group, and its area — the
 * province's own figure only for those who see the whole province (a commune official's province view
 * carries their communes, never the province total's record). Else 401/403 and null.
 */
export function requireFigureScope(
  req: Request,
  res: Response,
  group: string,
  area: string,
  provinceCode: string,
): Principal | null {
  const p = requireScope(req, res, { groups: [group], areas: [area] }, provinceCode);
  if (!p) return null;
  if (area === provinceCode && !seesWholeProvince(p, provinceCode)) {
    sendError(res, 403, 'forbidden', `outside your scope: area ${provinceCode}`);
    return null;
  }
  return p;
}

// ---- Meetings (ARCHITECTURE.md "Meetings"; realtime/meetings/) ------------------------------------------

/**
 * A meeting's scope is its first presenter's. A user may join only if their own scope covers all of it,
 * so whatever the presenter opens, every member may see: a follower is never shown a "forbidden" panel
 * mid-meeting, and nobody learns figures outside their scope by joining.
 */
export function coversScope(outer: Scope, inner: Scope, provinceCode: string): boolean {
  const groups = outer.groups === '*' || (inner.groups !== '*' && inner.groups.every((g) => outer.groups.includes(g)));
  if (!groups) return false;
  const whole = (s: Scope) => s.areas === '*' || s.areas.includes(provinceCode);
  if (whole(outer)) return true;
  if (whole(inner)) return false;
  return (inner.areas as string[]).every((a) => areaInScope(outer, a, provinceCode));
}

/** Why a presenter may not put this view on the wall: it must be inside their scope and the meeting's. */
export function meetingViewRefusal(
  presenter: Principal,
  meetingScope: Scope,
  wanted: Wanted,
  provinceCode: string,
): string | null {
  return refusal(presenter, wanted, provinceCode) ?? refusal({ ...presenter, scope: meetingScope }, wanted, provinceCode);
}

/**
 * The scope with which a socket reads a meeting's figures (`group:subscribe { meeting }`), or null when it
 * may not: a member reads with their own scope (which covers the meeting's); one of the meeting's wall
 * displays reads with the meeting's scope, since the presenter chose to show the meeting there (a
 * display's own scope is only the groups of its playlist).
 */
export function meetingReadScope(
  p: Principal,
  meeting: { members: readonly { id: string }[]; displays: readonly string[] },
  meetingScope: Scope,
): Scope | null {
  if (p.kind === 'user') return meeting.members.some((m) => m.id === p.id) || isStaff(p.role) ? p.scope : null;
  return meeting.displays.some((d) => canActAsScreen(p, d)) ? meetingScope : null;
}
