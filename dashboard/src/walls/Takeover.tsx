/**
 * The critical-alert takeover: over the configured region of the page grid, the newest critical alert,
 * with the way back always visible (a countdown, or staff's acknowledgement from the admin page). Only
 * mounted on the display that has the region.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ScreenConfig } from '../../../contract/config.ts';
import type { Alert, AlertKind } from '../../../contract/alerts.ts';
import { useAlerts, useAlertsChangedAt } from '../live/alerts.ts';
import { formatTimeVi } from '../format/vi.ts';
import { cellRect } from './fit.ts';
import { gridArea } from './layout.ts';
import { pickTakeover, type FirstShown } from './takeover.ts';

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
  page: ScreenConfig;
  region: { col: number; row: number; w: number; h: number };
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
  const id = pick.alert?.id ?? null;
  const { onChange } = props;
  useEffect(() => {
    onChange(id); // a statement: an effect must return a cleanup function or nothing
  }, [id, onChange]);
  // A one-second tick only while an alert holds the region (the countdown).
  useEffect(() => {
    if (!id) return;
    const t = setInterval(() => setTickMs(Date.now()), 1000);
    return () => clearInterval(t);
  }, [id]);
  if (!pick.alert) return null;
  const r = cellRect(props.page.grid, props.region, gridArea(props.page.design));
  const left = Math.max(0, Math.round(((pick.until ?? now) - now) / 1000));
  return (
    <div
      className="wall-takeover"
      data-testid="alert-takeover"
      data-alert={pick.alert.id}
      role="alert"
      style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
    >
      <TakeoverBody alert={pick.alert} />
      <div className="wall-takeover-back">
        Trở lại bảng số liệu sau {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} hoặc khi trực ban xác nhận
      </div>
    </div>
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
