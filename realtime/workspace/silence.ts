/**
 * When a data source counts as late or silent, as a state machine with hysteresis, so that a source
 * hovering around a limit, or a check that runs every 30 s, raises ONE staff alert per silence rather
 * than one per check: `raise` only on entering `silent` (and not again within `realertAfterMs` of the
 * previous raise, should it flap), `recover` only when a raised silence ends. Pure; tested with tables.
 */
export type SourceState = 'unknown' | 'ok' | 'late' | 'silent';

export interface SilenceRule {
  lateAfterMs: number;
  silentAfterMs: number;
  /** A new silence this soon after the previous alert is shown but not alerted again. */
  realertAfterMs: number;
}

export interface SilenceMemory {
  state: SourceState;
  /** An alert was raised for the current silence (so its end is announced). */
  alerted: boolean;
  lastAlertAtMs: number | null;
}

export const INITIAL_SILENCE: SilenceMemory = { state: 'unknown', alerted: false, lastAlertAtMs: null };

/** Leaving a state needs the age to fall this far below the limit that entered it. */
export const HYSTERESIS = 0.8;

export interface SilenceInput {
  /** Time since the source's last update, or since watching began when it has sent nothing yet. */
  ageMs: number;
  /** Whether anything was ever seen from the source. */
  seen: boolean;
  nowMs: number;
}

export function stepSilence(
  mem: SilenceMemory,
  { ageMs, seen, nowMs }: SilenceInput,
  rule: SilenceRule,
): { mem: SilenceMemory; event: 'raise' | 'recover' | null } {
  const silent = mem.state === 'silent' ? ageMs > rule.lateAfterMs * HYSTERESIS : ageMs > rule.silentAfterMs;
  if (silent) {
    if (mem.state === 'silent') return { mem, event: null };
    const quiet = mem.lastAlertAtMs !== null && nowMs - mem.lastAlertAtMs < rule.realertAfterMs;
    if (quiet) return { mem: { ...mem, state: 'silent', alerted: false }, event: null };
    return { mem: { state: 'silent', alerted: true, lastAlertAtMs: nowMs }, event: 'raise' };
  }
  const event = mem.state === 'silent' && mem.alerted ? 'recover' : null;
  if (!seen) return { mem: { ...mem, state: 'unknown', alerted: false }, event };
  const late = mem.state === 'late' ? ageMs > rule.lateAfterMs * HYSTERESIS : ageMs > rule.lateAfterMs;
  return { mem: { ...mem, state: late ? 'late' : 'ok', alerted: false }, event };
}
