import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { IndicatorValue } from '../../../../contract/messages.ts';
import type { PanelProps } from '../types.ts';
import { EmptyBody, ErrorFrame, Frame, LoadingFrame } from '../common/Frame.tsx';
import { useLive } from '../../live/react.ts';
import { groupKey, type GroupView } from '../../live/store.ts';
import { findIndicator, groupOfIndicator, valuesOfIndicator } from '../common/values.ts';
import { viewState } from '../common/usePanelData.ts';
import { areaName, subtitle } from '../common/titles.ts';
import { tableModel } from './table.ts';
import './table.css';

/** The last views handed to React per store and group list: a snapshot must stay the same object until one changes. */
const lastViews = new WeakMap<object, Map<string, (GroupView | undefined)[]>>();

/** The views of several groups at once, re-rendering when any of them changes. */
function useGroupViews(groups: readonly string[]): (GroupView | undefined)[] {
  const { store } = useLive();
  const key = groups.join(',');
  const snapshot = useCallback(() => {
    let byKey = lastViews.get(store);
    if (!byKey) lastViews.set(store, (byKey = new Map()));
    const last = byKey.get(key) ?? [];
    const next = key ? key.split(',').map((g) => store.getGroup(g)) : [];
    if (next.length === last.length && next.every((v, i) => v === last[i])) return last;
    byKey.set(key, next);
    return next;
  }, [store, key]);
  const subscribe = useCallback(
    (cb: () => void) => {
      const offs = (key ? key.split(',') : []).map((g) => store.subscribe(groupKey(g), cb));
      return () => offs.forEach((off) => off());
    },
    [store, key],
  );
  return useSyncExternalStore(subscribe, snapshot);
}

export default function TablePanel({ panel, index, payload }: PanelProps<'table'>) {
  const groups = useMemo(() => [...new Set(panel.indicators.map(groupOfIndicator))], [panel.indicators]);
  const views = useGroupViews(groups);
  const model = useMemo(() => {
    const byGroup = new Map(groups.map((g, i) => [g, views[i]]));
    const valuesOf = (id: string): readonly IndicatorValue[] => {
      const v = byGroup.get(groupOfIndicator(id));
      return v ? valuesOfIndicator(v.values, id) : [];
    };
    return tableModel(
      {
        indicators: panel.indicators,
        by: panel.by,
        basis: panel.basis ?? 'period',
        area: panel.area ?? payload.province.code,
        limit: panel.limit ?? 8,
      },
      (id) => findIndicator(payload.groups, id),
      valuesOf,
      payload.province.communes,
    );
  }, [groups, views, panel, payload]);
  const title = panel.title ?? (panel.by === 'communes' ? 'Số liệu theo xã, phường' : 'Số liệu theo kỳ');
  const states = views.map(viewState);
  if (!model)
    return (
      <ErrorFrame
        index={index}
        kind={panel.kind}
        title={title}
        message="Chỉ tiêu không có trong danh mục"
        detail={panel.indicators.join(', ')}
      />
    );
  if (states.includes('loading')) return <LoadingFrame index={index} kind={panel.kind} title={title} />;
  if (states.every((s) => s === 'error'))
    return <ErrorFrame index={index} kind={panel.kind} title={title} message="Không lấy được số liệu" />;
  const area = panel.by === 'periods' ? areaName(panel.area, payload.province) : null;
  return (
    <Frame
      index={index}
      kind={panel.kind}
      state="ready"
      title={title}
      period={subtitle(area, model.periodLabel)}
      updated={model.updatedText}
      note={model.unknown.length ? `Không có trong danh mục: ${model.unknown.join(', ')}` : null}
    >
      {model.rows.length === 0 ? (
        <EmptyBody text={panel.by === 'communes' ? 'Chưa có số liệu theo xã, phường' : 'Chưa có số liệu'} />
      ) : (
        <table className="ptable">
          <thead>
            <tr>
              <th scope="col">{panel.by === 'communes' ? 'Xã, phường' : 'Kỳ'}</th>
              {model.columns.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name}
                  <span className="ptable-unit">
                    {' '}
                    ({c.unit}){c.periodNote ? ` · ${c.periodNote}` : ''}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, i) => (
                  <td key={model.columns[i]?.id ?? i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Frame>
  );
}
