/**
 * The user form as pure functions: a draft (what the inputs hold) becomes the CreateUserRequest or the
 * UpdateUserRequest of the contract, or the sentences to show at each field; a server refusal becomes the
 * same. The first password is checked with the contract's `passwordProblems` before it is sent, as the
 * server checks it again.
 */
import {
  UsernameSchema,
  passwordProblems,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserInfo,
} from '../../../contract/identity.ts';
import { isStaff, type Role } from '../../../contract/roles.ts';
import { fullScope, type Scope } from '../../../contract/scope.ts';
import { ApiError } from '../api/client.ts';
import { actionErrorText, codeOf, issuesAtFields } from './errors.ts';
import { draftFromScope, emptyDraft, scopeFromDraft, type ScopeDraft } from './scope-model.ts';

export interface UserDraft {
  username: string;
  name: string;
  role: Role;
  agency: string;
  password: string;
  scope: ScopeDraft;
}

export type UserField = 'username' | 'name' | 'role' | 'agency' | 'password' | 'groups' | 'areas' | 'form';
export type UserErrors = Partial<Record<UserField, string>>;

export const newUserDraft = (): UserDraft => ({
  username: '',
  name: '',
  role: 'viewer',
  agency: '',
  password: '',
  scope: emptyDraft(),
});

export const draftFromUser = (u: UserInfo, provinceCode: string): UserDraft => ({
  username: u.username,
  name: u.name,
  role: u.role,
  agency: u.agency ?? '',
  password: '',
  scope: draftFromScope(u.scope, provinceCode),
});

/** Staff and admins read everything: their form has no scope editor. */
export const roleHasScope = (role: Role): boolean => !isStaff(role);
export const roleHasAgency = (role: Role): boolean => role === 'agency';

const NAME_MAX = 200;
const AGENCY_MAX = 64;

function checkName(name: string, errors: UserErrors): void {
  const n = name.trim();
  if (!n) errors.name = 'Cần có họ tên (tên hiển thị).';
  else if (n.length > NAME_MAX) errors.name = `Họ tên không quá ${NAME_MAX} ký tự.`;
}

function checkAgency(d: UserDraft, errors: UserErrors): void {
  if (!roleHasAgency(d.role)) return;
  const a = d.agency.trim();
  if (!a) errors.agency = 'Tài khoản cơ quan cần mã cơ quan báo cáo (ví dụ STC).';
  else if (a.length > AGENCY_MAX) errors.agency = `Mã cơ quan không quá ${AGENCY_MAX} ký tự.`;
}

/** The problems of a first (or reset) password, as one sentence; null when acceptable. */
export function passwordError(password: string, username: string): string | null {
  if (!password) return 'Cần nhập mật khẩu.';
  const problems = passwordProblems(password, username);
  return problems.length ? problems.join(' ') : null;
}

function scopeOf(d: UserDraft, provinceCode: string, errors: UserErrors): Scope | null {
  if (!roleHasScope(d.role)) return fullScope();
  const r = scopeFromDraft(d.scope, provinceCode);
  if (r.ok) return r.scope;
  if (r.problems.groups) errors.groups = r.problems.groups;
  if (r.problems.areas) errors.areas = r.problems.areas;
  return null;
}

export type Built<T> = { ok: true; body: T } | { ok: false; errors: UserErrors };

export function createRequest(d: UserDraft, provinceCode: string): Built<CreateUserRequest> {
  const errors: UserErrors = {};
  const username = UsernameSchema.safeParse(d.username);
  if (!username.success) errors.username = username.error.issues[0]?.message ?? 'Tên đăng nhập không hợp lệ.';
  checkName(d.name, errors);
  checkAgency(d, errors);
  const pw = passwordError(d.password, d.username);
  if (pw) errors.password = pw;
  const scope = scopeOf(d, provinceCode, errors);
  if (Object.keys(errors).length || !scope || !username.success) return { ok: false, errors };
  const body: CreateUserRequest = { username: username.data, name: d.name.trim(), role: d.role, scope, password: d.password };
  if (roleHasAgency(d.role)) body.agency = d.agency.trim();
  return { ok: true, body };
}

const sameList = (a: string[] | '*', b: string[] | '*') =>
  a === '*' || b === '*' ? a === b : a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
export const sameScope = (a: Scope, b: Scope): boolean => sameList(a.groups, b.groups) && sameList(a.areas, b.areas);

/**
 * Only what changed, so an untouched scope is not sent (a changed scope ends the user's sessions). A staff
 * member's stored scope is kept as it is unless the role changes, when it becomes everything.
 */
export function updateRequest(d: UserDraft, original: UserInfo, provinceCode: string): Built<UpdateUserRequest> {
  const errors: UserErrors = {};
  checkName(d.name, errors);
  checkAgency(d, errors);
  const roleChanged = d.role !== original.role;
  const scope = !roleHasScope(d.role) && !roleChanged ? original.scope : scopeOf(d, provinceCode, errors);
  if (Object.keys(errors).length || !scope) return { ok: false, errors };
  const body: UpdateUserRequest = {};
  if (d.name.trim() !== original.name) body.name = d.name.trim();
  if (roleChanged) body.role = d.role;
  if (!sameScope(scope, original.scope)) body.scope = scope;
  const agency = roleHasAgency(d.role) ? d.agency.trim() : null;
  if (agency !== (original.agency ?? null)) body.agency = agency;
  if (Object.keys(body).length === 0) return { ok: false, errors: { form: 'Không có gì thay đổi.' } };
  return { ok: true, body };
}

const FIELD_OF_PATH: Record<string, UserField> = {
  username: 'username',
  name: 'name',
  role: 'role',
  agency: 'agency',
  password: 'password',
  'scope.groups': 'groups',
  'scope.areas': 'areas',
};
const fieldOfPath = (path: string): UserField | null =>
  FIELD_OF_PATH[path] ?? FIELD_OF_PATH[path.split('.').slice(0, 2).join('.')] ?? null;

export type UserOp = 'create' | 'update' | 'password';

/**
 * A refused create, update or password reset, at its fields. 409 on create is a taken username; 409 on
 * an update is the last admin (the server refuses to demote or disable them).
 */
export function userServerErrors(err: unknown, op: UserOp): UserErrors {
  if (!(err instanceof ApiError)) return { form: actionErrorText(err) };
  const code = codeOf(err);
  const serverText = err.message && !/^HTTP \d+$/.test(err.message) ? err.message : null;
  if (err.status === 409) {
    if (op === 'create' && code !== 'last-admin')
      return { username: serverText ?? 'Tên đăng nhập này đã có người dùng. Chọn tên khác.' };
    return { form: serverText ?? 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.' };
  }
  if (err.status === 404) return { form: 'Không tìm thấy người dùng này (có thể đã bị xóa). Tải lại danh sách.' };
  if (err.status === 400 && serverText) {
    if (code === 'weak-password') return { password: serverText };
    if (op === 'password') return issuesAtFields<UserField>(serverText, () => 'password', 'password');
    return issuesAtFields<UserField>(serverText, fieldOfPath, 'form');
  }
  return { form: actionErrorText(err) };
}
