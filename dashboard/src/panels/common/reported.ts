/**
 * Which period a panel shows and how it says so. A panel shows the latest period actually reported, never
 * one that has barely begun: periods starting after now are ignored, and a commune ranking waits until
 * enough communes have reported a period before it replaces the previous one. Pure.
 */
import type { ValueStatus } from '../../../../contract/messages.ts';
import { comparePeriods, periodStart, type Period } from '../../../../contract/period.ts';

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

/** Share of the communes that must have reported a period before a ranking moves on to it. */
export const RANKING_MIN_SHARE = 0.5;

/**
 * The period a ranking shows, from how many communes reported each: the latest one that at least
 * `minShare` of `total` communes have reported, else the latest with any report; null with none.
 */
export function rankingPeriod(
  reported: ReadonlyArray<{ period: Period; count: number }>,
  total: number,
  minShare = RANKING_MIN_SHARE,
): Period | null {
  const sorted = [...reported].filter((r) => r.count > 0).sort((a, b) => comparePeriods(b.period, a.period));
  const enough = sorted.find((r) => r.count >= Math.ceil(total * minShare));
  return (enough ?? sorted[0])?.period ?? null;
}

/** `48/65 xã, phường đã báo cáo`. */
export function reportedCountText(count: number, total: number): string {
  return `${count}/${total} xã, phường đã báo cáo`;
}
