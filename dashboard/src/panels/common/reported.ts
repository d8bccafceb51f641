/**
 * Which period a panel shows and how it says so. A panel shows the latest period actually reported, never
 * one that has barely begun: periods starting after now are ignored, and a commune ranking waits until
 * enough communes have reported a period before it replaces the previous one. Pure.
 */
import type { ValueStatus } from '../../../../contract/messages.ts';
import { periodStart, type Period } from '../../../../contract/period.ts';

export { RANKING_MIN_SHARE, rankingPeriod } from '../../../../contract/ranking.ts';

const STATUS_WORD: Record<ValueStatus, string> = { estimate: 'ước tính', preliminary: 'sơ bộ', official: 'chính thức' };
const STATUS_ORDER: Record<ValueStatus, number> = { estimate: 0, preliminary: 1, official: 2 };

/** `Tháng 11/2026 (ước tính)`; a label ending in `(lũy kế)` becomes `11 tháng năm 2026 (lũy kế, ước tính)`. */
export function reportedLabel(label: string, status: ValueStatus): string {
  const word = STATUS_WORD[status] ?? status;
  return label.endsWith(')') ? `${label.slice(0, -1)}, ${word})` : `${label} (${word})`;
}

/** The least final status among figures (a ranking mixing estimates and officials is an estimate). */
export function leastFinal(statuses: Iterable<ValueStatus>): ValueStatus | null {
  let out: ValueStatus | null = null;
  for (const s of statuses) if (out === null || STATUS_ORDER[s] < STATUS_ORDER[out]) out = s;
  return out;
}

/** A period that has not started by now cannot have been reported (a plan row for next year, a clock skew). */
export function hasStarted(p: Period, now: Date): boolean {
  return periodStart(p).getTime() <= now.getTime();
}

/** `48/65 xã, phường đã báo cáo`. */
export function reportedCountText(count: number, total: number): string {
  return `${count}/${total} xã, phường đã báo cáo`;
}
