/**
 * Benchmark: would per-message deflate pay on our messages? The demo system (embedded databases, agencies
 * reporting every 300 ms) serves a client subscribed to every group; the bytes it receives — the
 * subscription's acknowledgement (the snapshots) and the deltas of ~15 s — are compressed here the way `ws`
 * does it (raw deflate, zlib level 6 by default, one context per socket: `context` = takeover, each message
 * on the stream of the ones before; `alone` = no takeover). Printed: bytes before/after, CPU µs per message
 * to compress (paid once per socket: a compressed frame cannot be shared), to inflate (the client's), and the
 * memory a socket's deflate context holds once used.
 *
 *   node --expose-gc --import tsx bench/deflate.ts      # LEVEL=1..9 (default 6), DURATION_S=15, SUBSCRIBE=a,b (default: every group)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, createDeflateRaw, deflateRawSync, inflateRawSync, type DeflateRaw } from 'node:zlib';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import type { GroupUpdated } from '../contract/messages.ts';

const LEVEL = Number(process.env.LEVEL ?? 6);
const SECONDS = Number(process.env.DURATION_S ?? 15);

const dataDir = mkdtempSync(join(tmpdir(), 'ioc-deflate-'));
const system = await startSystem(
  parseEnv({
    IOC_DEMO: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    IOC_DEMO_INTERVAL_MS: '300',
  }),
  { log: pino({ level: 'silent' }), simulate: true },
);
const token = system.config.devices.users.find((u) => u.role === 'staff')!.token!;
const groups = process.env.SUBSCRIBE?.split(',') ?? system.config.groups.map((g) => g.id);
const socket = io(`http://127.0.0.1:${system.port}`, { auth: { token }, transports: ['websocket'] });
// The texts as Socket.IO frames them (event name and array around the payload), close enough to the wire.
const deltas: string[] = [];
socket.on('group:updated', (u: GroupUpdated) => deltas.push(`42${JSON.stringify(['group:updated', u])}`));
const ack = await socket.timeout(30_000).emitWithAck('group:subscribe', { groups });
const snapshot = `430${JSON.stringify([ack])}`;
await new Promise((r) => setTimeout(r, SECONDS * 1000));
socket.close();
await system.close();
rmSync(dataDir, { recursive: true, force: true });

function timed<T>(f: () => T, reps: number): { value: T; us: number } {
  let value = f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) value = f();
  return { value, us: Number(process.hrtime.bigint() - t0) / 1000 / reps };
}

/** One socket's context: each message flushed (Z_SYNC_FLUSH, the 4-byte tail dropped, as ws does). */
async function withContext(texts: string[]): Promise<{ bytes: number[]; us: number }> {
  const d: DeflateRaw = createDeflateRaw({ level: LEVEL });
  const bytes: number[] = [];
  const t0 = process.hrtime.bigint();
  for (const t of texts) {
    const out = await new Promise<number>((resolve) => {
      let n = 0;
      const onData = (c: Buffer) => (n += c.length);
      d.on('data', onData);
      d.write(t);
      d.flush(constants.Z_SYNC_FLUSH, () => {
        d.off('data', onData);
        resolve(n - 4);
      });
    });
    bytes.push(out);
  }
  const us = Number(process.hrtime.bigint() - t0) / 1000 / texts.length;
  d.close();
  return { bytes, us };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const row = (label: string, texts: string[], contextBytes: number[], contextUs: number) => {
  const raw = sum(texts.map((t) => Buffer.byteLength(t)));
  const alone = texts.map((t) => timed(() => deflateRawSync(t, { level: LEVEL }), 20));
  const aloneBytes = sum(alone.map((a) => a.value.length));
  const inflate = alone.map((a) => timed(() => inflateRawSync(a.value), 20).us);
  console.log(
    `${label.padEnd(34)} ${String(texts.length).padStart(4)} msgs, ${kb(raw / texts.length).padStart(8)} each · ` +
      `alone ${((100 * aloneBytes) / raw).toFixed(0)} % of the bytes, ${(sum(alone.map((a) => a.us)) / texts.length).toFixed(0)} µs to compress, ` +
      `${(sum(inflate) / texts.length).toFixed(0)} µs to inflate · context ${((100 * sum(contextBytes)) / raw).toFixed(0)} %, ${contextUs.toFixed(0)} µs`,
  );
};

console.log(`deflate level ${LEVEL}, ${SECONDS} s of the demo system with agencies reporting every 300 ms`);
const ctxSnap = await withContext([snapshot]);
row('acknowledgement (every snapshot)', [snapshot], ctxSnap.bytes, ctxSnap.us);
const ctxDeltas = await withContext(deltas);
row('deltas', deltas, ctxDeltas.bytes, ctxDeltas.us);
const small = deltas.filter((t) => Buffer.byteLength(t) < 1024);
console.log(`  of the deltas, ${small.length} under 1 KB (ws's default threshold leaves those alone)`);

// Memory a used context holds, per socket (ws keeps it for the socket's life).
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i++) {
  gc?.();
  await new Promise((r) => setTimeout(r, 100));
}
const before = process.memoryUsage().rss;
const contexts: DeflateRaw[] = [];
for (let i = 0; i < 2000; i++) {
  const d = createDeflateRaw({ level: LEVEL });
  d.write(deltas[i % deltas.length] ?? snapshot);
  await new Promise<void>((r) => d.flush(constants.Z_SYNC_FLUSH, () => r()));
  d.on('data', () => {});
  contexts.push(d);
}
gc?.();
console.log(
  `a used deflate context: ${((process.memoryUsage().rss - before) / 2000 / 1024).toFixed(0)} KiB RSS per socket (2,000 contexts)`,
);
for (const d of contexts) d.close();
process.exit(0);
