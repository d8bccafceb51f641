/**
 * Checks the sign-in and change-password forms make before sending (the server checks again). Pure.
 * passwordProblems is the contract's own policy; contract/identity.ts also builds zod schemas, which is
 * why the page sets zod to jitless before anything loads (zod-csp.ts).
 */
import { passwordProblems } from '../../../contract/identity.ts';

export function signInProblems(username: string, password: string): string[] {
  const out: string[] = [];
  if (!username.trim()) out.push('Nhập tên đăng nhập.');
  if (!password) out.push('Nhập mật khẩu.');
  return out;
}

export interface PasswordChange {
  current: string;
  next: string;
  confirm: string;
}

export function passwordChangeProblems(f: PasswordChange, username: string): string[] {
  const out: string[] = [];
  if (!f.current) out.push('Nhập mật khẩu hiện tại.');
  out.push(...passwordProblems(f.next, username));
  if (f.next && f.current && f.next === f.current) out.push('Mật khẩu mới phải khác mật khẩu hiện tại.');
  if (f.next !== f.confirm) out.push('Mật khẩu nhập lại không khớp.');
  return out;
}
