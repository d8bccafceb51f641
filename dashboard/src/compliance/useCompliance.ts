/**
 * GET /api/compliance with the page's own credentials (api/client.ts: the session or device cookie),
 * again every `refreshMs`. A failed refresh keeps the last answer and says so; a page that is hidden
 * does not poll.
 */
import { useEffect, useState } from 'react';
import type { ComplianceBy, CompliancePayload } from '../../../contract/compliance.ts';
import { apiGet } from '../api/client.ts';

export interface ComplianceParams {
  by: ComplianceBy;
  period?: string | undefined;
  area?: string | undefined;
}

export function compliancePath({ by, period, area }: ComplianceParams): string {
  const q = new URLSearchParams({ by });
  if (period) q.set('period', period);
  if (area) q.set('area', area);
  return `/api/compliance?${q.toString()}`;
}

export type ComplianceLoad =
  { state: 'loading' } | { state: 'ready'; data: CompliancePayload; error: string | null } | { state: 'error'; error: string };

function isPayload(x: unknown): x is CompliancePayload {
  const p = x as Partial<CompliancePayload> | null;
  return !!p && typeof p.period === 'string' && Array.isArray(p.rows) && Array.isArray(p.trend) && !!p.totals;
}

export function useCompliance(params: ComplianceParams, refreshMs = 60_000): ComplianceLoad {
  const path = compliancePath(params);
  // Keyed by the path: an answer for the previous view is never shown as this one's.
  const [entry, setEntry] = useState<{ path: string; load: ComplianceLoad }>({ path, load: { state: 'loading' } });
  useEffect(() => {
    const setLoad = (next: (prev: ComplianceLoad) => ComplianceLoad) =>
      setEntry((e) => ({ path, load: next(e.path === path ? e.load : { state: 'loading' }) }));
    let ctrl: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== 'hidden') {
        ctrl = new AbortController();
        try {
          const body = await apiGet<unknown>(path, { signal: ctrl.signal, cache: 'no-store' });
          if (!isPayload(body)) throw new Error('câu trả lời không đúng định dạng');
          if (!stopped) setLoad(() => ({ state: 'ready', data: body, error: null }));
        } catch (err) {
          if (stopped) return;
          const message = err instanceof Error ? err.message : String(err);
          setLoad((prev) => (prev.state === 'ready' ? { ...prev, error: message } : { state: 'error', error: message }));
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), refreshMs);
    };
    void tick();
    return () => {
      stopped = true;
      ctrl?.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, refreshMs]);
  return entry.path === path ? entry.load : { state: 'loading' };
}
