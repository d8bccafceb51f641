import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UserInfo } from '../../../contract/identity.ts';
import { ApiError } from '../api/client.ts';
import {
  createRequest,
  draftFromUser,
  newUserDraft,
  passwordError,
  updateRequest,
  userServerErrors,
  type UserDraft,
  type UserErrors,
} from './user-form.ts';

const P = '56';
const GOOD_PW = 'mot-mat-khau-dai';
const draft = (over: Partial<UserDraft>): UserDraft => ({ ...newUserDraft(), ...over });
const user = (over: Partial<UserInfo> = {}): UserInfo => ({
  id: 'u1',
  username: 'can-bo',
  name: 'Cán bộ',
  role: 'viewer',
  scope: { groups: ['budget'], areas: ['22333'] },
  agency: null,
  disabled: false,
  mustChangePassword: false,
  hasPassword: true,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  ...over,
});

test('a complete draft becomes the CreateUserRequest', () => {
  const cases: [string, UserDraft, unknown][] = [
    [
      'viewer of everything',
      draft({ username: ' nguyen.van-a ', name: ' Nguyễn Văn A ', password: GOOD_PW }),
      { username: 'nguyen.van-a', name: 'Nguyễn Văn A', role: 'viewer', scope: { groups: '*', areas: '*' }, password: GOOD_PW },
    ],
    [
      'agency with its code and a scope',
      draft({
        username: 'stc2',
        name: 'Sở Tài chính',
        role: 'agency',
        agency: ' STC ',
        password: GOOD_PW,
        scope: { allGroups: false, groups: ['budget'], areaMode: 'province', communes: [] },
      }),
      {
        username: 'stc2',
        name: 'Sở Tài chính',
        role: 'agency',
        agency: 'STC',
        scope: { groups: ['budget'], areas: ['56'] },
        password: GOOD_PW,
      },
    ],
    [
      'staff get everything whatever the editor holds; no agency sent for other roles',
      draft({
        username: 'cv2',
        name: 'Chuyên viên 2',
        role: 'staff',
        agency: 'STC',
        password: GOOD_PW,
        scope: { allGroups: false, groups: [], areaMode: 'communes', communes: [] },
      }),
      { username: 'cv2', name: 'Chuyên viên 2', role: 'staff', scope: { groups: '*', areas: '*' }, password: GOOD_PW },
    ],
  ];
  for (const [name, d, body] of cases) assert.deepEqual(createRequest(d, P), { ok: true, body }, name);
});

test('an incomplete draft says what is wrong at each field', () => {
  const cases: [string, UserDraft, UserErrors][] = [
    [
      'empty',
      draft({}),
      { username: 'Tên đăng nhập cần ít nhất 2 ký tự.', name: 'Cần có họ tên (tên hiển thị).', password: 'Cần nhập mật khẩu.' },
    ],
    [
      'accents in the username, short password',
      draft({ username: 'nguyễn', name: 'A', password: 'ngan' }),
      { username: 'Tên đăng nhập chỉ gồm chữ không dấu, số và các dấu . _ -', password: 'Mật khẩu phải có ít nhất 10 ký tự.' },
    ],
    [
      'password equal to the username',
      draft({ username: 'nguoi-dung-moi', name: 'A', password: 'Nguoi-Dung-Moi' }),
      { password: 'Mật khẩu không được trùng với tên đăng nhập.' },
    ],
    [
      'agency without its code, empty scope lists',
      draft({
        username: 'co-quan',
        name: 'A',
        role: 'agency',
        password: GOOD_PW,
        scope: { allGroups: false, groups: [], areaMode: 'communes', communes: [] },
      }),
      {
        agency: 'Tài khoản cơ quan cần mã cơ quan báo cáo (ví dụ STC).',
        groups: 'Chọn ít nhất một nhóm chỉ tiêu, hoặc “Tất cả các nhóm”.',
        areas: 'Chọn ít nhất một xã, phường, hoặc cả tỉnh.',
      },
    ],
  ];
  for (const [name, d, errors] of cases) assert.deepEqual(createRequest(d, P), { ok: false, errors }, name);
});

test('passwordError joins the contract’s problems', () => {
  assert.equal(passwordError(GOOD_PW, 'a'), null);
  assert.equal(passwordError('', 'a'), 'Cần nhập mật khẩu.');
  assert.equal(passwordError('abc', 'abc'), 'Mật khẩu phải có ít nhất 10 ký tự. Mật khẩu không được trùng với tên đăng nhập.');
  assert.equal(passwordError('x'.repeat(257), 'a'), 'Mật khẩu không được dài quá 256 ký tự.');
});

test('an update sends only what changed', () => {
  const u = user();
  const from = (over: Partial<UserDraft>, of: UserInfo = u) => ({ ...draftFromUser(of, P), ...over });
  const cases: [string, UserDraft, UserInfo, ReturnType<typeof updateRequest>][] = [
    ['nothing', from({}), u, { ok: false, errors: { form: 'Không có gì thay đổi.' } }],
    ['the name, trimmed', from({ name: ' Cán bộ xã ' }), u, { ok: true, body: { name: 'Cán bộ xã' } }],
    [
      'the same scope in another order is no change',
      from({ scope: { allGroups: false, groups: ['budget'], areaMode: 'communes', communes: ['22333'] } }),
      u,
      { ok: false, errors: { form: 'Không có gì thay đổi.' } },
    ],
    [
      'a wider scope',
      from({ scope: { allGroups: true, groups: ['budget'], areaMode: 'province', communes: ['22333'] } }),
      u,
      { ok: true, body: { scope: { groups: '*', areas: ['56'] } } },
    ],
    [
      'to agency needs its code',
      from({ role: 'agency' }),
      u,
      { ok: false, errors: { agency: 'Tài khoản cơ quan cần mã cơ quan báo cáo (ví dụ STC).' } },
    ],
    [
      'to agency with its code',
      from({ role: 'agency', agency: 'STC' }),
      u,
      { ok: true, body: { role: 'agency', agency: 'STC' } },
    ],
    [
      'from agency clears the code',
      from({ role: 'leader' }, user({ role: 'agency', agency: 'STC' })),
      user({ role: 'agency', agency: 'STC' }),
      { ok: true, body: { role: 'leader', agency: null } },
    ],
    [
      'to staff: everything',
      from({ role: 'staff' }),
      u,
      { ok: true, body: { role: 'staff', scope: { groups: '*', areas: '*' } } },
    ],
    [
      'renaming staff keeps their stored scope (no session cut)',
      from({ name: 'Chuyên viên A' }, user({ role: 'staff' })),
      user({ role: 'staff' }),
      { ok: true, body: { name: 'Chuyên viên A' } },
    ],
    ['an emptied name', from({ name: '' }), u, { ok: false, errors: { name: 'Cần có họ tên (tên hiển thị).' } }],
  ];
  for (const [name, d, original, want] of cases) assert.deepEqual(updateRequest(d, original, P), want, name);
});

test('server refusals land at their fields', () => {
  const e = (status: number, message: string, code = 'internal') => new ApiError(status, code as never, message);
  const cases: [string, unknown, 'create' | 'update' | 'password', UserErrors][] = [
    [
      'username taken (code lost by the client)',
      e(409, 'Tên đăng nhập "a" đã có người dùng.'),
      'create',
      { username: 'Tên đăng nhập "a" đã có người dùng.' },
    ],
    [
      'username taken, no message',
      e(409, 'HTTP 409', 'username-taken'),
      'create',
      { username: 'Tên đăng nhập này đã có người dùng. Chọn tên khác.' },
    ],
    [
      'last admin',
      e(409, 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.', 'last-admin'),
      'update',
      { form: 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.' },
    ],
    ['last admin, no message', e(409, 'HTTP 409'), 'update', { form: 'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng.' }],
    [
      'weak password',
      e(400, 'Mật khẩu phải có ít nhất 10 ký tự.', 'weak-password'),
      'create',
      { password: 'Mật khẩu phải có ít nhất 10 ký tự.' },
    ],
    ['zod issues', e(400, 'username: X; scope.areas: Y', 'invalid-payload'), 'create', { username: 'X', areas: 'Y' }],
    ['agency sentence', e(400, 'Tài khoản cơ quan cần mã…', 'invalid-payload'), 'update', { form: 'Tài khoản cơ quan cần mã…' }],
    [
      'reset: its one field',
      e(400, 'password: Cần nhập mật khẩu.', 'invalid-payload'),
      'password',
      { password: 'Cần nhập mật khẩu.' },
    ],
    [
      'gone',
      e(404, 'no such user', 'not-found'),
      'update',
      { form: 'Không tìm thấy người dùng này (có thể đã bị xóa). Tải lại danh sách.' },
    ],
    ['forbidden', e(403, 'admin only', 'forbidden'), 'create', { form: 'Tài khoản của bạn không có quyền làm việc này.' }],
    ['network', new TypeError('Failed to fetch'), 'create', { form: 'Không liên lạc được máy chủ. Vui lòng thử lại.' }],
  ];
  for (const [name, err, op, want] of cases) assert.deepEqual(userServerErrors(err, op), want, name);
});
