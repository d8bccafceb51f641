/**
 * React's view of the page's alert feed (alert-feed.ts): `useAlerts()` and `useCameras()`, which other
 * panels rely on, and `useAlertsChangedAt()`, the time the alerts on screen arrived (for "new" and
 * countdowns, so no component reads the clock while rendering).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Alert } from '../../../contract/alerts.ts';
import { ALERTS_GROUP } from '../../../contract/alerts.ts';
import type { AlertFeed, CameraView } from './alert-feed.ts';
import { useLive } from './react.ts';

function useAlertsGroup(): AlertFeed {
  const client = useLive();
  useEffect(() => client.want([ALERTS_GROUP]), [client]);
  return client.alerts;
}

/** Active alerts first, then recent ended ones, newest first, bounded. */
export function useAlerts(): Alert[] {
  const feed = useAlertsGroup();
  return useSyncExternalStore(
    (cb) => feed.subscribe(cb),
    () => feed.getAlerts(),
  );
}

/** Every camera of the registry with its live status (null until the server reported one). */
export function useCameras(): CameraView[] {
  const feed = useAlertsGroup();
  useEffect(() => feed.ensureCameras(), [feed]);
  return useSyncExternalStore(
    (cb) => feed.subscribe(cb),
    () => feed.getCameras(),
  );
}

/** When the feed last changed (ms, this page's clock; 0 before the first change). Read with useAlerts(). */
export function useAlertsChangedAt(): number {
  const { alerts: feed } = useLive();
  return useSyncExternalStore(
    (cb) => feed.subscribe(cb),
    () => feed.getChangedAtMs(),
  );
}
