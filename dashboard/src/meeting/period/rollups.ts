/**
 * Where a meeting's period ranking and map get every commune's roll-up (a province subscription carries
 * the communes' latest period only): on the wall, `GET /api/meetings/:id/rollup` (frozen figures while
 * the meeting is frozen), asked again when the group's live version moves; on paper, the print job's
 * roll-ups, read by the server with the caller's scope.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { TabletRollupPayload } from '../../../../contract/rollup.ts';
import { getMeetingRollup } from '../api.ts';

export type RollupSource =
  { kind: 'meeting'; id: string; frozenAt: string | null } | { kind: 'job'; rollups: readonly TabletRollupPayload[] };

export const RollupSourceContext = createContext<RollupSource | null>(null);

export type RollupState =
  { state: 'loading' } | { state: 'ready'; data: TabletRollupPayload } | { state: 'error'; message: string };

/** `reloadKey`: the group's live version (a new figure may change the ranking); frozen, it does not move. */
export function useRollup(indicator: string, period: string, reloadKey: unknown): RollupState {
  const source = useContext(RollupSourceContext);
  const [s, setS] = useState<RollupState>({ state: 'loading' });
  const meeting = source?.kind === 'meeting' ? source : null;
  const id = meeting?.id ?? null;
  const frozenAt = meeting?.frozenAt ?? null;
  useEffect(() => {
    if (!id) return;
    const ctrl = new AbortController();
    getMeetingRollup(id, indicator, period, { signal: ctrl.signal })
      .then((data) => setS({ state: 'ready', data }))
      .catch((err: Error) => !ctrl.signal.aborted && setS({ state: 'error', message: err.message }));
    return () => ctrl.abort();
  }, [id, indicator, period, frozenAt, reloadKey]);
  if (source?.kind === 'job') {
    const data = source.rollups.find((r) => r.indicator === indicator && r.period === period);
    return data ? { state: 'ready', data } : { state: 'error', message: 'Không có số liệu của kỳ trong tài liệu' };
  }
  if (!source) return { state: 'error', message: 'Không có nguồn số liệu của kỳ' };
  return s;
}
