/** Data health words and order: silent first, then late, unknown, ok. Pure. */
export type HealthState = 'ok' | 'late' | 'silent' | 'unknown';

export const STATE_VI: Record<HealthState, string> = {
  silent: '⛔ Im lặng',
  late: '⚠ Chậm',
  unknown: 'Chưa rõ',
  ok: '✓ Bình thường',
};

export function healthRank(s: HealthState): number {
  return s === 'silent' ? 0 : s === 'late' ? 1 : s === 'unknown' ? 2 : 3;
}
