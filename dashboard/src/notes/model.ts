/**
 * The notes page's logic, out of the components: labels in Vietnamese, what the signed-in person may do
 * with a note, and how a `note:changed` event folds into the list. Pure.
 */
import type { Note, NoteStatus } from '../../../contract/meetings.ts';
import { parsePeriod, periodLabelVi } from '../../../contract/period.ts';
import { answersNotes, canPresent, type Role } from '../../../contract/roles.ts';

export const STATUS_VI: Record<NoteStatus, string> = { open: 'Chờ trả lời', answered: 'Đã trả lời', closed: 'Đã đóng' };
export const KIND_VI: Record<Note['kind'], string> = { note: 'Ghi chú', explanation: 'Yêu cầu giải trình' };

export interface Viewer {
  id: string;
  role: Role;
  agency?: string | null;
}

/** Leaders and staff: the list of every note with status; an agency: its inbox. */
export const isInbox = (v: Viewer): boolean => !canPresent(v.role) && answersNotes(v.role);

export function mayReply(v: Viewer, n: Note): boolean {
  if (n.status === 'closed') return false;
  return canPresent(v.role) || (answersNotes(v.role) && v.agency === n.reporter);
}

/** The status buttons the person sees for a note (the server checks the same). */
export function statusActions(v: Viewer, n: Note): { status: NoteStatus; label: string }[] {
  if (canPresent(v.role) || n.author.id === v.id)
    return n.status === 'closed' ? [{ status: 'open', label: 'Mở lại' }] : [{ status: 'closed', label: 'Đóng' }];
  if (answersNotes(v.role) && v.agency === n.reporter && n.status === 'open')
    return [{ status: 'answered', label: 'Đánh dấu đã trả lời' }];
  return [];
}

/** The list after a change: the note replaced or added, newest change first. */
export function mergeNote(list: readonly Note[], n: Note): Note[] {
  const held = list.find((x) => x.id === n.id);
  if (held && held.updatedAt > n.updatedAt) return list.slice();
  return [n, ...list.filter((x) => x.id !== n.id)].sort((a, b) =>
    a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0,
  );
}

export function filterByStatus(list: readonly Note[], status: NoteStatus | 'all'): Note[] {
  return status === 'all' ? list.slice() : list.filter((n) => n.status === status);
}

export function periodVi(code: string): string {
  const p = parsePeriod(code);
  return p ? periodLabelVi(p) : code;
}

/** `09:30, 02/12/2026` in Vietnam's time (UTC+7, no daylight saving). */
export function timeVi(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const two = (x: number) => String(x).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}, ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
