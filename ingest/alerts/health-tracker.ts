/**
 * The engine's record of every camera's health (camera-health.ts is the state machine): samples and
 * alerts mark a camera heard, silence past its promised interval marks it down, and each status step
 * the machine reports is written to the alert store (which broadcasts only changes of state).
 */
import type { CameraStatus, SourceType } from '../../contract/alerts.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import { type CameraHealth, type HealthStep, checkSilence, heardFrom, newCameraHealth, observeHealth } from './camera-health.ts';
import type { CameraRegistry } from './camera-registry.ts';
import type { HealthSample } from './model.ts';

export interface HealthTracker {
  /** A camera delivered something (an alert): it is alive. */
  heard(feedId: string, cameraId: string, source: SourceType, atMs: number): void;
  /** A health sample; 'ignored' for cameras we do not show. */
  observe(feedId: string, s: HealthSample, receivedMs: number): Promise<'health' | 'ignored'>;
  /** The source promised a sample every `intervalMs` for these cameras. */
  expect(feedId: string, cameraRefs: string[], intervalMs: number, atMs: number): void;
  /** Cameras silent past their promise move towards offline (hysteresis in camera-health.ts). */
  checkSilence(atMs: number): Promise<void>;
}

export function createHealthTracker(alertStore: AlertStore, registry: CameraRegistry, offlineAfterMissed: number): HealthTracker {
  const health = new Map<string, CameraHealth>();
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Keeps the camera's new health and publishes its status when the step reports one. */
  async function apply(cameraId: string, step: HealthStep): Promise<void> {
    health.set(cameraId, step.health);
    if (!step.report) return;
    const h = step.health;
    const status: CameraStatus = {
      cameraId,
      state: h.state,
      since: iso(h.sinceMs),
      fps: h.fps,
      reason: step.report.reason,
      source: h.source,
    };
    await alertStore.setCameraStatus(status);
  }

  return {
    heard(feedId, cameraId, source, atMs) {
      const h = health.get(cameraId);
      if (h) health.set(cameraId, heardFrom(h, atMs));
      else if (feedId) health.set(cameraId, newCameraHealth(source, atMs));
    },
    async observe(feedId, s, receivedMs) {
      const cam = registry.resolve(feedId, s.cameraRefs);
      if (!cam) return 'ignored'; // cameras of the NVR we do not show
      const h = health.get(cam.id) ?? newCameraHealth(s.source.type, receivedMs);
      await apply(cam.id, observeHealth(h, s, receivedMs, offlineAfterMissed));
      return 'health';
    },
    expect(feedId, refs, intervalMs, atMs) {
      const cam = registry.resolve(feedId, refs);
      if (!cam) return;
      const h = health.get(cam.id);
      health.set(
        cam.id,
        h ? { ...h, expectedIntervalMs: intervalMs } : newCameraHealth(registry.feedType(feedId) ?? 'manual', atMs, intervalMs),
      );
    },
    async checkSilence(atMs) {
      for (const [cameraId, h] of health) {
        const step = checkSilence(h, atMs, offlineAfterMissed);
        if (step.report) await apply(cameraId, step).catch(() => {});
      }
    },
  };
}
