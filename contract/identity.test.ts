import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuditQuerySchema,
  CreateUserRequestSchema,
  EnrolRequestSchema,
  SignInRequestSchema,
  UpdateUserRequestSchema,
  UsersFileSchema,
} from './identity.ts';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

test('sign-in bodies are bounded and strict', () => {
  const cases: [unknown, boolean][] = [
    [{ username: 'lanh-dao', password: 'x' }, true],
    [{ username: 'Tên có dấu', password: 'x' }, true], // a malformed name is simply a wrong one
    [{ username: '', password: 'x' }, false],
    [{ username: 'a', password: '' }, false],
    [{ username: 'a'.repeat(129), password: 'x' }, false],
    [{ username: 'a', password: 'x'.repeat(257) }, false],
    [{ username: 'a', password: 'x', remember: true }, false],
    ['lanh-dao', false],
  ];
  for (const [body, want] of cases) assert.equal(ok(SignInRequestSchema, body), want, JSON.stringify(body));
});

test('user bodies: username shape, scope shape, agency needs its reporter', () => {
  const base = {
    username: 'can-bo.xa_1',
    name: 'Cán bộ',
    role: 'viewer',
    scope: { groups: ['budget'], areas: ['22333'] },
    password: 'p',
  };
  const cases: [unknown, boolean][] = [
    [base, true],
    [{ ...base, scope: { groups: '*', areas: '*' } }, true],
    [{ ...base, username: 'cán-bộ' }, false],
    [{ ...base, username: '-x' }, false],
    [{ ...base, role: 'root' }, false],
    [{ ...base, scope: { groups: 'all', areas: '*' } }, false],
    [{ ...base, scope: { groups: ['budget'] } }, false],
    [{ ...base, role: 'agency' }, false],
    [{ ...base, role: 'agency', agency: 'STC' }, true],
  ];
  for (const [body, want] of cases) assert.equal(ok(CreateUserRequestSchema, body), want, JSON.stringify(body));
  assert.equal(ok(UpdateUserRequestSchema, {}), false);
  assert.equal(ok(UpdateUserRequestSchema, { disabled: true }), true);
  assert.equal(ok(UpdateUserRequestSchema, { agency: null }), true);
  assert.equal(ok(UpdateUserRequestSchema, { role: 'agency' }), false);
  const issue = CreateUserRequestSchema.safeParse({ ...base, role: 'agency' }).error?.issues[0];
  assert.deepEqual(issue?.path, ['agency']);
});

test('enrol: the code is typed however it looks', () => {
  assert.equal(EnrolRequestSchema.parse({ code: 'abc-23k', screen: 'tong-quan', name: 'Tường' }).code, 'ABC23K');
  assert.equal(EnrolRequestSchema.parse({ code: ' ab c2 3k ', screen: 's', name: 'n' }).code, 'ABC23K');
  for (const code of ['ABC23', 'ABC23KK', 'ABC0O1', 'ABCIL1'])
    assert.equal(ok(EnrolRequestSchema, { code, screen: 's', name: 'n' }), false, code);
});

test('audit query strings', () => {
  assert.deepEqual(AuditQuerySchema.parse({}), { limit: 100 });
  assert.equal(AuditQuerySchema.parse({ limit: '500' }).limit, 500);
  assert.equal(ok(AuditQuerySchema, { limit: '501' }), false);
  assert.equal(ok(AuditQuerySchema, { before: '12a' }), false);
  assert.equal(ok(AuditQuerySchema, { from: '2026-11-23T09:00:00+07:00', to: '2026-11-24T00:00:00Z' }), true);
  assert.equal(ok(AuditQuerySchema, { from: 'yesterday' }), false);
});

test('users file: exactly one of password and passwordHash; scope defaults to everything', () => {
  const hash = `scrypt$32768$8$1$${'A'.repeat(22)}==$${'B'.repeat(43)}=`;
  const parsed = UsersFileSchema.parse({ users: [{ username: 'quan-tri', name: 'Quản trị', role: 'admin', password: 'x' }] });
  assert.deepEqual(parsed.users[0]!.scope, { groups: '*', areas: '*' });
  const cases: [unknown, boolean][] = [
    [{ username: 'a1', name: 'A', role: 'viewer', passwordHash: hash }, true],
    [{ username: 'a1', name: 'A', role: 'viewer' }, false],
    [{ username: 'a1', name: 'A', role: 'viewer', password: 'x', passwordHash: hash }, false],
    [{ username: 'a1', name: 'A', role: 'viewer', passwordHash: 'md5$abc' }, false],
    [{ username: 'a1', name: 'A', role: 'agency', password: 'x' }, false],
    [{ username: 'a1', name: 'A', role: 'viewer', password: 'x', token: 't' }, false],
  ];
  for (const [user, want] of cases) assert.equal(ok(UsersFileSchema, { users: [user] }), want, JSON.stringify(user));
});
