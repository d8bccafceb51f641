/**
 * The wall's layout: GET /api/screens/:screen (the page's cookie is the credential). Retries with backoff
 * while the server is down (the page shows "Đang kết nối…", never a white page); refetches on
 * `server:resync`. A 401 is `unauthenticated`: the wall page then asks who it is (pairing/).
 */
import { useEffect, useState } from 'react';
import type { ScreenPayload } from '../../../contract/http.ts';
import { ApiError } from '../api/client.ts';
import { getScreen } from '../api/endpoints.ts';
import { screenRetryMs } from './delays.ts';

export type ScreenLoad =
  | { state: 'loading'; attempt: number; retryInMs: number | null; problem: string | null }
  | { state: 'ready'; payload: ScreenPayload }
  /** 403: this credential may not show this screen. */
  | { state: 'unauthorized'; message: string }
  /** 401: no valid credential (revoked, signed out). */
  | { state: 'unauthenticated'; message: string }
  | { state: 'not-found'; message: string };

export type FetchResult =
  | { ok: true; payload: ScreenPayload }
  | { ok: false; kind: 'unauthorized' | 'unauthenticated' | 'not-found' | 'retry'; message: string };

/** Minimal shape check: a wrong or half answer must not break the page. */
export function isScreenPayload(x: unknown): x is ScreenPayload {
  if (!x || typeof x !== 'object') return false;
  const p = x as Partial<ScreenPayload>;
  const s = p.screen;
  return (
    !!s &&
    typeof s.title === 'string' &&
    typeof s.design?.width === 'number' &&
    typeof s.design?.height === 'number' &&
    typeof s.grid?.columns === 'number' &&
    typeof s.grid?.rows === 'number' &&
    Array.isArray(s.panels) &&
    !!p.province &&
    typeof p.province.code === 'string' &&
    Array.isArray(p.province.communes) &&
    Array.isArray(p.groups)
  );
}

export async function fetchScreen(screen: string, signal?: AbortSignal): Promise<FetchResult> {
  let body: unknown;
  try {
    body = await getScreen(screen, { cache: 'no-store', ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof ApiError) return refusal(screen, err.status);
    if (err instanceof SyntaxError) return { ok: false, kind: 'retry', message: 'Máy chủ trả dữ liệu không đọc được' };
    return { ok: false, kind: 'retry', message: 'Không liên lạc được máy chủ' };
  }
  if (!isScreenPayload(body)) return { ok: false, kind: 'retry', message: 'Máy chủ trả cấu hình màn hình không hợp lệ' };
  return { ok: true, payload: body };
}

/** What the wall says about an HTTP error answer. */
function refusal(screen: string, status: number): FetchResult {
  if (status === 403) {
    return {
      ok: false,
      kind: 'unauthorized',
      message: `Thiết bị này không được xem màn hình "${screen}" — thiết bị được gắn với màn hình khác.`,
    };
  }
  if (status === 401) {
    return {
      ok: false,
      kind: 'unauthenticated',
      message: 'Máy chủ không nhận ra thiết bị này (chưa ghép nối hoặc đã bị thu hồi).',
    };
  }
  if (status === 404) return { ok: false, kind: 'not-found', message: `Không có màn hình "${screen}" trong cấu hình.` };
  return { ok: false, kind: 'retry', message: `Máy chủ trả lỗi ${status}` };
}

/** Loads the screen and keeps the last good layout while a refetch is under way. */
export function useScreenPayload(screen: string, reloadKey: number): ScreenLoad {
  const [load, setLoad] = useState<ScreenLoad>({ state: 'loading', attempt: 0, retryInMs: null, problem: null });
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    const run = async () => {
      const r = await fetchScreen(screen, ctrl.signal);
      if (ctrl.signal.aborted) return;
      if (r.ok) {
        setLoad({ state: 'ready', payload: r.payload });
        return;
      }
      // Unauthorized and unknown screens may be fixed on the server (a device added): check again slowly.
      failures++;
      const wait = r.kind === 'retry' ? screenRetryMs(failures) : 30_000;
      setLoad((prev) => {
        if (prev.state === 'ready') return prev; // a failed refetch keeps the wall as it is
        if (r.kind === 'unauthorized') return { state: 'unauthorized', message: r.message };
        if (r.kind === 'unauthenticated') return { state: 'unauthenticated', message: r.message };
        if (r.kind === 'not-found') return { state: 'not-found', message: r.message };
        return { state: 'loading', attempt: failures, retryInMs: wait, problem: r.message };
      });
      timer = setTimeout(run, wait);
    };
    void run();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [screen, reloadKey]);
  return load;
}
