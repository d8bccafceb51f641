/**
 * The audit section as pure functions: the filter form becomes GET /api/audit's query (dates are Vietnam
 * days, the end day included), the pages visited are a stack of `before` cursors, and an entry's actor,
 * target and detail become text.
 */
import type { AuditEntry } from '../../../contract/identity.ts';
import { actorKindLabel } from './labels.ts';
import { vnDayEnd, vnDayStart } from './format.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  /** An actor id (user or device), or '' for everyone. */
  actor: string;
  action: string;
  /** Date inputs' values (`2026-11-22`), or ''. */
  from: string;
  to: string;
}
export const emptyFilters = (): AuditFilters => ({ actor: '', action: '', from: '', to: '' });

export type AuditQueryBuilt = { ok: true; query: string } | { ok: false; errors: { from?: string; to?: string } };

export function auditQuery(f: AuditFilters, before: string | null, limit = AUDIT_PAGE_SIZE): AuditQueryBuilt {
  const errors: { from?: string; to?: string } = {};
  const from = f.from ? vnDayStart(f.from) : null;
  const to = f.to ? vnDayEnd(f.to) : null;
  if (f.from && !from) errors.from = 'Ngày không hợp lệ.';
  if (f.to && !to) errors.to = 'Ngày không hợp lệ.';
  if (from && to && from.getTime() >= to.getTime()) errors.to = 'Ngày kết thúc phải từ ngày bắt đầu trở đi.';
  if (errors.from || errors.to) return { ok: false, errors };
  const q = new URLSearchParams();
  if (f.actor) q.set('actor', f.actor);
  if (f.action) q.set('action', f.action);
  if (from) q.set('from', from.toISOString());
  if (to) q.set('to', to.toISOString());
  q.set('limit', String(limit));
  if (before) q.set('before', before);
  return { ok: true, query: q.toString() };
}

/** The `before` cursor of each page visited; the last is the page shown (null: the newest). */
export type AuditCursors = readonly (string | null)[];
export const firstPage = (): AuditCursors => [null];
export const currentCursor = (c: AuditCursors): string | null => c[c.length - 1] ?? null;
export const olderPage = (c: AuditCursors, nextBefore: string): AuditCursors => [...c, nextBefore];
export const newerPage = (c: AuditCursors): AuditCursors => (c.length > 1 ? c.slice(0, -1) : c);
export const pageNumber = (c: AuditCursors): number => c.length;

export interface Names {
  users: ReadonlyMap<string, string>;
  devices: ReadonlyMap<string, string>;
}

/** `Quản trị viên` (the name at the time), with its kind and id for the second line. */
export function actorText(a: AuditEntry['actor'], names: Names): { main: string; sub: string } {
  const known = a.id ? (a.kind === 'device' ? names.devices.get(a.id) : names.users.get(a.id)) : undefined;
  const main = a.name ?? known ?? (a.kind === 'system' || a.kind === 'anonymous' ? actorKindLabel(a.kind) : (a.id ?? '—'));
  const kind = actorKindLabel(a.kind);
  const sub = [kind !== main ? kind : null, known && known !== main ? known : null].filter(Boolean).join(' · ');
  return { main, sub };
}

const TARGET_KIND_VI: Record<string, string> = { user: 'Người dùng', device: 'Thiết bị', screen: 'Màn hình' };

/** `user:<id>` → `Người dùng nguyen-van-a`; a target it cannot read stays as written. */
export function targetText(target: string | null, names: Names): string {
  if (!target) return '—';
  const i = target.indexOf(':');
  if (i < 0) return target;
  const kind = target.slice(0, i);
  const id = target.slice(i + 1);
  const label = TARGET_KIND_VI[kind];
  if (!label) return target;
  const name = kind === 'user' ? names.users.get(id) : kind === 'device' ? names.devices.get(id) : undefined;
  return `${label} ${name ?? id}`;
}

/** The detail as indented JSON text (rendered as text, never as markup); '' when there is none. */
export function detailText(detail: AuditEntry['detail']): string {
  if (detail === null || detail === undefined) return '';
  try {
    return JSON.stringify(detail, null, 2);
  } catch {
    return String(detail);
  }
}
