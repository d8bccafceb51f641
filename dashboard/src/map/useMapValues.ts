/** Commune figures of a chosen (non-live) period from the tablet plugin: GET /api/map/values. */
import { useEffect, useState } from 'react';
import type { MapValuesPayload } from '../../../contract/http.ts';
import { ApiError } from '../api/client.ts';
import { getMapValues } from '../api/endpoints.ts';

export type MapValuesState =
  { state: 'idle' | 'loading' } | { state: 'ready'; data: MapValuesPayload } | { state: 'error'; message: string };

const IDLE: MapValuesState = { state: 'idle' };

/** Without a period there is nothing to fetch: idle. Otherwise the last answer stays until the next one. */
export function useMapValues(indicator: string, period: string | undefined, reloadKey: unknown): MapValuesState {
  const [s, setS] = useState<MapValuesState>({ state: 'loading' });
  useEffect(() => {
    if (!period) return;
    const ctrl = new AbortController();
    getMapValues(indicator, period, { signal: ctrl.signal, cache: 'no-store' })
      .then((data) => {
        if (!data || !Array.isArray(data.values)) throw new Error('Dữ liệu không hợp lệ');
        setS({ state: 'ready', data });
      })
      .catch((err: Error) => {
        if (!ctrl.signal.aborted)
          setS({ state: 'error', message: err instanceof ApiError ? `Máy chủ trả lỗi ${err.status}` : err.message });
      });
    return () => ctrl.abort();
  }, [indicator, period, reloadKey]);
  return period ? s : IDLE;
}
