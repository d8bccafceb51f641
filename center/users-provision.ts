/**
 * Accounts that exist before anyone signs in: a first install's users file (YAML, validated by
 * UsersFileSchema) and the demo accounts of ARCHITECTURE.md (one per role, plus a commune officer).
 * An account that exists already is never overwritten — the database is the truth once it is running —
 * and two nodes provisioning at once both end with one account each (the insert skips a taken name).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsersFileSchema, type UsersFileEntry } from '../contract/identity.ts';
import { describeZodError } from '../contract/zod-issues.ts';
import type { NewUser } from './user-rows.ts';

export interface ProvisionResult {
  created: string[];
  /** Already there, left as they were. */
  skipped: string[];
}

export interface DemoUsersOptions {
  /** The commune of `can-bo-xa` (a real code from config/province.yaml) and its name for display. */
  commune: { code: string; name?: string };
  /** The few groups `can-bo-xa` may read (ids from config/groups). */
  groups: string[];
}

export interface Provisioning {
  provision(list: UsersFileEntry[]): Promise<ProvisionResult>;
  provisionFromFile(path: string): Promise<ProvisionResult>;
  /** Demo mode: every account shares `password` (IOC_DEMO_PASSWORD or a random one the caller prints). */
  seedDemoUsers(password: string, opts: DemoUsersOptions): Promise<ProvisionResult>;
}

interface Store {
  exists(username: string): Promise<boolean>;
  /** False when the username was taken meanwhile. */
  insert(user: NewUser, opts: { checkPolicy: boolean }): Promise<boolean>;
}

export function demoUsers(password: string, opts: DemoUsersOptions): NewUser[] {
  const all = { groups: '*', areas: '*' } as const;
  const base = { password, mustChangePassword: false };
  return [
    { ...base, username: 'lanh-dao', name: 'Lãnh đạo UBND tỉnh', role: 'leader', scope: all },
    { ...base, username: 'nguoi-xem', name: 'Người xem', role: 'viewer', scope: all },
    { ...base, username: 'stc', name: 'Sở Tài chính', role: 'agency', agency: 'STC', scope: all },
    { ...base, username: 'chuyen-vien', name: 'Chuyên viên Trung tâm', role: 'staff', scope: all },
    { ...base, username: 'quan-tri', name: 'Quản trị hệ thống', role: 'admin', scope: all },
    {
      ...base,
      username: 'can-bo-xa',
      name: `Cán bộ ${opts.commune.name ?? `xã ${opts.commune.code}`}`,
      role: 'viewer',
      scope: { groups: [...opts.groups], areas: [opts.commune.code] },
    },
  ];
}

function fromFileEntry(e: UsersFileEntry): NewUser {
  return {
    username: e.username,
    name: e.name,
    role: e.role,
    scope: e.scope,
    agency: e.agency ?? null,
    ...(e.password !== undefined ? { password: e.password, mustChangePassword: true } : {}),
    ...(e.passwordHash !== undefined ? { passwordHash: e.passwordHash, mustChangePassword: false } : {}),
  };
}

export function createProvisioning(store: Store): Provisioning {
  async function run(users: NewUser[], checkPolicy: boolean): Promise<ProvisionResult> {
    const out: ProvisionResult = { created: [], skipped: [] };
    for (const u of users) {
      // Looked up first so an existing account costs no scrypt hash at every start.
      const created = !(await store.exists(u.username)) && (await store.insert(u, { checkPolicy }));
      (created ? out.created : out.skipped).push(u.username);
    }
    return out;
  }

  const provisioning: Provisioning = {
    provision: (list) => run(list.map(fromFileEntry), true),

    async provisionFromFile(path) {
      const parsed = UsersFileSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
      if (!parsed.success) throw new Error(`${path}: ${describeZodError(parsed.error, 5)}`);
      return provisioning.provision(parsed.data.users);
    },

    seedDemoUsers: (password, opts) => run(demoUsers(password, opts), false),
  };
  return provisioning;
}
