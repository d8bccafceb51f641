/**
 * Device clocks: a skew estimate per camera (our clock minus the device's), smoothed against network
 * jitter; alerts from a camera whose skew is beyond the tolerance are placed on our clock and flagged
 * clockSuspect; absurd times (a clock never set: 1970, 2000) are replaced by the time received; times too
 * far in the future are refused. The only state is the estimate per key.
 */
import type { AlertDraft } from './model.ts';
import { FeedReject, LIMITS } from './validate.ts';

/** A sample this far from the estimate means the device clock was changed: jump, do not smooth. */
const CLOCK_CHANGED_MS = 10 * 60_000;
/** Weight of a new sample in the running estimate. */
const SMOOTHING = 0.2;

export interface ClockReading {
  /** Start and end of the alert on our clock, epoch ms. */
  startedMs: number;
  endedMs: number | null;
  suspect: boolean;
  skewMs: number | null;
  /** A repair to count (the device clock is not set), or null. */
  repair: 'absurd-device-time' | null;
}

/** The next skew estimate after one sample (pure). */
export function nextSkewEstimate(estimateMs: number | null, sampleMs: number): number {
  return estimateMs === null || Math.abs(sampleMs - estimateMs) > CLOCK_CHANGED_MS
    ? sampleMs
    : estimateMs + SMOOTHING * (sampleMs - estimateMs);
}

export type DraftTimes = Pick<AlertDraft, 'deviceTimeMs' | 'startedAtMs' | 'endedAtMs' | 'dedupeKey'>;

export interface DeviceClocks {
  /** Reads a draft's times for camera key `key` (updating its skew estimate). Throws FeedReject for the future. */
  read(key: string, d: DraftTimes, receivedMs: number): ClockReading;
}

export function createDeviceClocks(toleranceMs: number): DeviceClocks {
  const skew = new Map<string, number>();
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    read(key, d, receivedMs) {
      const devNow = d.deviceTimeMs ?? d.startedAtMs;
      if (devNow !== null && devNow - receivedMs > LIMITS.futureMs && d.deviceTimeMs !== null) {
        throw new FeedReject(
          'future-timestamp',
          `device time ${iso(devNow)} is ${Math.round((devNow - receivedMs) / 1000)} s ahead of ours`,
          d.dedupeKey,
        );
      }
      if (d.startedAtMs !== null && d.startedAtMs - receivedMs > LIMITS.futureMs) {
        throw new FeedReject('future-timestamp', `start ${iso(d.startedAtMs)} is in the future`, d.dedupeKey);
      }
      const absurd = (t: number | null) => t !== null && t < LIMITS.absurdBeforeMs;
      if (absurd(d.deviceTimeMs) || absurd(d.startedAtMs)) {
        // The device clock is not set (1970, 2000): our clock is the only time we have.
        return {
          startedMs: receivedMs,
          endedMs: d.endedAtMs === null ? null : receivedMs,
          suspect: true,
          skewMs: d.deviceTimeMs === null ? null : receivedMs - d.deviceTimeMs,
          repair: 'absurd-device-time',
        };
      }
      let est = skew.get(key) ?? null;
      if (d.deviceTimeMs !== null) {
        est = nextSkewEstimate(est, receivedMs - d.deviceTimeMs);
        skew.set(key, est);
      }
      const suspect = est !== null && Math.abs(est) > toleranceMs;
      const correctionMs = suspect && est !== null ? est : 0;
      const fix = (t: number | null) => (t === null ? null : t + correctionMs);
      return {
        startedMs: fix(d.startedAtMs) ?? receivedMs,
        endedMs: fix(d.endedAtMs),
        suspect,
        skewMs: est === null ? null : Math.round(est),
        repair: null,
      };
    },
  };
}
