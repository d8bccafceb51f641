/**
 * Camera and AI alerts: the normalised event of shared/docs/feeds.md section 6, as every process and the
 * dashboard see it. Sources (Frigate, Hikvision, ONVIF, webhooks) are mapped onto it by ingest/sources.
 * Plain types only (no zod) so the wall bundle can import them; validation lives at the ingest edge.
 */

export const ALERT_KINDS = [
  'traffic_violation',
  'illegal_parking',
  'congestion',
  'crowd',
  'fire_smoke',
  'flooding',
  'license_plate',
  'intrusion',
  'line_crossing',
  'loitering',
  'motion',
  'object',
  'tamper',
  'camera_offline',
  'other',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Fixed across the product: the wall, the tablet and the map use the same order and colours. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SOURCE_TYPES = ['frigate', 'hikvision', 'dahua', 'onvif', 'webhook', 'manual'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface Alert {
  /** Stable across re-ingest: derived from source type, instance and dedupe key. */
  id: string;
  source: { type: SourceType; instance: string };
  sourceEventId: string | null;
  dedupeKey: string;
  /** Our camera registry id (config/cameras.yaml). */
  cameraId: string;
  /** Commune code of the camera, for the map and rankings. */
  area: string | null;
  kind: AlertKind;
  /** Source label, lower-case ASCII (e.g. 'person', 'car'). */
  label: string;
  subLabel: string | null;
  plate: { text: string; normalized: string; confidence: number | null; color?: string } | null;
  severity: Severity;
  /** 0..1 */
  score: number | null;
  state: 'active' | 'ended';
  /** ISO-8601 UTC, device time corrected by the known skew. */
  startedAt: string;
  endedAt: string | null;
  lastSeenAt: string;
  /** Our clock: the only trusted ordering. */
  receivedAt: string;
  /** The device clock disagrees with ours by more than the tolerance. */
  clockSuspect: boolean;
  /** Our estimate of (our clock − the device clock) in ms when the source reports device time. */
  skewMs?: number | null;
  location: { lat: number; lon: number } | null;
  zone: string | null;
  /** Relative 0..1 to the frame. */
  bbox: { x: number; y: number; w: number; h: number } | null;
  /** Our own origin's URL for the snapshot (never a device URL). */
  snapshotUrl: string | null;
  /**
   * Grows by one per accepted update of this alert (silent ones included, so the published versions may
   * skip). The store never lets a copy with a lower or equal version overwrite a higher one.
   */
  version: number;
}

export const CAMERA_STATES = ['online', 'degraded', 'offline', 'disabled', 'unknown'] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

export interface CameraStatus {
  cameraId: string;
  state: CameraState;
  /** ISO time the camera entered this state. */
  since: string;
  fps: number | null;
  reason: string | null;
  source: SourceType | null;
}

/** The group name clients subscribe to for alerts (`group:subscribe { groups: ['alerts'] }`). */
export const ALERTS_GROUP = 'alerts';

/** A camera as browsers see it (GET /api/cameras): never its credentials or device address. */
export interface CameraInfo {
  id: string;
  name: string;
  /** Commune code. */
  area: string;
  lat: number;
  lon: number;
  source: SourceType;
}
