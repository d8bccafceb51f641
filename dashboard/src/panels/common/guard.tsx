/**
 * The frame a panel shows instead of its figures, in one place: its indicator or group is not in the
 * catalogue, its data is still loading, or its subscription failed with nothing to show. Null when the
 * panel can draw. Panels call it after their hooks: `const g = panelGuard(…); if (g) return g;`.
 */
import type { ReactElement } from 'react';
import type { GroupView } from '../../live/store.ts';
import { ErrorFrame, LoadingFrame } from './Frame.tsx';
import { viewState } from './usePanelData.ts';

export interface PanelGuardInput {
  index: number;
  kind: string;
  title: string;
  view: GroupView | undefined;
  /** Why the panel cannot draw at all (unknown indicator, missing boundaries…), or null. */
  missing: { message: string; detail?: string } | null;
  /** Something else the panel waits for (e.g. the map's boundaries), shown as loading. */
  waiting?: boolean;
  /** The placeholder's label instead of "Đang tải số liệu…". */
  loadingLabel?: string;
}

export const unknownIndicator = (id: string) => ({ message: 'Chỉ tiêu không có trong danh mục', detail: id });
export const unknownGroup = (id: string) => ({ message: 'Nhóm chỉ tiêu không có trong danh mục', detail: id });

export function panelGuard(g: PanelGuardInput): ReactElement | null {
  const { index, kind, title } = g;
  if (g.missing)
    return <ErrorFrame index={index} kind={kind} title={title} message={g.missing.message} detail={g.missing.detail} />;
  const s = viewState(g.view);
  if (s === 'loading' || g.waiting) return <LoadingFrame index={index} kind={kind} title={title} label={g.loadingLabel} />;
  if (s === 'error')
    return <ErrorFrame index={index} kind={kind} title={title} message={g.view?.error ?? 'Không lấy được số liệu'} />;
  return null;
}
