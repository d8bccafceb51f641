/**
 * From the claims an OpenID provider vouches for to who may do what here: username, display name, role and
 * scope (ARCHITECTURE.md "Identity and scope"). Pure, so every rule is tested with a table. An identity that
 * matches no rule, or whose scope cannot be decided, is refused with a reason — never a silent default.
 */
import { isStaff, type Role } from '../../contract/roles.ts';
import type { Scope } from '../../contract/scope.ts';
import { agencyCode, type ClaimMapping } from '../../contract/config/identity.ts';

export type IdentityScope = Scope;

export interface MappedIdentity {
  /** The provider's `sub`: stable for this issuer, the key a user is upserted by (`oidc_subject`). */
  subject: string;
  username: string;
  name: string;
  role: Role;
  scope: IdentityScope;
  /** Reporter code, for `role: agency` only. */
  agency?: string;
}

export type RefusalReason =
  | 'missing-subject'
  | 'missing-username'
  | 'no-matching-rule'
  | 'missing-scope'
  | 'invalid-scope-claim'
  | 'missing-agency'
  | 'invalid-agency-claim';

export type ClaimsOutcome = MappedIdentity | { refused: RefusalReason };

const GROUP_ID = /^[a-z][a-z0-9_-]*$/;
const AREA_CODE = /^\d{2}$|^\d{5}$/;
const MAX_TEXT = 200;

/** A claim by name; a dotted name that is not itself a claim walks nested objects (`realm_access.roles`). */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let at: unknown = claims;
  for (const part of name.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function matches(claim: unknown, value: string): boolean {
  if (Array.isArray(claim)) return claim.some((c) => scalarEquals(c, value));
  return scalarEquals(claim, value);
}

function scalarEquals(claim: unknown, value: string): boolean {
  return (typeof claim === 'string' || typeof claim === 'number' || typeof claim === 'boolean') && String(claim) === value;
}

function text(claim: unknown): string | undefined {
  if (typeof claim !== 'string') return undefined;
  const t = claim.trim();
  return t.length > 0 && t.length <= MAX_TEXT ? t : undefined;
}

/** A scope claim: a list of strings, or one string separated by spaces or commas. `null` when malformed. */
function listClaim(claim: unknown, pattern: RegExp): string[] | null {
  const items = typeof claim === 'string' ? claim.split(/[\s,]+/).filter(Boolean) : claim;
  if (!Array.isArray(items)) return null;
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || !pattern.test(item)) return null;
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

type ScopeSide = string[] | '*' | null | undefined;

/** One side of the scope: the claim when the mapping names one and the token carries it, else the rule's default. */
function scopeSide(
  claims: Record<string, unknown>,
  claimName: string | undefined,
  pattern: RegExp,
  fallback: ScopeSide,
): ScopeSide {
  if (claimName !== undefined) {
    const raw = readClaim(claims, claimName);
    if (raw !== undefined && raw !== null) return listClaim(raw, pattern);
  }
  return fallback;
}

export function mapClaims(claims: Record<string, unknown>, mapping: ClaimMapping): ClaimsOutcome {
  const subject = text(claims.sub);
  if (!subject) return { refused: 'missing-subject' };
  const username = text(readClaim(claims, mapping.usernameClaim));
  if (!username) return { refused: 'missing-username' };
  const name = text(readClaim(claims, mapping.nameClaim)) ?? username;

  const rule = mapping.roles.find((r) => matches(readClaim(claims, r.claim), r.value));
  if (!rule) return { refused: 'no-matching-rule' };
  const base = { subject, username, name, role: rule.role };
  // Staff and admins read everything (the roles table); a scope claim cannot narrow or widen that.
  if (isStaff(rule.role)) return { ...base, scope: { groups: '*', areas: '*' } };

  const groups = scopeSide(claims, mapping.scopeGroupsClaim, GROUP_ID, rule.scope?.groups);
  const areas = scopeSide(claims, mapping.scopeAreasClaim, AREA_CODE, rule.scope?.areas);
  if (groups === null || areas === null) return { refused: 'invalid-scope-claim' };
  if (groups === undefined || areas === undefined) return { refused: 'missing-scope' };
  const scope = { groups, areas };
  if (rule.role !== 'agency') return { ...base, scope };

  const raw = mapping.agencyClaim === undefined ? undefined : readClaim(claims, mapping.agencyClaim);
  const fromClaim = raw === undefined || raw === null ? undefined : agencyCode.safeParse(raw);
  if (fromClaim && !fromClaim.success) return { refused: 'invalid-agency-claim' };
  const agency = fromClaim?.data ?? rule.agency;
  if (!agency) return { refused: 'missing-agency' };
  return { ...base, scope, agency };
}
