/**
 * What the device clients' tests share (hikvision/alert-stream.test.ts, onvif/pull-point.test.ts): the
 * real alert engine on in-process stores with the test's cameras, loopback HTTP servers on port 0, and a
 * record of unhandled rejections (a crash in a loop nobody awaits must fail the test).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { CameraStatus } from '../../contract/alerts.ts';
import type { CameraConfig, Config, FeedsConfig } from '../../contract/config.ts';
import { loadConfig } from '../../contract/load-config.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import { createMemoryAlertStore } from '../../store/memory-alert-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { Store } from '../../store/store.ts';
import { EMPTY_FEEDS, createAlertEngine, type AlertEngine } from '../alerts/engine.ts';

export { SHARED_SAMPLES as SHARED_FEEDS } from './samples.ts';
export const log = pino({ level: 'silent' });
const base = loadConfig('config');

/** Unhandled rejections since the process started; each test asserts it is still empty at its end. */
export const unhandled: unknown[] = [];
process.on('unhandledRejection', (err) => unhandled.push(err));

export function setupEngine(
  cameras: CameraConfig[],
  feeds: Partial<FeedsConfig>,
): { engine: AlertEngine; alertStore: AlertStore; store: Store } {
  const store = createMemoryStore();
  const alertStore = createMemoryAlertStore();
  const config: Config = { ...base, cameras, sources: { ...base.sources, feeds: { ...EMPTY_FEEDS, ...feeds } } };
  return { engine: createAlertEngine({ alertStore, store, config, log }), alertStore, store };
}

export async function statusOf(alertStore: AlertStore, cameraId: string): Promise<CameraStatus | undefined> {
  return (await alertStore.getCameraStatuses()).find((s) => s.cameraId === cameraId);
}

/** Starts `server` on 127.0.0.1, port 0; returns its base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}
