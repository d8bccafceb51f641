/** Alert feed rows, pure: severity filter, Vietnamese labels, times in Vietnam time. Text stays text. */
import type { Alert, AlertKind, Severity } from '../../../../contract/alerts.ts';
import { SEVERITIES } from '../../../../contract/alerts.ts';
import { formatTimeVi } from '../../format/vi.ts';

export const KIND_VI: Record<AlertKind, string> = {
  traffic_violation: 'Vi phạm giao thông',
  illegal_parking: 'Đỗ xe sai quy định',
  congestion: 'Ùn tắc giao thông',
  crowd: 'Tụ tập đông người',
  fire_smoke: 'Cháy, khói',
  flooding: 'Ngập nước',
  license_plate: 'Nhận dạng biển số',
  intrusion: 'Xâm nhập khu vực',
  line_crossing: 'Vượt hàng rào ảo',
  loitering: 'Lảng vảng',
  motion: 'Chuyển động',
  object: 'Phát hiện đối tượng',
  tamper: 'Che, phá camera',
  camera_offline: 'Mất tín hiệu camera',
  other: 'Cảnh báo khác',
};

export const SEVERITY_VI: Record<Severity, string> = {
  critical: 'Khẩn cấp',
  high: 'Cao',
  medium: 'Trung bình',
  low: 'Thấp',
  info: 'Thông tin',
};

export interface AlertRow {
  id: string;
  severity: Severity;
  severityText: string;
  kindText: string;
  camera: string;
  commune: string;
  time: string;
  active: boolean;
  detail: string | null;
  thumbnail: string | null;
  clockSuspect: boolean;
}

/** HH:mm in Vietnam time, independent of the wall computer's time zone; `—` when the time does not parse. */
export function timeVi(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? formatTimeVi(new Date(t)) : '—';
}

export function alertRows(
  alerts: readonly Alert[],
  opts: {
    minSeverity: Severity;
    limit: number;
    cameraName: (id: string) => string | undefined;
    communeName: (code: string | null) => string | undefined;
  },
): AlertRow[] {
  const min = SEVERITIES.indexOf(opts.minSeverity);
  return alerts
    .filter((a) => SEVERITIES.indexOf(a.severity) >= min)
    .slice(0, opts.limit)
    .map((a) => ({
      id: a.id,
      severity: a.severity,
      severityText: SEVERITY_VI[a.severity] ?? a.severity,
      kindText: KIND_VI[a.kind] ?? a.kind,
      camera: opts.cameraName(a.cameraId) ?? a.cameraId,
      commune: opts.communeName(a.area) ?? '',
      time: timeVi(a.receivedAt),
      active: a.state === 'active',
      detail: a.plate?.text ?? a.subLabel ?? a.zone ?? null,
      // Our own origin only: the server fetched the image; the page's cookie authorises the <img>.
      thumbnail: a.snapshotUrl && a.snapshotUrl.startsWith('/api/') ? a.snapshotUrl : null,
      clockSuspect: a.clockSuspect,
    }));
}
