/**
 * User accounts: create, read, change, passwords, and the credential check of sign-in. Usernames are
 * unique without regard to case. A sign-in for an unknown, password-less or disabled account spends the
 * same scrypt time as a real one, so timing tells nobody which accounts exist.
 */
import { randomUUID } from 'node:crypto';
import { passwordProblems } from '../contract/identity.ts';
import type { Role } from '../contract/roles.ts';
import type { Queryable } from '../reporting-db/db.ts';
import { systemClock, type Clock } from './credentials.ts';
import { hashPassword, needsRehash, verifyDummy, verifyPassword } from './passwords.ts';
import { rowToUser, userColumns, type NewUser, type User, type UserChanges, type UserRow } from './user-rows.ts';
import { createProvisioning, type Provisioning } from './users-provision.ts';

export type { NewUser, User, UserChanges } from './user-rows.ts';

/** Why a user change was refused; `message` is Vietnamese, for the admin UI. */
export class UserError extends Error {
  constructor(
    readonly code: 'username-taken' | 'weak-password' | 'agency-needs-reporter' | 'last-admin',
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export type CredentialCheck =
  | { ok: true; user: User }
  | { ok: false; reason: 'unknown-user' | 'no-password' | 'disabled' | 'wrong-password'; user: User | null };

export interface UserRepo extends Provisioning {
  create(user: NewUser): Promise<User>;
  getById(id: string): Promise<User | null>;
  getByUsername(username: string): Promise<User | null>;
  list(): Promise<User[]>;
  count(): Promise<number>;
  /**
   * Null when there is no such user. Sessions are not this repository's: a disabled user's are refused
   * at once by the session lookup, and the caller ends them (sessions.endAllForUser) so they stay ended.
   */
  update(id: string, changes: UserChanges): Promise<User | null>;
  /**
   * A new password (policy-checked). `mustChange`: set by an admin, so the user picks their own next.
   * The caller ends the user's sessions.
   */
  setPassword(id: string, password: string, opts?: { mustChange?: boolean }): Promise<boolean>;
  /** The signed-in user's own change: the current password must match. */
  changePassword(id: string, current: string, next: string): Promise<'ok' | 'wrong-password'>;
  /** The sign-in check with its reason, for the audit log; answer every failure the same way outside. */
  checkCredentials(username: string, password: string): Promise<CredentialCheck>;
  verifyCredentials(username: string, password: string): Promise<User | null>;
}

function checkPolicy(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new UserError('weak-password', problems[0]!, problems);
}

function checkAgency(role: Role, agency: string | null | undefined): void {
  if (role === 'agency' && !agency)
    throw new UserError('agency-needs-reporter', 'Tài khoản cơ quan cần mã cơ quan báo cáo (ví dụ STC).');
}

export function createUserRepo(db: Queryable, opts: { now?: Clock } = {}): UserRepo {
  const now = opts.now ?? systemClock;
  const cols = userColumns('users');

  async function one(where: string, params: unknown[]): Promise<UserRow | null> {
    const { rows } = await db.query<UserRow>(`select ${cols} from users where ${where}`, params);
    return rows[0] ?? null;
  }

  /** Inserts unless the username (or id) exists; null then. Policy checks are the caller's. */
  async function insert(u: NewUser, passwordHash: string | null): Promise<User | null> {
    checkAgency(u.role, u.agency);
    const at = new Date(now());
    const { rows } = await db.query<UserRow>(
      `insert into users (id, username, name, role, scope_groups, scope_areas, agency, password_hash,
                          must_change_password, created_at, updated_at)
       values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $10)
       on conflict do nothing
       returning ${userColumns('users')}`,
      [
        randomUUID(),
        u.username.trim(),
        u.name.trim(),
        u.role,
        JSON.stringify(u.scope.groups),
        JSON.stringify(u.scope.areas),
        u.agency ?? null,
        passwordHash,
        u.mustChangePassword ?? false,
        at,
      ],
    );
    return rows[0] ? rowToUser(rows[0]) : null;
  }

  async function hashFor(u: NewUser): Promise<string | null> {
    if (u.password !== undefined) return hashPassword(u.password);
    return u.passwordHash ?? null;
  }

  async function storeHash(id: string, hash: string, mustChange: boolean): Promise<boolean> {
    const { rows } = await db.query(
      `update users set password_hash = $2, must_change_password = $3, updated_at = $4 where id = $1 returning id`,
      [id, hash, mustChange, new Date(now())],
    );
    return rows.length > 0;
  }

  const repo: Omit<UserRepo, keyof Provisioning> = {
    async create(u) {
      if (u.password !== undefined) checkPolicy(u.password, u.username);
      const user = await insert(u, await hashFor(u));
      if (!user) throw new UserError('username-taken', `Tên đăng nhập "${u.username}" đã có người dùng.`);
      return user;
    },

    async getById(id) {
      const row = await one('id = $1', [id]);
      return row ? rowToUser(row) : null;
    },

    async getByUsername(username) {
      const row = await one('lower(username) = lower($1)', [username.trim()]);
      return row ? rowToUser(row) : null;
    },

    async list() {
      const { rows } = await db.query<UserRow>(`select ${cols} from users order by lower(username)`);
      return rows.map(rowToUser);
    },

    async count() {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from users');
      return rows[0]!.n;
    },

    async update(id, changes) {
      const current = await repo.getById(id);
      if (!current) return null;
      const role = changes.role ?? current.role;
      const agency = changes.agency === undefined ? current.agency : changes.agency;
      checkAgency(role, agency);
      const stillAdmin = role === 'admin' && !(changes.disabled ?? current.disabled);
      if (current.role === 'admin' && !current.disabled && !stillAdmin) {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from users where role = 'admin' and not disabled and id <> $1`,
          [id],
        );
        if (rows[0]!.n === 0) throw new UserError('last-admin', 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.');
      }
      const scope = changes.scope ?? current.scope;
      const { rows } = await db.query<UserRow>(
        `update users set name = $2, role = $3, scope_groups = $4::jsonb, scope_areas = $5::jsonb, agency = $6,
                          disabled = $7, updated_at = $8
          where id = $1 returning ${cols}`,
        [
          id,
          changes.name?.trim() ?? current.name,
          role,
          JSON.stringify(scope.groups),
          JSON.stringify(scope.areas),
          agency,
          changes.disabled ?? current.disabled,
          new Date(now()),
        ],
      );
      return rows[0] ? rowToUser(rows[0]) : null;
    },

    async setPassword(id, password, o = {}) {
      const user = await repo.getById(id);
      if (!user) return false;
      checkPolicy(password, user.username);
      return storeHash(id, await hashPassword(password), o.mustChange ?? false);
    },

    async changePassword(id, current, next) {
      const row = await one('id = $1', [id]);
      const ok = row?.password_hash ? await verifyPassword(current, row.password_hash) : await verifyDummy(current);
      if (!row || !ok) return 'wrong-password';
      checkPolicy(next, row.username);
      if (next === current) throw new UserError('weak-password', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
      await storeHash(id, await hashPassword(next), false);
      return 'ok';
    },

    async checkCredentials(username, password) {
      const row = await one('lower(username) = lower($1)', [username.trim()]);
      if (!row || !row.password_hash) {
        await verifyDummy(password);
        return { ok: false, reason: row ? 'no-password' : 'unknown-user', user: row ? rowToUser(row) : null };
      }
      // A disabled account is checked like any other, so its answer takes the same time.
      const matches = await verifyPassword(password, row.password_hash);
      const user = rowToUser(row);
      if (!matches) return { ok: false, reason: 'wrong-password', user };
      if (row.disabled) return { ok: false, reason: 'disabled', user };
      if (needsRehash(row.password_hash)) await storeHash(row.id, await hashPassword(password), row.must_change_password);
      return { ok: true, user };
    },

    async verifyCredentials(username, password) {
      const res = await repo.checkCredentials(username, password);
      return res.ok ? res.user : null;
    },
  };

  const provisioning = createProvisioning({
    exists: async (username) => (await repo.getByUsername(username)) !== null,
    insert: async (u, opts) => {
      if (opts.checkPolicy && u.password !== undefined) checkPolicy(u.password, u.username);
      return (await insert(u, await hashFor(u))) !== null;
    },
  });

  return { ...repo, ...provisioning };
}
