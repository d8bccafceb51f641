/** Camera health summary, pure: counts by state and the worst cameras first. */
import type { CameraState } from '../../../../contract/alerts.ts';
import type { CameraView } from '../../live/alert-feed.ts';

export const STATE_VI: Record<CameraState, string> = {
  online: 'Hoạt động',
  degraded: 'Chập chờn',
  offline: 'Mất kết nối',
  disabled: 'Tạm tắt',
  unknown: 'Chưa rõ',
};

const RANK: Record<CameraState, number> = { offline: 0, degraded: 1, unknown: 2, disabled: 3, online: 4 };

export function cameraSummary(cams: readonly CameraView[]): { counts: Record<CameraState, number>; problems: CameraView[] } {
  const counts: Record<CameraState, number> = { online: 0, degraded: 0, offline: 0, disabled: 0, unknown: 0 };
  for (const c of cams) counts[c.status?.state ?? 'unknown']++;
  const problems = cams
    .filter((c) => c.status && (c.status.state === 'offline' || c.status.state === 'degraded'))
    .sort((a, b) => RANK[a.status!.state] - RANK[b.status!.state] || a.name.localeCompare(b.name, 'vi'));
  return { counts, problems };
}
