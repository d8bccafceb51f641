/**
 * Places one panel on the grid: subscribes its groups, loads its kind's code lazily (placeholder in
 * the meantime) and catches its errors inside its own frame (PanelBoundary, also around a meeting's
 * period panels), so one panel never takes the wall down.
 */
import { Component, Suspense, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import type { PanelConfig } from '../../../../contract/config.ts';
import type { ScreenPayload } from '../../../../contract/http.ts';
import { useWantGroups } from '../../live/react.ts';
import { KIND_LABEL_VI, PANELS, panelGroups } from '../registry.ts';
import type { PanelProps } from '../types.ts';
import { ErrorFrame, LoadingFrame } from './Frame.tsx';
import { panelTitle } from './titles.ts';

export class PanelBoundary extends Component<
  { index: number; kind: string; title: string; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('panel', this.props.index, error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      const chunk = /dynamically imported module|Loading chunk|Failed to fetch/i.test(this.state.error.message);
      return (
        <ErrorFrame
          index={this.props.index}
          kind={this.props.kind}
          title={this.props.title}
          message={chunk ? 'Không tải được mã hiển thị của bảng' : 'Lỗi hiển thị bảng'}
          detail={chunk ? 'Tải lại trang khi máy chủ hoạt động trở lại.' : 'Các bảng khác vẫn hoạt động.'}
        />
      );
    }
    return this.props.children;
  }
}

export function PanelHost({ panel, index, payload }: { panel: PanelConfig; index: number; payload: ScreenPayload }) {
  useWantGroups(panelGroups(panel));
  const title = panelTitle(panel, payload);
  const Kind = PANELS[panel.kind] as unknown as ComponentType<PanelProps> | undefined;
  if (!Kind) {
    return <ErrorFrame index={index} kind={panel.kind} title={title} message={`Loại bảng "${panel.kind}" chưa được hỗ trợ`} />;
  }
  return (
    <PanelBoundary index={index} kind={panel.kind} title={title}>
      <Suspense fallback={<LoadingFrame index={index} kind={panel.kind} title={title} label={KIND_LABEL_VI[panel.kind]} />}>
        <Kind panel={panel} index={index} payload={payload} />
      </Suspense>
    </PanelBoundary>
  );
}
