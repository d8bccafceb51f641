import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api/client.ts';
import { actionErrorText, fieldIssuesOf, isAuthLost, issuesAtFields, loadErrorText } from './errors.ts';

test('the server’s zod descriptions split into their issues', () => {
  const cases: [string, ReturnType<typeof fieldIssuesOf>][] = [
    ['username: Tên đăng nhập cần ít nhất 2 ký tự.', [{ path: 'username', message: 'Tên đăng nhập cần ít nhất 2 ký tự.' }]],
    [
      'name: Cần có tên hiển thị.; scope.groups: Invalid input',
      [
        { path: 'name', message: 'Cần có tên hiển thị.' },
        { path: 'scope.groups', message: 'Invalid input' },
      ],
    ],
    ['(root): Không có gì để thay đổi.', [{ path: '(root)', message: 'Không có gì để thay đổi.' }]],
    ['no screen is waiting with this code', null],
    ['Mật khẩu phải có ít nhất 10 ký tự. Mật khẩu không được trùng', null],
    ['', null],
  ];
  for (const [text, want] of cases) assert.deepEqual(fieldIssuesOf(text), want, text);
});

test('issues land at their fields; the rest on the form line', () => {
  const field = (p: string) => (p === 'username' || p === 'name' ? p : p.startsWith('scope.') ? 'scope' : null);
  const cases: [string, Record<string, string>][] = [
    ['username: A; name: B', { username: 'A', name: 'B' }],
    ['scope.groups: A; scope.areas: B', { scope: 'A B' }],
    ['role: bad; (root): C', { form: 'role: bad C' }],
    ['plain sentence', { form: 'plain sentence' }],
  ];
  for (const [text, want] of cases) assert.deepEqual(issuesAtFields(text, field, 'form'), want, text);
});

test('load and action failures read as sentences; 401 means the session is gone', () => {
  const e = (status: number, message = `HTTP ${status}`) => new ApiError(status, 'internal', message);
  assert.equal(isAuthLost(e(401)), true);
  assert.equal(isAuthLost(e(403)), false);
  assert.equal(isAuthLost(new TypeError('fetch failed')), false);
  const cases: [unknown, string, string][] = [
    [new TypeError('x'), 'Không liên lạc được máy chủ — đang thử lại.', 'Không liên lạc được máy chủ. Vui lòng thử lại.'],
    [e(403), 'Tài khoản của bạn không có quyền xem mục này.', 'Tài khoản của bạn không có quyền làm việc này.'],
    [e(400, 'limit: too big'), 'Yêu cầu không hợp lệ: limit: too big', 'Máy chủ trả lỗi 400: limit: too big'],
    [e(500, 'boom'), 'Máy chủ trả lỗi 500: boom', 'Máy chủ trả lỗi 500: boom'],
    [e(429), 'Máy chủ trả lỗi 429: HTTP 429', 'Quá nhiều yêu cầu. Vui lòng chờ một lát rồi thử lại.'],
  ];
  for (const [err, load, action] of cases) {
    assert.equal(loadErrorText(err), load);
    assert.equal(actionErrorText(err), action);
  }
});
