/** Starts one KioskScreen per display of a wall (or the displays asked for). Used by main.ts and the e2e tests. */
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config, WallConfig } from '../contract/config.ts';
import { displayRects } from '../contract/wall.ts';
import { KioskScreen } from './launch-screen.ts';
import { DEFAULT_SETTINGS, type WatchdogSettings } from './watchdog.ts';

export interface KioskOptions {
  config: Config;
  wall: WallConfig;
  server: string;
  headless: boolean;
  profileRoot: string;
  executablePath: string;
  log: Logger;
  only?: string[];
  /** Overrides of the wall's kiosk settings (tests use short times). */
  settings?: Partial<WatchdogSettings>;
  screenshotS?: number;
  extraArgs?: string[];
  /** Token per display; default: the device bound to it in devices.yaml. */
  tokens?: Record<string, string>;
}

export interface Kiosk {
  screens: KioskScreen[];
  stop(): Promise<void>;
}

export function tokenFor(config: Config, display: string): string | undefined {
  const env = process.env[`KIOSK_TOKEN_${display.replace(/[^a-z0-9]/gi, '_').toUpperCase()}`];
  return env || config.devices.devices.find((d) => d.screen === display)?.token;
}

export async function startKiosk(o: KioskOptions): Promise<Kiosk> {
  const k = o.wall.kiosk;
  const settings: WatchdogSettings = {
    ...DEFAULT_SETTINGS,
    stallMs: k.stallS * 1000,
    memoryLimitBytes: k.memoryLimitMb * 2 ** 20,
    ...o.settings,
  };
  const screens: KioskScreen[] = [];
  for (const rect of displayRects(o.wall)) {
    if (o.only?.length && !o.only.includes(rect.id)) continue;
    const d = o.wall.displays.find((x) => x.id === rect.id)!;
    const token = o.tokens?.[rect.id] ?? tokenFor(o.config, rect.id);
    if (!token)
      throw new Error(`no device token for display "${rect.id}": bind a device to it in devices.yaml (screen: ${rect.id})`);
    screens.push(
      new KioskScreen({
        display: { ...rect, name: d.name },
        server: o.server.replace(/\/+$/, ''),
        token,
        profileDir: resolve(join(o.profileRoot, rect.id)),
        headless: o.headless,
        executablePath: o.executablePath,
        settings,
        screenshotS: o.screenshotS ?? k.screenshotS,
        log: o.log,
        ...(o.extraArgs ? { extraArgs: o.extraArgs } : {}),
      }),
    );
  }
  // One after the other: two Chromiums starting at once on a small box only slow each other down.
  for (const s of screens) await s.start();
  return {
    screens,
    async stop() {
      await Promise.all(screens.map((s) => s.stop()));
    },
  };
}
