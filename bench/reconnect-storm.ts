/**
 * Benchmark: a reconnect storm. N sockets (default 200) connect at once and each subscribes to three
 * indicator groups, as walls and tablets do after a node restart. Measured: the time to each
 * acknowledgement (p50/p99/max), its size, /healthz latency meanwhile, the server's event-loop delay.
 * Server: the demo system (embedded databases, in-process store, the demo agencies reporting meanwhile).
 * Baseline in the same run: a bare Socket.IO server in the same process that answers the same request
 * with an acknowledgement of the same size (built once, serialised by Socket.IO per socket as usual).
 *
 *   npx tsx bench/reconnect-storm.ts            # STORM_CLIENTS=200 STORM_GROUPS=budget,health,tourism
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';

const CLIENTS = Number(process.env.STORM_CLIENTS ?? 200);
const GROUPS = process.env.STORM_GROUPS ?? 'budget,health,tourism';
const RUNS = Number(process.env.STORM_RUNS ?? 3);

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

interface StormResult {
  acks: number[];
  bytes: number;
  health: number[];
  failed: number;
}

function storm(url: string, token: string): Promise<StormResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/storm-clients.ts'], {
      env: { ...process.env, STORM_URL: url, STORM_TOKEN: token, STORM_CLIENTS: String(CLIENTS), STORM_GROUPS: GROUPS },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as StormResult) : reject(new Error(`clients exited ${code}`)),
    );
  });
}

async function measured(label: string, url: string, token: string): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  for (let run = 0; run < RUNS; run++) {
    loop.reset();
    loop.enable();
    const r = await storm(url, token);
    loop.disable();
    const a = percentiles(r.acks);
    const h = percentiles(r.health);
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(
      `${label.padEnd(10)} run ${run + 1}: ack p50 ${a.p50.toFixed(0)} ms, p99 ${a.p99.toFixed(0)}, max ${a.max.toFixed(0)} ` +
        `(${a.n} acks, ${r.failed} failed, ${(r.bytes / 1024).toFixed(0)} KB each) · /healthz p50 ${h.p50.toFixed(0)} ms, ` +
        `max ${h.max.toFixed(0)} · event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} · heap ${heapMb.toFixed(0)} MB`,
    );
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'ioc-storm-'));
const system = await startSystem(
  parseEnv({ IOC_DEMO: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
  { log: pino({ level: 'silent' }), staticDir: 'dist/dashboard', simulate: true },
);
const token = system.config.devices.users.find((u) => u.role === 'staff')!.token!;
const url = `http://127.0.0.1:${system.port}`;

// The baseline: the same acknowledgement, from a server that does nothing else.
const sample = await new Promise<unknown>((resolve) => {
  void import('socket.io-client').then(({ io }) => {
    const s = io(url, { auth: { token }, transports: ['websocket'] });
    s.emit('group:subscribe', { groups: GROUPS.split(',') }, (res: unknown) => {
      s.close();
      resolve(res);
    });
  });
});
const bare = createServer((_req, res) => res.end('ok'));
const bareIo = new Server(bare, { serveClient: false, perMessageDeflate: false });
bareIo.on('connection', (socket) => socket.on('group:subscribe', (_req: unknown, ack: (r: unknown) => void) => ack(sample)));
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;

console.log(
  `reconnect storm: ${CLIENTS} sockets × group:subscribe ${GROUPS}; ${RUNS} runs each, demo agencies reporting meanwhile`,
);
await measured('bare', bareUrl, token);
await measured('ioc', url, token);

await bareIo.close();
await system.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
