/**
 * The frame every panel draws in: title and period on top, figures in the middle, status, as-of and
 * reporting agency in small type below. The loading, error and stale states live inside the frame,
 * so a panel is never blank and never leaves its place.
 */
import type { ReactNode } from 'react';

export type PanelState = 'loading' | 'ready' | 'error' | 'stale';

export interface FrameProps {
  index: number;
  kind: string;
  state: PanelState;
  title: string;
  period?: string | null;
  /** `Sơ bộ`, `Chính thức`. */
  status?: string | null;
  /** `Cập nhật 14:05, 22/11/2026`. */
  updated?: string | null;
  reporter?: string | null;
  /** `Chưa cập nhật — quá hạn 3 ngày`. */
  staleText?: string | null;
  /** A note in the foot (e.g. `* so cùng kỳ theo địa giới cũ`). */
  note?: string | null;
  children?: ReactNode;
}

export function Frame(p: FrameProps) {
  const foot = [p.status, p.updated, p.reporter ? `Nguồn: ${p.reporter}` : null].filter(Boolean).join(' · ');
  return (
    <section className={`panel panel--${p.state}`} data-testid={`panel-${p.index}`} data-kind={p.kind} data-state={p.state}>
      <header className="panel-head">
        <h2 className="panel-title" title={p.title}>
          {p.title}
        </h2>
        {p.period ? <div className="panel-period">{p.period}</div> : null}
      </header>
      <div className="panel-body">{p.children}</div>
      {p.staleText ? (
        <div className="stale-badge" data-testid="stale-badge">
          <span aria-hidden="true">⚠</span> {p.staleText}
        </div>
      ) : null}
      {p.note ? <div className="panel-note">{p.note}</div> : null}
      {foot ? (
        <footer className="panel-foot" title={foot}>
          {foot}
        </footer>
      ) : null}
    </section>
  );
}

/** Placeholder in the final layout: the frame, its label, grey blocks where the figures will be. */
export function LoadingFrame(p: { index: number; kind: string; title: string; label?: string }) {
  return (
    <Frame index={p.index} kind={p.kind} state="loading" title={p.title} period={p.label ?? 'Đang tải số liệu…'}>
      <div className="skeleton" aria-label="Đang tải số liệu">
        <div className="skeleton-bar skeleton-bar--big" />
        <div className="skeleton-bar" />
        <div className="skeleton-bar skeleton-bar--short" />
      </div>
    </Frame>
  );
}

export function ErrorFrame(p: { index: number; kind: string; title: string; message: string; detail?: string }) {
  return (
    <Frame index={p.index} kind={p.kind} state="error" title={p.title}>
      <div className="panel-error" role="alert">
        <div className="panel-error-title">
          <span aria-hidden="true">⚠</span> {p.message}
        </div>
        {p.detail ? <div className="panel-error-detail">{p.detail}</div> : null}
      </div>
    </Frame>
  );
}

export function EmptyBody({ text = 'Chưa có số liệu' }: { text?: string }) {
  return <div className="panel-empty">{text}</div>;
}
