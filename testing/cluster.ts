/**
 * A scaled-out center on this machine, for the tests that stop its parts: a private redis-server (so it can
 * be flushed, stopped and restarted), `bin/ioc.ts` processes in their roles, and nginx in front of the
 * realtime nodes with deploy/nginx/ioc.conf — the file an operator deploys, only its ports replaced.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eventually } from './eventually.ts';

/** Starting a process (TypeScript compiled on the fly, a loaded 2-core machine) takes seconds. */
export const PROCESS_START_MS = 90_000;

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (its data is gone: nothing is saved to disk). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** redis-server on a free port, keeping nothing on disk (like the Debian default the issue describes). */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await eventually(() => portOpen(port), `redis-server on port ${port}`, 10_000);
    },
    async stop() {
      if (child) await stopChild(child, 'SIGKILL');
      child = undefined;
    },
  };
  await server.start();
  return server;
}

export interface IocProcess {
  name: string;
  child: ChildProcess;
  /** Whether a JSON log line's message starts with this. */
  said(message: string): boolean;
  /** Stops it with a signal and waits for the exit (SIGSTOP/SIGCONT are sent without waiting). */
  signal(sig: NodeJS.Signals): Promise<void>;
}

/** `bin/ioc.ts` with these settings on top of the test's environment. */
export function startIoc(name: string, env: Record<string, string>): IocProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/ioc.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const messages: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      messages.push(String((JSON.parse(line) as { msg?: unknown }).msg));
    } catch {
      // the banner and blank lines
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.on('exit', (code, sig) => {
    if (code && code !== 0) process.stderr.write(`[${name}] exited ${code} ${sig ?? ''}\n${stderr}\n`);
  });
  return {
    name,
    child,
    said: (m) => messages.some((x) => x.startsWith(m)),
    async signal(sig) {
      if (sig === 'SIGSTOP' || sig === 'SIGCONT') {
        child.kill(sig);
        return;
      }
      await stopChild(child, sig);
    },
  };
}

export interface Nginx {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** nginx with deploy/nginx/ioc.conf, listening on a free port, in front of these realtime ports. */
export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-nginx-'));
  mkdirSync(join(dir, 'logs'));
  const site = readFileSync('deploy/nginx/ioc.conf', 'utf8')
    .replace(/^\s*server 127\.0\.0\.1:\d+[^\n]*\n/gm, '')
    .replace(
      /(upstream ioc_realtime \{[^}]*?)(\n\s*keepalive)/,
      (_m, head: string, tail: string) =>
        `${head}\n${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}${tail}`,
    )
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  if (!site.includes(`127.0.0.1:${upstreamPorts[0]}`)) throw new Error('deploy/nginx/ioc.conf: no upstream block to fill in');
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const child = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
      return portOpen(port);
    },
    `nginx on port ${port}`,
    10_000,
  );
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child, 'SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
