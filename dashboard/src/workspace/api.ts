/**
 * The workspace's calls to /api/config/* (ARCHITECTURE.md "Workspace"): GET with its ETag, PUT with
 * If-Match (or If-None-Match: * to create), history and rollback, the screens a publish changes, data
 * health. The session cookie is the credential. A PUT's refusals come back as values, not exceptions,
 * since the editor acts on each: 409 carries what is live now, 422 the issues at their fields.
 */
import type { ConfigIssue, ConfigKind, ConfigVersion, DataHealth } from '../../../contract/workspace.ts';
import type { GroupInfo, RejectedSummary, ScreenState } from '../../../contract/http.ts';
import type { CompliancePayload } from '../../../contract/compliance.ts';
import { apiErrorOf, apiGet, apiSend } from '../api/client.ts';

const q = encodeURIComponent;
const opts = (signal?: AbortSignal) => ({ cache: 'no-store' as RequestCache, ...(signal ? { signal } : {}) });

export interface Versioned<T> {
  id: string;
  version: number;
  item: T;
}

/** The item under `item`, or under the kind's own name (`page`, `wall`, `indicator`). */
export function itemOfBody<T>(body: unknown): { id: string; version: number; item: T } | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const item = b.item ?? b.page ?? b.wall ?? b.indicator;
  if (typeof b.version !== 'number' || item === undefined) return null;
  return { id: String(b.id ?? ''), version: b.version, item: item as T };
}

export async function getItem<T>(kind: ConfigKind, id: string, signal?: AbortSignal): Promise<Versioned<T>> {
  const body = await apiGet<unknown>(`/api/config/${kind}/${q(id)}`, opts(signal));
  const it = itemOfBody<T>(body);
  if (!it) throw new Error('Máy chủ trả cấu hình không đọc được');
  return it;
}

export async function listItems<T>(kind: ConfigKind, signal?: AbortSignal): Promise<Versioned<T>[]> {
  const body = await apiGet<unknown>(`/api/config/${kind}`, opts(signal));
  const items = Array.isArray(body) ? body : ((body as { items?: unknown[] } | null)?.items ?? []);
  return items.map(itemOfBody<T>).filter((x): x is Versioned<T> => x !== null);
}

export type PutResult<T> =
  | { ok: true; version: number }
  | { ok: false; kind: 'conflict'; version: number; item: T | null; message: string }
  | { ok: false; kind: 'invalid'; issues: ConfigIssue[]; message: string }
  | { ok: false; kind: 'error'; status: number; message: string };

/** PUT the item: `version` null creates it (If-None-Match: *), else replaces that version (If-Match). */
export async function putItem<T>(kind: ConfigKind, id: string, item: T, version: number | null): Promise<PutResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (version === null) headers['If-None-Match'] = '*';
  else headers['If-Match'] = `"${version}"`;
  let res: Response;
  try {
    res = await fetch(`/api/config/${kind}/${q(id)}`, {
      method: 'PUT',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ item }),
    });
  } catch {
    return { ok: false, kind: 'error', status: 0, message: 'Không liên lạc được máy chủ. Bản nháp vẫn được giữ.' };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.ok) {
    const v = typeof body?.version === 'number' ? body.version : Number(/\d+/.exec(res.headers.get('ETag') ?? '')?.[0] ?? NaN);
    return { ok: true, version: v };
  }
  const err = (body?.error ?? {}) as Record<string, unknown>;
  const message = typeof err.message === 'string' ? err.message : `HTTP ${res.status}`;
  if (res.status === 409 || (res.status === 412 && version !== null))
    return {
      ok: false,
      kind: 'conflict',
      version: typeof err.version === 'number' ? err.version : 0,
      item: (err.item as T) ?? null,
      message,
    };
  if (res.status === 422 || res.status === 400) {
    const issues = Array.isArray(err.issues) ? (err.issues as ConfigIssue[]) : [{ path: '(root)', message }];
    return { ok: false, kind: 'invalid', issues, message };
  }
  const e = apiErrorOf(res.status, body);
  return { ok: false, kind: 'error', status: res.status, message: e.message };
}

export async function getHistory(kind: ConfigKind, id: string, signal?: AbortSignal): Promise<ConfigVersion[]> {
  const body = await apiGet<unknown>(`/api/config/history?kind=${q(kind)}&id=${q(id)}`, opts(signal));
  return Array.isArray(body) ? (body as ConfigVersion[]) : ((body as { versions?: ConfigVersion[] } | null)?.versions ?? []);
}

export const rollback = (kind: ConfigKind, id: string, version: number) =>
  apiSend<{ version: number }>('POST', `/api/config/${kind}/${q(id)}/rollback`, { version });

export interface AffectedScreen {
  id: string;
  name: string;
  kind?: 'display' | 'page';
  wall?: string | null;
}

export async function getAffected(page: string, signal?: AbortSignal): Promise<AffectedScreen[]> {
  const body = await apiGet<unknown>(`/api/config/pages/${q(page)}/affected`, opts(signal));
  const list = Array.isArray(body) ? body : ((body as { screens?: unknown[] } | null)?.screens ?? []);
  return (list as AffectedScreen[]).filter((s) => s && typeof s.id === 'string');
}

export const getDataHealth = (signal?: AbortSignal) => apiGet<DataHealth>('/api/health/data', opts(signal));
/** Who owes figures past their deadline, per reporting agency (the latest month whose deadline has passed). */
export const getAgencyCompliance = (signal?: AbortSignal) => apiGet<CompliancePayload>('/api/compliance?by=agency', opts(signal));
export const getRejectedList = (signal?: AbortSignal) => apiGet<RejectedSummary>('/api/rejected', opts(signal));
export const getAllGroups = (signal?: AbortSignal) => apiGet<GroupInfo[]>('/api/groups', opts(signal));
export const getScreenStates = (signal?: AbortSignal) => apiGet<ScreenState[]>('/api/screens', opts(signal));
