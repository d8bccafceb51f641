/**
 * Who may use the staff desk and which sections they see, from GET /api/session. Pure. Not signed in:
 * the sign-in page, returning here after. Signed in but not staff (or a screen's device): no access.
 * Staff: screens, devices and rejected inputs; admins also users and the audit log.
 */
import type { SessionInfo } from '../../../contract/identity.ts';
import { isAdmin, isStaff, type Role } from '../../../contract/roles.ts';
import { ApiError } from '../api/client.ts';
import { loadErrorText } from './errors.ts';

export type SectionId = 'screens' | 'devices' | 'users' | 'audit' | 'rejected';

export interface Section {
  id: SectionId;
  label: string;
  /** The address fragment that opens it (`/admin#thiet-bi`). */
  hash: string;
  adminOnly: boolean;
}

export const SECTIONS: readonly Section[] = [
  { id: 'screens', label: 'Màn hình', hash: 'man-hinh', adminOnly: false },
  { id: 'devices', label: 'Thiết bị', hash: 'thiet-bi', adminOnly: false },
  { id: 'users', label: 'Người dùng', hash: 'nguoi-dung', adminOnly: true },
  { id: 'audit', label: 'Nhật ký', hash: 'nhat-ky', adminOnly: true },
  { id: 'rejected', label: 'Dữ liệu bị từ chối', hash: 'du-lieu-bi-tu-choi', adminOnly: false },
];

export interface DeskUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

export type Access =
  | { kind: 'sign-in' }
  | { kind: 'forbidden'; who: string }
  | { kind: 'error'; message: string }
  | { kind: 'ok'; user: DeskUser; sections: Section[] };

export function accessOf(result: { session: SessionInfo } | { error: unknown }): Access {
  if ('error' in result) {
    const err = result.error;
    if (err instanceof ApiError && err.status === 401) return { kind: 'sign-in' };
    return { kind: 'error', message: loadErrorText(err) };
  }
  const s = result.session;
  if (s.kind !== 'user') return { kind: 'forbidden', who: `thiết bị “${s.name}”` };
  if (!isStaff(s.role)) return { kind: 'forbidden', who: `${s.name} (${s.username})` };
  const user = { id: s.id, username: s.username, name: s.name, role: s.role };
  return { kind: 'ok', user, sections: SECTIONS.filter((x) => !x.adminOnly || isAdmin(s.role)) };
}

/** The section a fragment names, if the user has it; else the first. */
export function sectionOfHash(hash: string, sections: readonly Section[]): SectionId {
  const h = hash.replace(/^#/, '');
  return (sections.find((s) => s.hash === h) ?? sections[0] ?? SECTIONS[0]!).id;
}
