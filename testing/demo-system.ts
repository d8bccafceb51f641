/**
 * The whole demo system for a browser test: embedded databases in a temporary folder, the built dashboard,
 * no agency simulator unless asked, and a headless Chromium — started the way `npm start` starts it, and
 * removed afterwards. The e2e suites share it instead of each writing the same set-up.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { parseEnv } from '../bin/env.ts';
import { startSystem, type System } from '../bin/system.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';

export interface DemoSystem {
  system: System;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export interface DemoServer {
  system: System;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

type DemoOptions = { token: string; password: string; simulate?: boolean; env?: Record<string, string> };

/** The demo system alone (a bench runs it in a process of its own, its browser elsewhere). */
export async function startDemoServer(label: string, opts: DemoOptions): Promise<DemoServer> {
  assert.ok(existsSync('dist/dashboard/index.html'), 'the dashboard is built (npm run build)');
  const dataDir = mkdtempSync(join(tmpdir(), `ioc-${label}-e2e-`));
  try {
    const system = await startSystem(
      parseEnv({
        IOC_DEMO: '1',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        IOC_DEMO_TOKEN: opts.token,
        IOC_DEMO_PASSWORD: opts.password,
        ...opts.env,
      }),
      { log: pino({ level: 'silent' }), staticDir: 'dist/dashboard', simulate: opts.simulate ?? false },
    );
    const close = async () => {
      await system.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
    return { system, base: `http://127.0.0.1:${system.port}`, close };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export async function startDemoSystem(label: string, opts: DemoOptions): Promise<DemoSystem> {
  const server = await startDemoServer(label, opts);
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const close = async () => {
      await browser.close();
      await server.close();
    };
    return { system: server.system, base: server.base, browser, close };
  } catch (err) {
    await server.close();
    throw err;
  }
}
