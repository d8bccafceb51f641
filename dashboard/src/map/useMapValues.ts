/** Commune figures of a chosen (non-live) period from the tablet plugin: GET /api/map/values. */
import { useEffect, useState } from 'react';
import type { MapValuesPayload } from '../../../contract/http.ts';

export type MapValuesState = { state: 'idle' | 'loading' } | { state: 'ready'; data: MapValuesPayload } | { state: 'error'; message: string };

export function useMapValues(indicator: string, period: string | undefined, token: string | null, reloadKey: unknown): MapValuesState {
  const [s, setS] = useState<MapValuesState>({ state: period ? 'loading' : 'idle' });
  useEffect(() => {
    if (!period) {
      setS({ state: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    fetch(`/api/map/values?indicator=${encodeURIComponent(indicator)}&period=${encodeURIComponent(period)}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal: ctrl.signal,
      cache: 'no-store',
    })
      .then(async (r) => {
        if (!r.ok) throw new Error(`Máy chủ trả lỗi ${r.status}`);
        const data = (await r.json()) as MapValuesPayload;
        if (!data || !Array.isArray(data.values)) throw new Error('Dữ liệu không hợp lệ');
        setS({ state: 'ready', data });
      })
      .catch((err: Error) => {
        if (!ctrl.signal.aborted) setS({ state: 'error', message: err.message });
      });
    return () => ctrl.abort();
  }, [indicator, period, token, reloadKey]);
  return s;
}
