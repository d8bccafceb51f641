/**
 * Camera health as a pure state machine with hysteresis: health samples and silence move a camera between
 * unknown, online, degraded, offline and disabled. Recovery is immediate (a good sample is proof); bad
 * news must be confirmed by `offlineAfterMissed` observations in a row before a working camera is shown
 * offline, so one lost sample does not flap the wall. The engine keeps one record per camera and
 * publishes each `report`.
 */
import type { CameraState, SourceType } from '../../contract/alerts.ts';
import type { HealthSample } from './model.ts';

export interface CameraHealth {
  state: CameraState;
  /** When the camera entered `state`, epoch ms. */
  sinceMs: number;
  lastHeardMs: number;
  /** Consecutive observations pointing to a worse state. */
  badRun: number;
  fps: number | null;
  /** How often the source promised to report (0: no promise, so silence means nothing). */
  expectedIntervalMs: number;
  source: SourceType;
}

export interface HealthStep {
  health: CameraHealth;
  /** The status to publish (the store broadcasts it only when the state changed), or null. */
  report: { reason: string | null } | null;
}

export function newCameraHealth(source: SourceType, atMs: number, expectedIntervalMs = 0): CameraHealth {
  return { state: 'unknown', sinceMs: atMs, lastHeardMs: atMs, badRun: 0, fps: null, expectedIntervalMs, source };
}

function enter(h: CameraHealth, state: CameraState, atMs: number, reason: string | null): HealthStep {
  return { health: h.state === state ? h : { ...h, state, sinceMs: atMs }, report: { reason } };
}

const unchanged = (h: CameraHealth): HealthStep => ({ health: h, report: null });

/** One health sample received at `atMs`. */
export function observeHealth(
  h: CameraHealth,
  s: Pick<HealthSample, 'observation' | 'fps' | 'reason'>,
  atMs: number,
  offlineAfterMissed: number,
): HealthStep {
  const heard: CameraHealth = { ...h, lastHeardMs: atMs, fps: s.fps ?? h.fps };
  switch (s.observation) {
    case 'ok':
      return enter({ ...heard, badRun: 0 }, 'online', atMs, s.reason);
    case 'degraded': {
      const n = { ...heard, badRun: Math.max(1, h.badRun + 1) };
      return n.state !== 'online' || n.badRun >= offlineAfterMissed ? enter(n, 'degraded', atMs, s.reason) : unchanged(n);
    }
    case 'down': {
      const n = { ...heard, badRun: Math.max(1, h.badRun + 1) };
      if (n.state === 'unknown' || n.badRun >= offlineAfterMissed) return enter(n, 'offline', atMs, s.reason);
      if (n.state === 'online') return enter(n, 'degraded', atMs, `${s.reason ?? 'not delivering'} (unconfirmed)`);
      return unchanged(n);
    }
    case 'disabled':
      return enter({ ...heard, badRun: 0 }, 'disabled', atMs, s.reason);
  }
}

/** Something else from the camera (an alert) at `atMs`: alive, whatever its health says. */
export function heardFrom(h: CameraHealth, atMs: number): CameraHealth {
  return { ...h, lastHeardMs: Math.max(h.lastHeardMs, atMs) };
}

/** Missed heartbeats at `atMs`: offline after `offlineAfterMissed` promised intervals without a word. */
export function checkSilence(h: CameraHealth, atMs: number, offlineAfterMissed: number): HealthStep {
  if (!h.expectedIntervalMs || h.state === 'offline' || h.state === 'disabled') return unchanged(h);
  const silentMs = atMs - h.lastHeardMs;
  if (silentMs <= h.expectedIntervalMs * offlineAfterMissed) return unchanged(h);
  return enter(h, 'offline', atMs, `no report for ${Math.round(silentMs / 1000)} s`);
}
