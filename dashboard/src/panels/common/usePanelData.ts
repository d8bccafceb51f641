/** The live data of one panel: its indicator's metadata and its group's current view. */
import { useMemo } from 'react';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { IndicatorInfo, ScreenPayload } from '../../../../contract/http.ts';
import { useGroupView } from '../../live/react.ts';
import type { GroupView } from '../../live/store.ts';
import { findIndicator, groupOfIndicator, valuesOfIndicator } from './values.ts';

export interface IndicatorPanelData {
  info: IndicatorInfo | undefined;
  view: GroupView | undefined;
  /** All values of the indicator (all areas); stable until the group changes. */
  values: IndicatorValue[];
}

export function useIndicatorData(indicator: string, payload: ScreenPayload): IndicatorPanelData {
  const info = useMemo(() => findIndicator(payload.groups, indicator), [payload, indicator]);
  const view = useGroupView(groupOfIndicator(indicator));
  const values = useMemo(() => (view ? valuesOfIndicator(view.values, indicator) : []), [view, indicator]);
  return { info, view, values };
}

/** Loading until the first snapshot; an error only when there is nothing to show. */
export function viewState(view: GroupView | undefined): 'loading' | 'error' | 'data' {
  if (!view || view.status === 'loading') return 'loading';
  if (view.status === 'error') return 'error';
  return 'data';
}
