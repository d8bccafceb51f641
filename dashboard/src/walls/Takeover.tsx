/**
 * The critical-alert takeover: over the configured region of the page grid, the newest critical alert,
 * with the way back always visible (a countdown, or staff's acknowledgement from the admin page). Only
 * mounted on the display that has the region, and kept mounted while a meeting covers the display: it
 * then draws over the meeting (takeover.ts takeoverRect) through a portal into the layer it is given, so
 * its place in the rotation and its countdown survive the meeting's start and end. What it reports
 * through `onChange` is what it draws: nothing while it has no layer to draw into.
 */
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ScreenConfig } from '../../../contract/config.ts';
import type { Alert, AlertKind } from '../../../contract/alerts.ts';
import { useAlerts, useAlertsChangedAt } from '../live/alerts.ts';
import { formatTimeVi } from '../format/vi.ts';
import { cellRect } from './fit.ts';
import { gridArea } from './layout.ts';
import { pickTakeover, takeoverBackLabel, takeoverRect, type FirstShown, type TakeoverOver } from './takeover.ts';

const KIND_VI: Partial<Record<AlertKind, string>> = {
  fire_smoke: 'Phát hiện khói, lửa',
  flooding: 'Ngập nước',
  crowd: 'Tụ tập đông người',
  congestion: 'Ùn tắc giao thông',
  traffic_violation: 'Vi phạm giao thông',
  intrusion: 'Xâm nhập khu vực cấm',
  camera_offline: 'Camera mất kết nối',
  tamper: 'Camera bị che, phá',
};

export function Takeover(props: {
  /** The layer to draw into: the page canvas's, or the meeting's while one covers the display; null: none yet. */
  target: HTMLElement | null;
  over: TakeoverOver;
  /** The layout whose grid the region is in (the page shown, or the display's first page under a meeting). */
  page: ScreenConfig;
  region: { col: number; row: number; w: number; h: number };
  /** The wall's minimum type size on that canvas (design pixels). */
  minType: number;
  timeoutS: number;
  acked: ReadonlySet<string>;
  onChange: (id: string | null) => void;
}) {
  const alerts = useAlerts();
  // Now: when the alerts arrived, or the countdown's last tick, whichever is later (no clock read here).
  const [tickMs, setTickMs] = useState(() => Date.now());
  const now = Math.max(tickMs, useAlertsChangedAt());
  const [firstShown, setFirstShown] = useState<FirstShown>(() => new Map());
  const pick = useMemo(
    () => pickTakeover(alerts, props.acked, firstShown, props.timeoutS * 1000, now),
    [alerts, props.acked, firstShown, props.timeoutS, now],
  );
  // Keep what this render decided (an alert first shown now); React renders again before committing.
  if (pick.firstShown !== firstShown) setFirstShown(pick.firstShown);
  const { onChange, target } = props;
  const id = pick.alert && target ? pick.alert.id : null;
  useEffect(() => {
    onChange(id); // a statement: an effect must return a cleanup function or nothing
  }, [id, onChange]);
  useEffect(() => () => onChange(null), [onChange]);
  // A one-second tick only while an alert holds the region (the countdown).
  useEffect(() => {
    if (!id) return;
    const t = setInterval(() => setTickMs(Date.now()), 1000);
    return () => clearInterval(t);
  }, [id]);
  if (!pick.alert || !target) return null;
  const { design } = props.page;
  const r = takeoverRect(cellRect(props.page.grid, props.region, gridArea(design)), design, props.over, props.minType);
  const left = ((pick.until ?? now) - now) / 1000;
  return createPortal(
    <div
      className="wall-takeover"
      data-testid="alert-takeover"
      data-alert={pick.alert.id}
      data-over={props.over.kind}
      role="alert"
      style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
    >
      <TakeoverBody alert={pick.alert} />
      <div className="wall-takeover-back">{takeoverBackLabel(left, props.over)}</div>
    </div>,
    target,
  );
}

function TakeoverBody({ alert }: { alert: Alert }) {
  const started = new Date(alert.startedAt);
  return (
    <>
      <div className="wall-takeover-tag">CẢNH BÁO KHẨN</div>
      <div className="wall-takeover-title">{KIND_VI[alert.kind] ?? alert.label}</div>
      <div className="wall-takeover-meta">
        Camera {alert.cameraId}
        {Number.isNaN(started.getTime()) ? '' : ` · từ ${formatTimeVi(started)}`}
      </div>
    </>
  );
}
