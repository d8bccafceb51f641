/**
 * What the configuration says about feeds and cameras, as the engine asks it: which of our cameras a feed
 * means by the names it uses (cameras.yaml: feed id + the camera's name at the source), what type each
 * feed is, and how long an alert of a feed stays open without news (its idle timeout).
 */
import type { SourceType } from '../../contract/alerts.ts';
import type { CameraConfig, FeedsConfig } from '../../contract/config.ts';

/** Frigate events end on their own; this only closes ones whose end we never heard (stale). */
const FRIGATE_STALE_AFTER_MS = 1_800_000;
/** Partners' webhooks often never send `ended`. */
const WEBHOOK_IDLE_TIMEOUT_MS = 15 * 60_000;

export interface CameraRegistry {
  readonly cameras: CameraConfig[];
  /** Our camera for the first of `refs` (most specific first) that feed `feedId` registered; case-insensitive. */
  resolve(feedId: string, refs: string[]): CameraConfig | undefined;
  feedType(feedId: string): SourceType | undefined;
  /** How long an active alert of this feed stays open without a new copy. */
  idleTimeoutMs(feedId: string, type: SourceType): number;
}

export function createCameraRegistry(cameras: CameraConfig[], feeds: FeedsConfig): CameraRegistry {
  const byRef = new Map<string, CameraConfig>();
  for (const c of cameras) byRef.set(`${c.feed}|${c.ref.toLowerCase()}`, c);
  const byId = new Map(cameras.map((c) => [c.id, c] as const));
  const types = new Map<string, SourceType>();
  for (const f of feeds.frigate) types.set(f.id, 'frigate');
  for (const f of feeds.hikvision) types.set(f.id, 'hikvision');
  for (const f of feeds.onvif) types.set(f.id, 'onvif');
  for (const f of feeds.webhook) types.set(f.id, 'webhook');
  const idleOf = new Map<string, number>();
  for (const f of [...feeds.hikvision, ...feeds.onvif, ...feeds.webhook]) if (f.idleTimeoutMs) idleOf.set(f.id, f.idleTimeoutMs);
  const staleOf = new Map(feeds.frigate.map((f) => [f.id, f.staleAfterMs] as const));

  return {
    cameras,
    resolve(feedId, refs) {
      for (const r of refs) {
        const c = byRef.get(`${feedId}|${r.toLowerCase()}`);
        if (c) return c;
      }
      // Partners posting to a generic webhook name our cameras by our registry id.
      if (types.get(feedId) === 'webhook') for (const r of refs) if (byId.has(r)) return byId.get(r);
      return undefined;
    },
    feedType: (feedId) => types.get(feedId),
    idleTimeoutMs(feedId, type) {
      if (type === 'frigate') return staleOf.get(feedId) ?? FRIGATE_STALE_AFTER_MS;
      if (type === 'webhook') return idleOf.get(feedId) ?? WEBHOOK_IDLE_TIMEOUT_MS;
      return idleOf.get(feedId) ?? feeds.idleTimeoutMs;
    },
  };
}
