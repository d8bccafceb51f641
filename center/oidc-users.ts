/**
 * People who sign in through the province's OpenID provider: found by `issuer|sub` (a `sub` is unique
 * only per issuer), created on first sign-in, and their name, role, scope and agency refreshed from the
 * provider's claims at every sign-in (the provider is the source of truth for them). An existing account
 * with the same username that was never linked is not taken over: an admin links accounts, not a claim.
 */
import type { Role } from '../contract/roles.ts';
import type { Scope } from '../contract/scope.ts';
import type { Queryable } from './db.ts';
import type { UserRepo } from './users.ts';
import type { User } from './user-rows.ts';

export interface OidcUserClaims {
  issuer: string;
  subject: string;
  username: string;
  name: string;
  role: Role;
  scope: Scope;
  agency?: string | undefined;
}

export type OidcUpsert = { ok: true; user: User; created: boolean } | { ok: false; reason: 'disabled' | 'username-taken' };

export async function upsertOidcUser(db: Queryable, users: UserRepo, c: OidcUserClaims): Promise<OidcUpsert> {
  const key = `${c.issuer}|${c.subject}`;
  const { rows } = await db.query<{ id: string }>('select id from users where oidc_subject = $1', [key]);
  const linked = rows[0] ? await users.getById(rows[0].id) : null;
  if (linked) {
    if (linked.disabled) return { ok: false, reason: 'disabled' };
    const user = await users.update(linked.id, { name: c.name, role: c.role, scope: c.scope, agency: c.agency ?? null });
    return user ? { ok: true, user, created: false } : { ok: false, reason: 'disabled' };
  }
  if (await users.getByUsername(c.username)) return { ok: false, reason: 'username-taken' };
  const user = await users.create({ username: c.username, name: c.name, role: c.role, scope: c.scope, agency: c.agency ?? null });
  await db.query('update users set oidc_subject = $2 where id = $1', [user.id, key]);
  return { ok: true, user: { ...user, oidcSubject: key }, created: true };
}
