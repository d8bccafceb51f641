/**
 * The words of the staff desk for the contract's codes: roles, device origins, audit actions, outcomes and
 * actor kinds. Pure. A code this file does not know yet (a newer server) reads as itself, never as blank.
 */
import { ROLES, type Role } from '../../../contract/roles.ts';
import type { ActorKind, AuditOutcome, DeviceInfo } from '../../../contract/identity.ts';

const ROLE_VI: Record<Role, string> = {
  viewer: 'Người xem',
  leader: 'Lãnh đạo',
  agency: 'Cơ quan báo cáo',
  staff: 'Chuyên viên',
  admin: 'Quản trị viên',
};

/** What each role may do, one line under the role select. */
const ROLE_HINT_VI: Record<Role, string> = {
  viewer: 'Xem số liệu trong phạm vi được giao.',
  leader: 'Xem số liệu trong phạm vi, chủ trì họp và ghi chú.',
  agency: 'Xem số liệu trong phạm vi; trả lời ghi chú gửi tới cơ quan mình.',
  staff: 'Xem mọi số liệu; điều khiển màn hình, ghép nối thiết bị.',
  admin: 'Mọi quyền của chuyên viên, thêm quản lý người dùng và nhật ký.',
};

export const roleLabel = (role: string): string => ROLE_VI[role as Role] ?? role;
export const roleHint = (role: string): string => ROLE_HINT_VI[role as Role] ?? '';
/** The role select's options, least to most powerful. */
export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = ROLES.map((r) => ({ value: r, label: ROLE_VI[r] }));

export const originLabel = (origin: DeviceInfo['origin'] | string): string =>
  origin === 'config' ? 'Tệp cấu hình' : origin === 'paired' ? 'Ghép nối' : origin;

const OUTCOME_VI: Record<AuditOutcome, string> = { ok: 'Thành công', refused: 'Bị từ chối', failed: 'Lỗi' };
export const outcomeLabel = (o: string): string => OUTCOME_VI[o as AuditOutcome] ?? o;

const ACTOR_KIND_VI: Record<ActorKind, string> = {
  user: 'Người dùng',
  device: 'Thiết bị',
  system: 'Hệ thống',
  anonymous: 'Chưa đăng nhập',
};
export const actorKindLabel = (k: string): string => ACTOR_KIND_VI[k as ActorKind] ?? k;

/** The audit actions the server records today (realtime/ and center/), for the filter and the table. */
export const AUDIT_ACTIONS: readonly { value: string; label: string }[] = [
  { value: 'session.sign-in', label: 'Đăng nhập' },
  { value: 'session.sign-out', label: 'Đăng xuất' },
  { value: 'user.create', label: 'Tạo người dùng' },
  { value: 'user.update', label: 'Sửa người dùng' },
  { value: 'user.reset-password', label: 'Đặt lại mật khẩu' },
  { value: 'user.change-password', label: 'Đổi mật khẩu' },
  { value: 'device.enrol', label: 'Ghép nối thiết bị' },
  { value: 'device.claim', label: 'Thiết bị nhận mã' },
  { value: 'device.revoke', label: 'Thu hồi thiết bị' },
  { value: 'screen.command', label: 'Lệnh màn hình' },
];
const ACTION_VI = new Map(AUDIT_ACTIONS.map((a) => [a.value, a.label]));
export const actionLabel = (action: string): string => ACTION_VI.get(action) ?? action;
