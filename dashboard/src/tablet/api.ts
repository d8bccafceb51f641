/**
 * The tablet's REST calls (realtime/tablet/plugin.ts, the notes API of contract/meetings.ts), each kept
 * in the device cache (cache.ts) when it answers and read from it when the network does not: a tablet
 * on poor Wi-Fi shows its last figures instead of an error.
 */
import type { TabletPayload } from '../../../contract/http.ts';
import type { CreateNote, Note } from '../../../contract/meetings.ts';
import type { MeetingDisplay, TabletRollupPayload } from '../../../contract/rollup.ts';
import { ApiError, apiGet, apiSend } from '../api/client.ts';
import { getRest, putRest } from './cache.ts';

const q = encodeURIComponent;

export interface Cached<T> {
  body: T;
  /** True when the body came from the device cache (the server could not be asked). */
  cached: boolean;
}

/** GET with the cache as fallback for network failures (an HTTP refusal is not hidden). */
async function cachedGet<T>(key: string, path: string, signal?: AbortSignal): Promise<Cached<T>> {
  try {
    const body = await apiGet<T>(path, { cache: 'no-store', ...(signal ? { signal } : {}) });
    void putRest(key, body);
    return { body, cached: false };
  } catch (err) {
    if (err instanceof ApiError || (err instanceof DOMException && err.name === 'AbortError')) throw err;
    const hit = await getRest<T>(key);
    if (hit === null) throw err;
    return { body: hit, cached: true };
  }
}

export const loadTablet = () => cachedGet<TabletPayload>('tablet', '/api/tablet');

export const loadRollup = (indicator: string, period: string, signal?: AbortSignal) =>
  cachedGet<TabletRollupPayload>(
    `rollup|${indicator}|${period}`,
    `/api/tablet/rollup?indicator=${q(indicator)}&period=${q(period)}`,
    signal,
  );

/** The notes the tiles mark: those waiting for an answer and those answered (closed ones are settled). */
export const loadFigureNotes = async (signal?: AbortSignal): Promise<Note[]> => {
  const [open, answered] = await Promise.all(
    (['open', 'answered'] as const).map((status) => cachedGet<Note[]>(`notes|${status}`, `/api/notes?status=${status}`, signal)),
  );
  return [open!, answered!].flatMap((r) => (Array.isArray(r.body) ? r.body : []));
};

export const loadDisplays = () => apiGet<MeetingDisplay[]>('/api/tablet/displays', { cache: 'no-store' });

export const createNote = (body: CreateNote) => apiSend('POST', '/api/notes', body, {});
