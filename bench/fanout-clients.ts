/**
 * The client side of bench/fanout.ts, in its own process: FANOUT_SOCKETS connections to FANOUT_URL, either
 * Socket.IO subscribed to FANOUT_GROUP (MODE=ioc: socket.io-client; MODE=ioc-wire: the Socket.IO protocol
 * spoken over a bare `ws` socket, see openIocWire) or raw WebSocket (MODE=ws; MODE=ws-json: the messages are
 * GroupUpdated JSON, parsed). Each message carrying a
 * sequence number (the `value` of FANOUT_INDICATOR, or `seq` of a raw message) is stamped with the wall
 * clock (performance.timeOrigin + now(), comparable across processes). Prints "ready" once every
 * connection is subscribed, then on stdin "report" one JSON line: { got: { seq: [receive ms, …] }, cpuMs } (cpuMs: this
 * process's CPU since "ready").
 */
import { createInterface } from 'node:readline';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { GroupUpdated } from '../contract/messages.ts';

const mode = process.env.MODE ?? 'ioc';
const url = process.env.FANOUT_URL!;
const count = Number(process.env.FANOUT_SOCKETS ?? 250);
const token = process.env.FANOUT_TOKEN ?? '';
const group = process.env.FANOUT_GROUP ?? 'public_admin';
const indicator = process.env.FANOUT_INDICATOR ?? 'public_admin.dossiers_received';

const clock = () => performance.timeOrigin + performance.now();
const received = new Map<number, number[]>();
const stamp = (seq: number, at: number) => {
  let list = received.get(seq);
  if (!list) received.set(seq, (list = []));
  list.push(at);
};

async function openIoc(): Promise<void> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('group:updated', (u: GroupUpdated) => {
    const at = clock();
    const hit = u.changes.find((c) => c.indicator === indicator);
    if (hit?.value) stamp(Math.round((hit.value % 1) * 1e4), at);
  });
  await socket.timeout(60_000).emitWithAck('group:subscribe', { groups: [group] });
}

/**
 * A Socket.IO client in a dozen lines of its protocol (Engine.IO 4 over WebSocket, Socket.IO 5): the same
 * handshake (auth token in the CONNECT packet), the same subscribe with its acknowledgement, the same
 * frames from the server, each event's JSON parsed, pings answered. What it leaves out is socket.io-client's
 * per-message machinery (two decoders, emitters, buffers), which costs a third more client CPU than the
 * parse itself: a browser pays that on its own CPU for its one socket, but 5,000 of them in this bench pay it
 * on the two cores the server runs on. With these clients both paths' clients do the same work, so the
 * comparison with the bare `ws` baseline is of the servers.
 */
async function openIocWire(): Promise<void> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  await new Promise<void>((resolve, reject) => {
    let acked = false;
    ws.once('error', reject);
    ws.on('message', (data) => {
      const text = String(data);
      const at = clock();
      if (text === '2') return ws.send('3'); // ping → pong
      if (text.startsWith('0')) return ws.send(`40${JSON.stringify({ token })}`); // open → CONNECT with auth
      if (text.startsWith('40')) return ws.send(`421${JSON.stringify(['group:subscribe', { groups: [group] }])}`);
      if (text.startsWith('44')) return reject(new Error(`connect_error ${text.slice(2)}`));
      if (text.startsWith('431')) {
        acked = true;
        return resolve();
      }
      if (!text.startsWith('42')) return;
      const [event, u] = JSON.parse(text.slice(2)) as [string, GroupUpdated];
      if (event !== 'group:updated' || !acked) return;
      const hit = u.changes.find((c) => c.indicator === indicator);
      if (hit?.value) stamp(Math.round((hit.value % 1) * 1e4), at);
    });
  });
}

async function openWs(): Promise<void> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('message', (data) => {
    const at = clock();
    if (mode === 'ws-json') {
      const u = JSON.parse(String(data)) as GroupUpdated;
      const hit = u.changes.find((c) => c.indicator === indicator);
      if (hit?.value) stamp(Math.round((hit.value % 1) * 1e4), at);
      return;
    }
    const msg = JSON.parse(String(data)) as { seq: number };
    stamp(msg.seq, at);
  });
}

// Connect in waves: thousands of simultaneous handshakes would measure the handshake, not the fan-out.
for (let i = 0; i < count; i += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, count - i) }, () =>
      mode === 'ioc' ? openIoc() : mode === 'ioc-wire' ? openIocWire() : openWs(),
    ),
  );
}
const cpuAtReady = process.cpuUsage();
process.stdout.write('ready\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'report') return;
  // Exit only once the line is out: stdout to a pipe is asynchronous, and exiting at once cuts it short.
  const cpu = process.cpuUsage(cpuAtReady);
  const report = { got: Object.fromEntries(received), cpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
});
