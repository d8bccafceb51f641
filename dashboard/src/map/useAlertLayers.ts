/**
 * Alerts and cameras as map data: the alert points, the heat map and the pulses come from an
 * AlertLayerModel (alert-layer-model.ts), cameras from a CameraBuffer (a status change rewrites that
 * camera's colour only). The model's clock is this page's: when the alert feed last changed, or when one
 * of the two timers below ran (the heat map's own task, the end of the oldest pulse) — never a clock
 * read while rendering, so a render with the same inputs gives the same frame.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Alert } from '../../../contract/alerts.ts';
import type { CameraView } from '../live/alert-feed.ts';
import { useAlertsChangedAt } from '../live/alerts.ts';
import type { AlertPointInput } from './alert-buffer.ts';
import { AlertLayerModel } from './alert-layer-model.ts';
import { CameraBuffer, type CameraPoints } from './camera-buffer.ts';
import type { BinaryPoints, CameraPoint, Pulse } from './layers.ts';

export interface AlertLayerData {
  points: BinaryPoints;
  /** The points as of the last heat refresh (at most every HEAT_REFRESH_MS). */
  heat: BinaryPoints;
  pulses: Pulse[];
  /** Camera positions coloured by status. */
  cameras: CameraPoints;
}

/** The timers' side of the clock: when one last ran, and how many heat-map tasks have run. */
interface Clock {
  atMs: number;
  heatTask: number;
}

export function useAlertLayers(
  alerts: readonly Alert[],
  cameras: readonly CameraView[],
  heatWindowMinutes: number,
): AlertLayerData {
  const [model] = useState(() => new AlertLayerModel());
  const [cameraBuffer] = useState(() => new CameraBuffer());
  const [clock, setClock] = useState<Clock>(() => ({ atMs: Date.now(), heatTask: 0 }));
  /** Moves the timers' clock to now; `heatTask`: this is the heat map's own task. */
  const tick = useCallback((heatTask: boolean) => {
    const atMs = Date.now();
    setClock((c) => ({ atMs, heatTask: heatTask ? c.heatTask + 1 : c.heatTask }));
  }, []);
  const nowMs = Math.max(useAlertsChangedAt(), clock.atMs);
  const cameraAt = useMemo(() => new Map(cameras.map((c) => [c.id, { lon: c.lon, lat: c.lat }])), [cameras]);
  const frame = useMemo(
    () => model.frame(alerts, cameraAt, nowMs, heatWindowMinutes * 60_000, clock.heatTask),
    [model, alerts, cameraAt, nowMs, heatWindowMinutes, clock.heatTask],
  );

  // The heat map's own task: a render of its own, never inside a live update.
  const { heatWaitMs, nextExpiryMs } = frame;
  useEffect(() => {
    if (heatWaitMs === null) return;
    const t = setTimeout(() => tick(true), heatWaitMs);
    return () => clearTimeout(t);
  }, [heatWaitMs, tick]);
  // Render again when the oldest pulse ends.
  useEffect(() => {
    if (nextExpiryMs === null) return;
    const t = setTimeout(() => tick(false), nextExpiryMs + 50);
    return () => clearTimeout(t);
  }, [nextExpiryMs, tick]);

  // Bench hook (bench/map-frame.ts, only with ?mapbench=1): synthetic cameras and alert points, applied
  // synchronously so the bench can time one update's main-thread cost (buffer + render + layer diff).
  const [benchCameras, setBenchCameras] = useState<{ list: CameraPoint[]; key: number } | null>(null);
  useEffect(() => {
    if (!/[?&]mapbench=1/.test(window.location.search)) return;
    (window as unknown as { __iocMapBench?: unknown }).__iocMapBench = {
      push(list: AlertPointInput[]) {
        model.push(list);
        flushSync(() => tick(false));
      },
      setCameras(list: CameraPoint[]) {
        flushSync(() => setBenchCameras((prev) => ({ list, key: (prev?.key ?? 0) + 1 })));
      },
      /** One live update as the page gets it: alerts and camera statuses of one frame, one render. */
      update(list: AlertPointInput[], cams: CameraPoint[]) {
        model.push(list);
        flushSync(() => {
          tick(false);
          setBenchCameras((prev) => ({ list: cams, key: (prev?.key ?? 0) + 1 }));
        });
      },
      /** The heat map's own task, now: takes the points as when it shows nothing (the bench times it). */
      refreshHeat() {
        model.forgetHeat();
        flushSync(() => tick(false));
      },
      size: () => model.size,
    };
    return () => {
      delete (window as unknown as { __iocMapBench?: unknown }).__iocMapBench;
    };
  }, [model, tick]);

  // Only when the camera list changed: an alert burst re-renders without walking 5,000 cameras.
  const cameraPoints = useMemo(
    () => (benchCameras ? cameraBuffer.sync(benchCameras.list, benchState) : cameraBuffer.sync(cameras, viewState)),
    [cameraBuffer, cameras, benchCameras],
  );
  const { points, heat, pulses } = frame;
  return useMemo(() => ({ points, heat, pulses, cameras: cameraPoints }), [points, heat, pulses, cameraPoints]);
}

const viewState = (c: CameraView) => c.status?.state ?? null;
const benchState = (c: CameraPoint) => c.state;
