/**
 * The words of the sign-in page and the home page, in Vietnamese: roles, the greeting, what a failed
 * sign-in, a failed single sign-on (`/?sso=<code>`, realtime/identity/oidc-routes.ts) or a failed password
 * change means. Pure: tested as tables.
 */
import type { Role } from '../../../contract/roles.ts';
import type { Scope } from '../../../contract/scope.ts';
import { ApiError } from '../api/client.ts';

export const ROLE_VI: Record<Role, string> = {
  viewer: 'Người xem',
  leader: 'Lãnh đạo',
  agency: 'Cơ quan báo cáo',
  staff: 'Chuyên viên',
  admin: 'Quản trị viên',
};

export const roleVi = (role: string): string => ROLE_VI[role as Role] ?? role;

/** `toàn tỉnh · mọi nhóm chỉ tiêu`, `1 xã, phường · 3 nhóm chỉ tiêu` (the alert feed is not a group of figures). */
export function scopeVi(scope: Scope, provinceCode?: string): string {
  const areas =
    scope.areas === '*' || (provinceCode !== undefined && scope.areas.includes(provinceCode))
      ? 'toàn tỉnh'
      : `${scope.areas.length} xã, phường`;
  const groups =
    scope.groups === '*' ? 'mọi nhóm chỉ tiêu' : `${scope.groups.filter((g) => g !== 'alerts').length} nhóm chỉ tiêu`;
  return `${areas} · ${groups}`;
}

/** `30 giây`, `2 phút` (rounded up: never tell someone to retry too early). */
export function waitVi(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

export const NETWORK_VI = 'Không liên lạc được máy chủ. Kiểm tra kết nối mạng rồi thử lại.';

/** What a failed POST /api/session means, for the person at the form. */
export function signInErrorVi(err: unknown): string {
  if (!(err instanceof ApiError)) return NETWORK_VI;
  if (err.status === 401) return 'Sai tên đăng nhập hoặc mật khẩu.';
  if (err.status === 429) {
    const wait = err.retryAfterS !== null && err.retryAfterS > 0 ? ` sau ${waitVi(err.retryAfterS)}` : ' sau ít phút';
    return `Đăng nhập sai quá nhiều lần. Vui lòng thử lại${wait}.`;
  }
  if (err.status === 400) return 'Nhập tên đăng nhập và mật khẩu.';
  return `Máy chủ trả lỗi ${err.status}. Vui lòng thử lại sau.`;
}

const SSO_VI: Record<string, string> = {
  'oidc-unavailable': 'Hệ thống đăng nhập một lần hiện không liên lạc được. Vui lòng thử lại sau hoặc đăng nhập bằng mật khẩu.',
  'oidc-state-mismatch': 'Phiên đăng nhập một lần đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.',
  'oidc-denied': 'Đăng nhập một lần đã bị từ chối hoặc bị hủy.',
  'oidc-failed': 'Đăng nhập một lần không thành công. Vui lòng thử lại.',
  'not-authorised': 'Tài khoản của bạn chưa được cấp quyền vào hệ thống này. Liên hệ quản trị viên.',
  'invalid-return-to': 'Địa chỉ trang quay lại không hợp lệ. Vui lòng đăng nhập lại.',
  disabled: 'Tài khoản đã bị khóa. Liên hệ quản trị viên.',
  'username-taken': 'Tên đăng nhập của tài khoản này đã được dùng cho một tài khoản khác. Liên hệ quản trị viên.',
};

/** The message for `/?sso=<code>`; null without one. An unknown code is named only when it looks like one. */
export function ssoMessageVi(code: string | null): string | null {
  if (code === null || code === '') return null;
  const known = SSO_VI[code];
  if (known) return known;
  return /^[a-z0-9-]{1,40}$/.test(code)
    ? `Đăng nhập một lần không thành công (mã lỗi: ${code}).`
    : 'Đăng nhập một lần không thành công.';
}

/** What a failed PUT /api/session/password means. */
export function changePasswordErrorVi(err: unknown): string {
  if (!(err instanceof ApiError)) return NETWORK_VI;
  if (err.code === 'wrong-password') return 'Mật khẩu hiện tại không đúng.';
  // The server's sentences come from the same passwordProblems as the form's own check.
  if (err.code === 'weak-password') return err.message;
  if (err.status === 401) return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
  if (err.status === 403) return 'Tài khoản này không đổi mật khẩu tại đây.';
  return `Máy chủ trả lỗi ${err.status}. Vui lòng thử lại sau.`;
}
