/**
 * Benchmark: staff publishing a page. PUT /api/config/pages/:id → 200 (render into the YAML document,
 * validate the whole folder with the loader, record the version in PostgreSQL, atomic write), and PUT →
 * `screen:layout-changed` at a screen's socket; a hand edit (file written) → the same event (watch +
 * debounce + rescan). Baselines in the same run: GET of the same page, and loadConfig of the folder alone
 * (the floor of a validation that reuses the loader).
 *
 *   npx tsx bench/workspace-publish.ts          # 30 publishes
 *   PUBLISHES=100 npx tsx bench/workspace-publish.ts
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { io as connect } from 'socket.io-client';
import { loadConfig } from '../contract/load-config.ts';
import type { ScreenConfig } from '../contract/config.ts';
import type { ConfigItem } from '../contract/workspace.ts';
import { openCenterDb } from '../center/db.ts';
import { createIdentityServices } from '../realtime/identity/services.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createMemoryScreenRegistry } from '../store/screen-registry.ts';
import { createRealtimeServer } from '../realtime/app.ts';
import { createScreensPlugin } from '../realtime/screens/plugin.ts';
import { createWorkspacePlugin } from '../realtime/workspace/plugin.ts';
import { createTestDatabase } from '../testing/databases.ts';

const N = Number(process.env.PUBLISHES ?? 30);
const DEBOUNCE_MS = 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const row = (name: string, xs: number[]) =>
  console.log(
    `${name.padEnd(44)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms   p95 ${pct(xs, 95).toFixed(1).padStart(7)} ms   max ${Math.max(
      ...xs,
    )
      .toFixed(1)
      .padStart(7)} ms   n=${xs.length}`,
  );

const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-ws-'));
cpSync('config', dir, { recursive: true });
const config = loadConfig(dir);
const database = await createTestDatabase('bench_ws');
const db = await openCenterDb({ databaseUrl: database.url });
await createIdentityServices(db, config).devices.importConfigDevices(config.devices.devices);
const store = createMemoryStore();
const started = performance.now();
const server = await createRealtimeServer({
  store,
  config,
  log: pino({ level: 'silent' }),
  registry: new Registry(),
  identity: createIdentityServices(db, config),
  plugins: [
    createScreensPlugin({ registry: createMemoryScreenRegistry() }),
    createWorkspacePlugin({ configDir: dir, db, debounceMs: DEBOUNCE_MS }),
  ],
});
const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
console.log(
  `server with workspace ready (first versions of ${3 + 1 + 154} items recorded): ${(performance.now() - started).toFixed(0)} ms`,
);
const staff = config.devices.users.find((u) => u.role === 'staff')!.token;
const device = config.devices.devices.find((d) => d.screen === 'tong-quan')!.token;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${staff}` };

const socket = connect(url, { auth: { token: device }, transports: ['websocket'], reconnection: false });
await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
await new Promise((resolve) =>
  socket.emit(
    'screen:heartbeat',
    {
      screen: 'tong-quan',
      page: 'tong-quan',
      index: 0,
      count: 1,
      paused: false,
      version: 'b',
      heapBytes: 1,
      uptimeS: 1,
      takeover: null,
    },
    resolve,
  ),
);
let waiter: (() => void) | null = null;
socket.on('screen:layout-changed', () => waiter?.());
const nextChange = () => new Promise<void>((resolve) => (waiter = resolve));

const load: number[] = [];
for (let i = 0; i < N; i++) {
  const t = performance.now();
  loadConfig(dir);
  load.push(performance.now() - t);
}
const get: number[] = [];
const put: number[] = [];
const toScreen: number[] = [];
for (let i = 0; i < N; i++) {
  let t = performance.now();
  const cur = (await (await fetch(`${url}/api/config/pages/tong-quan`, { headers })).json()) as ConfigItem<ScreenConfig>;
  get.push(performance.now() - t);
  const changed = nextChange();
  t = performance.now();
  const res = await fetch(`${url}/api/config/pages/tong-quan`, {
    method: 'PUT',
    headers: { ...headers, 'if-match': `"${cur.version}"` },
    body: JSON.stringify({ item: { ...cur.item, title: `Tổng quan ${i}` } }),
  });
  put.push(performance.now() - t);
  if (res.status !== 200) throw new Error(`PUT ${res.status} ${await res.text()}`);
  await changed;
  toScreen.push(performance.now() - t);
}
const hand: number[] = [];
const file = join(dir, 'screens', 'tong-quan.yaml');
for (let i = 0; i < Math.min(N, 10); i++) {
  const changed = nextChange();
  const t = performance.now();
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: Sửa tay ${i}`));
  await changed;
  hand.push(performance.now() - t);
}
console.log(
  `\nmachine: ${(await import('node:os')).cpus().length} cores; PostgreSQL center db; ${config.groups.length} groups, ${config.screens.length} pages`,
);
row('baseline: loadConfig of the folder', load);
row('baseline: GET /api/config/pages/:id', get);
row('PUT /api/config/pages/:id → 200', put);
row('PUT → screen:layout-changed at the screen', toScreen);
row(`hand edit → screen:layout-changed (debounce ${DEBOUNCE_MS} ms)`, hand);
socket.close();
await server.close();
await store.close();
await db.close();
await database.drop();
rmSync(dir, { recursive: true, force: true });
