/**
 * What a feed parser produces before the engine resolves cameras, clocks and lifecycles: a draft of one
 * alert, a patch enriching an existing one, a camera health sample, or nothing (ignored, with a reason).
 */
import type { AlertKind, Severity, SourceType } from '../../contract/alerts.ts';

export interface AlertDraft {
  type: 'draft';
  source: { type: SourceType; instance: string };
  sourceEventId: string | null;
  /**
   * Deterministic key of this event at its source. For level-triggered sources (levelKey set) the engine
   * keeps one open alert per levelKey and only uses dedupeKey when it opens a new one.
   */
  dedupeKey: string;
  /** Level-triggered / pulse sources: one open alert per (device, channel, type, rule); closed by idle timeout. */
  levelKey: string | null;
  /** Camera names at the source, most specific first (e.g. serial/channel, then MAC/channel). */
  cameraRefs: string[];
  kind: AlertKind;
  label: string;
  subLabel: string | null;
  plate: { text: string; normalized: string; confidence: number | null; color?: string } | null;
  severity: Severity;
  score: number | null;
  state: 'active' | 'ended';
  /** Device clock, epoch ms (null: unknown, the engine uses the time received). */
  startedAtMs: number | null;
  endedAtMs: number | null;
  /** Time of this message by the device clock (for the skew estimate). */
  deviceTimeMs: number | null;
  deviceTimeRaw: string | number | null;
  zone: string | null;
  bbox: { x: number; y: number; w: number; h: number } | null;
  /** Where the server can fetch the snapshot (never sent to browsers). */
  snapshot: { kind: 'frigate-event'; eventId: string } | { kind: 'inline'; jpeg: Buffer } | { kind: 'url'; url: string } | null;
  /** The source never sends an end: the engine closes the alert after the idle timeout. */
  closesByIdle: boolean;
  /** Position from the payload (used only when the camera registry has none). */
  location: { lat: number; lon: number } | null;
  /** Repairs applied to this input (each counted). */
  repairs: string[];
}

/** Enriches an alert that exists (Frigate tracked_object_update, review severity). Never creates one. */
export interface AlertPatch {
  type: 'patch';
  source: { type: SourceType; instance: string };
  dedupeKey: string;
  subLabel?: string | null;
  plate?: AlertDraft['plate'];
  /** Raise severity by this many levels at most once (Frigate review `alert`). */
  severityBoost?: number;
}

/** A health observation of one camera. */
export interface HealthSample {
  type: 'health';
  source: { type: SourceType; instance: string };
  cameraRefs: string[];
  /** ok: alive and well; degraded: alive, poor; down: not delivering; disabled: switched off on purpose. */
  observation: 'ok' | 'degraded' | 'down' | 'disabled';
  fps: number | null;
  reason: string | null;
}

export interface Ignored {
  type: 'ignored';
  reason: string;
}

export type FeedItem = AlertDraft | AlertPatch | HealthSample | Ignored;

/** Per-source knowledge a parser may use (pure: no I/O). */
export interface ParseContext {
  instance: string;
  /** Our clock at receipt, epoch ms. */
  nowMs: number;
  /** Frigate detect resolution of a camera (to make MQTT pixel boxes relative). */
  detectOf?(cameraRef: string): { width: number; height: number } | undefined;
  /** Zones of a camera where a stationary vehicle is illegal parking. */
  noParkingZonesOf?(cameraRef: string): readonly string[];
  /** Minutes east of UTC assumed for device times without an offset (Vietnam: 420). */
  deviceOffsetMin?: number;
}
