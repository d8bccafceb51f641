/**
 * The staff desk's React plumbing: loading (and polling) a list with its error sentence, a ticking clock
 * for "12 giây trước", and the way to the sign-in page when the session is gone.
 */
import { useCallback, useEffect, useState } from 'react';
import { SIGN_IN_URL, isAbort, isAuthLost, loadErrorText } from './errors.ts';

/** The session is gone: sign in again, coming back here after. */
export function goSignIn(): void {
  window.location.assign(SIGN_IN_URL);
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** No answer yet for the current `load` (first load, or its inputs changed). */
  loading: boolean;
  refresh: () => void;
}

/**
 * Loads with `load` while mounted (again every `everyMs` when given, and at once on refresh()). `load`
 * must be stable (useCallback): a new one (new filters) loads anew, keeping the old data on screen until
 * its answer comes. A 401 goes to sign-in.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, everyMs: number | null = null): Loaded<T> {
  const [state, setState] = useState<{ source: unknown; data: T | null; error: string | null }>({
    source: null,
    data: null,
    error: null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = async () => {
      try {
        const data = await load(ctrl.signal);
        if (ctrl.signal.aborted) return;
        setState({ source: load, data, error: null });
      } catch (err) {
        if (ctrl.signal.aborted || isAbort(err)) return;
        if (isAuthLost(err)) goSignIn();
        setState((s) => ({ source: load, data: s.data, error: loadErrorText(err) }));
      }
      if (everyMs !== null && !ctrl.signal.aborted) timer = setTimeout(run, everyMs);
    };
    void run();
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [load, everyMs, tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.source !== load, refresh };
}

/** Date.now(), again every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
