/**
 * The `users` row and the User it reads as, shared by the user repository and the session lookup (which
 * joins users). Scope lists are jsonb: an array of codes or "*".
 */
import type { Role } from '../contract/roles.ts';
import type { Scope } from '../contract/scope.ts';
import type { UserInfo } from '../contract/identity.ts';

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role;
  scope: Scope;
  /** The reporter code of an agency account (`STC`), else null. */
  agency: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  oidcSubject: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  username: string;
  name: string;
  role: Role;
  scope: Scope;
  agency?: string | null;
  /** A password in clear (checked against the policy), or a ready hash, or neither (no password sign-in). */
  password?: string;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  scope?: Scope;
  agency?: string | null;
  disabled?: boolean;
}

export interface UserRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  scope_groups: string[] | '*';
  scope_areas: string[] | '*';
  agency: string | null;
  password_hash: string | null;
  oidc_subject: string | null;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date;
  updated_at: Date;
}

/** Every column, qualified with `alias` (for joins). */
export function userColumns(alias = 'users'): string {
  return [
    'id',
    'username',
    'name',
    'role',
    'scope_groups',
    'scope_areas',
    'agency',
    'password_hash',
    'oidc_subject',
    'disabled',
    'must_change_password',
    'created_at',
    'updated_at',
  ]
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

export function rowToUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    scope: { groups: row.scope_groups, areas: row.scope_areas },
    agency: row.agency,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    hasPassword: row.password_hash !== null,
    oidcSubject: row.oidc_subject,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the admin API answers for a user. */
export function toUserInfo(user: User): UserInfo {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    scope: user.scope,
    agency: user.agency,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    hasPassword: user.hasPassword,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
