/**
 * Alerts and cameras as map data. Alerts go into an AlertBuffer (typed arrays updated in place) for the
 * points and the heat map; alerts received in the last PULSE_MS also pulse (at most MAX_PULSES, the
 * newest; the map animates them with CSS, so a render is due only when one expires). Cameras go into a
 * CameraBuffer: a status change rewrites that camera's colour only.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Alert } from '../../../contract/alerts.ts';
import type { CameraView } from '../live/alert-feed.ts';
import { AlertBuffer, forgetMissing, heatRefreshDue, type AlertPointInput } from './alert-buffer.ts';
import { CameraBuffer, type CameraPoints } from './camera-buffer.ts';
import { PULSE_MS, type BinaryPoints, type CameraPoint, type Pulse } from './layers.ts';

/** How often the heat map takes the latest alert points (it aggregates a window of many minutes). */
export const HEAT_REFRESH_MS = 10_000;
/** One empty list, so "no pulses" keeps its identity across renders (the map rebuilds layers on change). */
const NO_PULSES: Pulse[] = [];
/** A burst of alerts pulses its newest ones; the rest are points like any other. */
export const MAX_PULSES = 40;

export interface AlertLayerData {
  points: BinaryPoints;
  /** The points as of the last heat refresh (at most every HEAT_REFRESH_MS). */
  heat: BinaryPoints;
  pulses: Pulse[];
  /** Camera positions coloured by status. */
  cameras: CameraPoints;
}

/** Where an alert is: its own location, else its camera's. */
export function alertPosition(a: Alert, cameraAt: ReadonlyMap<string, { lon: number; lat: number }>): { lon: number; lat: number } | null {
  if (a.location && Number.isFinite(a.location.lon) && Number.isFinite(a.location.lat)) return a.location;
  return cameraAt.get(a.cameraId) ?? null;
}

export function useAlertLayers(alerts: readonly Alert[], cameras: readonly CameraView[], heatWindowMinutes: number): AlertLayerData {
  const buffer = useRef<AlertBuffer>(null as unknown as AlertBuffer);
  if (!buffer.current) buffer.current = new AlertBuffer(1024);
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  const cameraAt = useMemo(() => new Map(cameras.map((c) => [c.id, { lon: c.lon, lat: c.lat }])), [cameras]);
  const bornAt = useRef(new Map<string, number>());

  // Alerts into the buffer (only the ones that changed version).
  const seen = useRef(new Map<string, number>());
  const items: AlertPointInput[] = [];
  for (const a of alerts) {
    if (seen.current.get(a.id) === a.version) continue;
    const at = alertPosition(a, cameraAt);
    if (!at) continue;
    seen.current.set(a.id, a.version);
    const received = Date.parse(a.receivedAt);
    items.push({ id: a.id, lon: at.lon, lat: at.lat, severity: a.severity, at: Number.isFinite(received) ? received : Date.now() });
    // Pulses start when the alert was received (our clock), so a reload does not replay old alerts as new.
    if (!bornAt.current.has(a.id)) bornAt.current.set(a.id, Number.isFinite(received) ? Math.min(received, Date.now()) : Date.now());
  }
  if (items.length) {
    buffer.current.upsert(items);
    // The alert list is bounded; what left it needs no version or birth time (a wall runs for weeks).
    const listed = new Set(alerts.map((a) => a.id));
    forgetMissing(seen.current, listed);
    forgetMissing(bornAt.current, listed);
  }
  const now = Date.now();
  buffer.current.dropBefore(now - heatWindowMinutes * 60_000);

  // Heat: a copy of the points, refreshed at most every HEAT_REFRESH_MS, in a render of its own.
  const heat = useRef<{ version: number; data: BinaryPoints; takenAtMs: number } | null>(null);
  const heatTask = useRef(false);
  const h = heat.current;
  const heatDue = heatRefreshDue(h && { version: h.version, length: h.data.length, takenAtMs: h.takenAtMs }, buffer.current.version, now, HEAT_REFRESH_MS, heatTask.current);
  heatTask.current = false;
  if (heatDue.take) heat.current = { ...buffer.current.snapshot(), takenAtMs: now };
  const heatWaitMs = heatDue.waitMs;
  useEffect(() => {
    if (heatWaitMs === null) return;
    const t = setTimeout(() => {
      heatTask.current = true;
      bump();
    }, heatWaitMs);
    return () => clearTimeout(t);
  }, [heatWaitMs]);

  // Pulses: active alerts received in the last PULSE_MS, newest first, at most MAX_PULSES.
  let pulses: Pulse[] = [];
  for (const a of alerts) {
    const born = bornAt.current.get(a.id);
    if (born === undefined || now - born >= PULSE_MS || a.state !== 'active') continue;
    const at = alertPosition(a, cameraAt);
    if (at) pulses.push({ id: a.id, lon: at.lon, lat: at.lat, severity: a.severity, bornAt: born });
  }
  if (pulses.length > MAX_PULSES) pulses = pulses.sort((x, y) => y.bornAt - x.bornAt).slice(0, MAX_PULSES);
  // Render again when the oldest pulse ends (the CSS animation has faded it by then).
  const nextExpiryMs = pulses.length ? Math.max(0, Math.min(...pulses.map((x) => x.bornAt + PULSE_MS)) - now) : null;
  useEffect(() => {
    if (nextExpiryMs === null) return;
    const t = setTimeout(bump, nextExpiryMs + 50);
    return () => clearTimeout(t);
  }, [nextExpiryMs]);

  // Bench hook (bench/map-frame.ts, only with ?mapbench=1): synthetic cameras and alert points, applied
  // synchronously so the bench can time one update's main-thread cost (buffer + render + layer diff).
  const [benchCameras, setBenchCameras] = useState<{ list: CameraPoint[]; key: number } | null>(null);
  useEffect(() => {
    if (!/[?&]mapbench=1/.test(window.location.search)) return;
    (window as unknown as { __iocMapBench?: unknown }).__iocMapBench = {
      push(list: AlertPointInput[]) {
        buffer.current.upsert(list);
        flushSync(bump);
      },
      setCameras(list: CameraPoint[]) {
        flushSync(() => setBenchCameras((prev) => ({ list, key: (prev?.key ?? 0) + 1 })));
      },
      /** One live update as the page gets it: alerts and camera statuses of one frame, one render. */
      update(list: AlertPointInput[], cams: CameraPoint[]) {
        buffer.current.upsert(list);
        flushSync(() => {
          bump();
          setBenchCameras((prev) => ({ list: cams, key: (prev?.key ?? 0) + 1 }));
        });
      },
      /** The heat map's own task, now: takes the points as when it shows nothing (the bench times it). */
      refreshHeat() {
        heat.current = null;
        flushSync(bump);
      },
      size: () => buffer.current.length,
    };
    return () => {
      delete (window as unknown as { __iocMapBench?: unknown }).__iocMapBench;
    };
  }, []);

  const cameraBuffer = useRef<CameraBuffer>(null as unknown as CameraBuffer);
  if (!cameraBuffer.current) cameraBuffer.current = new CameraBuffer();
  // Only when the camera list changed: an alert burst re-renders without walking 5,000 cameras.
  const cameraPoints = useMemo(
    () => (benchCameras ? cameraBuffer.current.sync(benchCameras.list, benchState) : cameraBuffer.current.sync(cameras, viewState)),
    [cameras, benchCameras],
  );
  void tick;
  return { points: buffer.current.binary(), heat: heat.current!.data, pulses: pulses.length ? pulses : NO_PULSES, cameras: cameraPoints };
}

const viewState = (c: CameraView) => c.status?.state ?? null;
const benchState = (c: CameraPoint) => c.state;
