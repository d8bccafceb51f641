/** The notes endpoints (realtime/notes/plugin.ts), through the dashboard's one API client. */
import type { GroupInfo, TabletPayload } from '../../../contract/http.ts';
import type { Note, NoteStatus } from '../../../contract/meetings.ts';
import { apiGet, apiSend } from '../api/client.ts';

export async function getNotes(signal?: AbortSignal): Promise<Note[]> {
  const body = await apiGet<unknown>('/api/notes', { cache: 'no-store', ...(signal ? { signal } : {}) });
  return Array.isArray(body) ? (body as Note[]) : [];
}

export const replyToNote = (id: string, text: string) =>
  apiSend<Note>('POST', `/api/notes/${encodeURIComponent(id)}/replies`, { text });

export const setNoteStatus = (id: string, status: NoteStatus) =>
  apiSend<Note>('PATCH', `/api/notes/${encodeURIComponent(id)}`, { status });

/** Indicator names for the list (GET /api/groups, cut to the caller's scope). */
export async function getIndicatorNames(): Promise<Map<string, string>> {
  const groups = await apiGet<GroupInfo[]>('/api/groups');
  return new Map(groups.flatMap((g) => g.indicators.map((i) => [i.id, i.name] as const)));
}

/** Names of the province and its communes (GET /api/tablet, cut to the caller's scope). */
export async function getAreaNames(): Promise<Map<string, string>> {
  const { province } = await apiGet<TabletPayload>('/api/tablet');
  return new Map([[province.code, province.name], ...province.communes.map((c) => [c.code, c.name] as const)]);
}
