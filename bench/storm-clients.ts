/**
 * The client side of bench/reconnect-storm.ts, in its own process so the clients' JSON parsing does not
 * share the server's event loop: N sockets connect at once, each subscribes to the groups, and the time
 * from `group:subscribe` to its acknowledgement is measured; meanwhile /healthz is timed every 50 ms.
 * Prints one JSON line: { acks: number[] (ms), bytes: number, health: number[] (ms), failed: number }.
 */
import { io } from 'socket.io-client';

const url = process.env.STORM_URL!;
const token = process.env.STORM_TOKEN!;
const clients = Number(process.env.STORM_CLIENTS ?? 200);
const groups = (process.env.STORM_GROUPS ?? 'budget,health,tourism').split(',');

const acks: number[] = [];
const health: number[] = [];
let bytes = 0;
let failed = 0;
let done = false;

async function probeHealth(): Promise<void> {
  while (!done) {
    const t = performance.now();
    await fetch(`${url}/healthz`).catch(() => {});
    health.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function one(): Promise<void> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', () => {
      failed++;
      resolve();
    });
  });
  if (!socket.connected) return;
  const t = performance.now();
  const res = await socket
    .timeout(30_000)
    .emitWithAck('group:subscribe', { groups })
    .catch(() => null);
  acks.push(performance.now() - t);
  if (!res || !(res as { ok?: boolean }).ok) failed++;
  else bytes = Math.max(bytes, JSON.stringify(res).length);
  socket.close();
}

const healthLoop = probeHealth();
await Promise.all(Array.from({ length: clients }, () => one()));
done = true;
await healthLoop;
process.stdout.write(`${JSON.stringify({ acks, bytes, health, failed })}\n`);
