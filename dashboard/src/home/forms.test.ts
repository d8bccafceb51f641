import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordChangeProblems, signInProblems } from './forms.ts';

test('sign-in form: both fields needed', () => {
  const rows: [string, string, string[]][] = [
    ['lanh-dao', 'x', []],
    ['  ', 'x', ['Nhập tên đăng nhập.']],
    ['lanh-dao', '', ['Nhập mật khẩu.']],
    ['', '', ['Nhập tên đăng nhập.', 'Nhập mật khẩu.']],
  ];
  for (const [u, p, want] of rows) assert.deepEqual(signInProblems(u, p), want, `${u}/${p}`);
});

test('change-password form: the contract policy, a different password, typed twice the same', () => {
  const rows: [{ current: string; next: string; confirm: string }, string[]][] = [
    [{ current: 'old-password-1', next: 'mot-mat-khau-moi', confirm: 'mot-mat-khau-moi' }, []],
    [{ current: '', next: 'mot-mat-khau-moi', confirm: 'mot-mat-khau-moi' }, ['Nhập mật khẩu hiện tại.']],
    [{ current: 'old-password-1', next: 'ngan', confirm: 'ngan' }, ['Mật khẩu phải có ít nhất 10 ký tự.']],
    [
      { current: 'old-password-1', next: 'Chuyen-Vien', confirm: 'Chuyen-Vien' },
      ['Mật khẩu không được trùng với tên đăng nhập.'],
    ],
    [
      { current: 'old-password-1', next: 'old-password-1', confirm: 'old-password-1' },
      ['Mật khẩu mới phải khác mật khẩu hiện tại.'],
    ],
    [{ current: 'old-password-1', next: 'mot-mat-khau-moi', confirm: 'mot-mat-khau-mo' }, ['Mật khẩu nhập lại không khớp.']],
  ];
  for (const [f, want] of rows) assert.deepEqual(passwordChangeProblems(f, 'chuyen-vien'), want, JSON.stringify(f));
});
