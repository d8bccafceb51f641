import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api/client.ts';
import { changePasswordErrorVi, roleVi, scopeVi, signInErrorVi, ssoMessageVi, waitVi } from './text.ts';

test('roles in Vietnamese', () => {
  const rows: [string, string][] = [
    ['viewer', 'Người xem'],
    ['leader', 'Lãnh đạo'],
    ['agency', 'Cơ quan báo cáo'],
    ['staff', 'Chuyên viên'],
    ['admin', 'Quản trị viên'],
    ['auditor', 'auditor'],
  ];
  for (const [role, want] of rows) assert.equal(roleVi(role), want);
});

test('scope in a few words', () => {
  assert.equal(scopeVi({ groups: '*', areas: '*' }), 'toàn tỉnh · mọi nhóm chỉ tiêu');
  assert.equal(scopeVi({ groups: ['budget', 'health', 'alerts'], areas: ['22333'] }, '56'), '1 xã, phường · 2 nhóm chỉ tiêu');
  assert.equal(scopeVi({ groups: ['budget'], areas: ['56'] }, '56'), 'toàn tỉnh · 1 nhóm chỉ tiêu');
});

test('a failed sign-in, as the person at the form reads it', () => {
  const rows: [unknown, string][] = [
    [new ApiError(401, 'invalid-credentials', 'wrong username or password'), 'Sai tên đăng nhập hoặc mật khẩu.'],
    [new ApiError(429, 'throttled', 'x', 45), 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 45 giây.'],
    [new ApiError(429, 'throttled', 'x', 600), 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 10 phút.'],
    [new ApiError(429, 'throttled', 'x', 61), 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 2 phút.'],
    [new ApiError(429, 'throttled', 'x', null), 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.'],
    [new ApiError(400, 'invalid-payload', 'x'), 'Nhập tên đăng nhập và mật khẩu.'],
    [new ApiError(503, 'internal', 'x'), 'Máy chủ trả lỗi 503. Vui lòng thử lại sau.'],
    [new TypeError('Failed to fetch'), 'Không liên lạc được máy chủ. Kiểm tra kết nối mạng rồi thử lại.'],
  ];
  for (const [err, want] of rows) assert.equal(signInErrorVi(err), want);
  assert.equal(waitVi(0.2), '1 giây');
});

test('single sign-on failures (/?sso=<code>)', () => {
  assert.equal(ssoMessageVi(null), null);
  assert.equal(ssoMessageVi(''), null);
  assert.match(ssoMessageVi('oidc-denied')!, /bị từ chối hoặc bị hủy/);
  assert.match(ssoMessageVi('not-authorised')!, /chưa được cấp quyền/);
  assert.match(ssoMessageVi('disabled')!, /bị khóa/);
  assert.equal(ssoMessageVi('new-code'), 'Đăng nhập một lần không thành công (mã lỗi: new-code).');
  assert.equal(ssoMessageVi('<img src=x>'), 'Đăng nhập một lần không thành công.', 'odd text is not repeated');
});

test('a failed password change', () => {
  const rows: [unknown, string][] = [
    [new ApiError(400, 'wrong-password', 'the current password is not right'), 'Mật khẩu hiện tại không đúng.'],
    [new ApiError(400, 'weak-password', 'Mật khẩu phải có ít nhất 10 ký tự.'), 'Mật khẩu phải có ít nhất 10 ký tự.'],
    [new ApiError(401, 'unauthorized', 'x'), 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.'],
    [new TypeError('x'), 'Không liên lạc được máy chủ. Kiểm tra kết nối mạng rồi thử lại.'],
  ];
  for (const [err, want] of rows) assert.equal(changePasswordErrorVi(err), want);
});
