/** Answers of the identity routes: who may call them, and the error body (contract/http.ts shape). */
import type { Request, Response } from 'express';
import type { IdentityErrorCode } from '../../contract/identity.ts';
import type { HttpErrorCode } from '../../contract/http.ts';
import { isAdmin, isStaff, type Role } from '../../contract/roles.ts';
import type { AuditActor } from '../../center/audit.ts';
import { principalOf } from './http.ts';
import type { Principal, UserPrincipal } from './principal.ts';

export function apiError(res: Response, status: number, code: HttpErrorCode | IdentityErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** The signed-in person, or a 401 answer and null. */
export function requireUser(req: Request, res: Response): UserPrincipal | null {
  const p = principalOf(req);
  if (p?.kind === 'user') return p;
  apiError(res, 401, 'unauthorized', 'sign in first');
  return null;
}

function requireRole(req: Request, res: Response, allowed: (r: Role) => boolean, what: string): UserPrincipal | null {
  const p = principalOf(req);
  if (!p) {
    apiError(res, 401, 'unauthorized', 'sign in first');
    return null;
  }
  if (p.kind !== 'user' || !allowed(p.role)) {
    apiError(res, 403, 'forbidden', `${what} only`);
    return null;
  }
  return p;
}

export const requireStaff = (req: Request, res: Response) => requireRole(req, res, isStaff, 'staff');
export const requireAdmin = (req: Request, res: Response) => requireRole(req, res, isAdmin, 'admins');

export function actorOf(p: Principal | null): AuditActor {
  if (!p) return { kind: 'anonymous' };
  return { kind: p.kind, id: p.id, name: p.name };
}
