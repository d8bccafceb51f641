/**
 * `npm run kiosk`: opens every display of a wall in its own Chromium window (Debian's Chromium through
 * playwright-core) and keeps them alive. Options (or environment):
 *   --wall <id>        KIOSK_WALL         the wall in config/walls (default: the only/first one)
 *   --server <url>     KIOSK_SERVER       the operations center (default http://127.0.0.1:8080)
 *   --only <id,id>     KIOSK_ONLY         some displays only (one computer per display)
 *   --headless         KIOSK_HEADLESS=1   no windows (tests, soak)
 *   --plan                                print the wall and the windows, then exit
 *   KIOSK_PROFILE_DIR (default ./data/kiosk), CHROMIUM_PATH (default /usr/bin/chromium),
 *   KIOSK_TOKEN_<DISPLAY> a display's device token (default: devices.yaml)
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../contract/load-config.ts';
import { asciiWall, displayRects, displaySize, minTypePx } from '../contract/wall.ts';
import { startKiosk } from './kiosk.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      wall: { type: 'string' },
      server: { type: 'string' },
      only: { type: 'string' },
      headless: { type: 'boolean' },
      plan: { type: 'boolean' },
    },
  });
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  let config;
  try {
    config = loadConfig(process.env.CONFIG_DIR ?? './config');
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const wallId = values.wall ?? process.env.KIOSK_WALL;
  const wall = wallId ? config.walls.find((w) => w.id === wallId) : config.walls[0];
  if (!wall) {
    console.error(
      wallId
        ? `no wall "${wallId}" in config/walls (have: ${config.walls.map((w) => w.id).join(', ') || 'none'})`
        : 'no wall in config/walls',
    );
    process.exit(1);
  }
  const server = values.server ?? process.env.KIOSK_SERVER ?? 'http://127.0.0.1:8080';
  const only = (values.only ?? process.env.KIOSK_ONLY ?? '').split(',').filter(Boolean);
  const size = displaySize(wall);
  console.log(
    [
      '',
      `  ${wall.name} (${wall.id}) → ${server}`,
      `  Chữ nhỏ nhất đọc được: ${minTypePx(wall.viewing, size)} px (${wall.viewing.distanceM} m, màn ${wall.viewing.panelDiagonalIn}″)`,
      '',
      asciiWall(wall, Math.max(size.width, size.height) / 16)
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
      '',
      ...displayRects(wall).map((r, i) => `  ${i + 1}. ${r.id}: cửa sổ ${r.width}×${r.height} tại (${r.x}, ${r.y})`),
      '',
    ].join('\n'),
  );
  if (values.plan) return;
  const kiosk = await startKiosk({
    config,
    wall,
    server,
    headless: values.headless ?? process.env.KIOSK_HEADLESS === '1',
    profileRoot: process.env.KIOSK_PROFILE_DIR ?? './data/kiosk',
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    log,
    ...(only.length ? { only } : {}),
  });
  const stop = async () => {
    await kiosk.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
