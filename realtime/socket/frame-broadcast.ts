/**
 * One event to every local socket of a room, written as one pre-built WebSocket frame. Socket.IO already
 * encodes a broadcast once and builds its frame once (socket.io-adapter `wsPreEncodedFrame`), but then
 * hands it to each socket through engine.io's per-packet machinery: a packet object, a write buffer, five
 * event emissions and a write callback per socket that emits `drain` and `ready` again. At 5,000 clients and
 * 10 deltas a second that bookkeeping was a quarter of the server's CPU beside the write itself (profile of
 * bench/fanout.ts, issue 14). Here a socket whose connection is an open WebSocket with nothing queued in
 * engine.io gets the frame straight from the `ws` sender, the way engine.io itself writes a pre-encoded
 * frame; any other socket (long-polling, upgrading, packets queued, deflate on, outgoing listeners)
 * goes through engine.io as before, so ordering and delivery are engine.io's. The bytes on the wire are
 * exactly Socket.IO's: clients see no difference.
 */
import * as ws from 'ws';
import { PacketType } from 'socket.io-parser';
import type { IoServer } from '../plugin.ts';

type Frame = (Buffer | string)[];
// `Sender` is exported by ws but not typed by @types/ws.
const { frame: buildFrame } = (
  ws as unknown as {
    Sender: { frame(data: Buffer, o: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }): Frame };
  }
).Sender;

/** The engine.io and ws internals this reads, all guarded: a missing member means the ordinary path. */
interface EngineConn {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    perMessageDeflate?: unknown;
    socket?: { readyState: number; _sender?: { sendFrame?: (frame: Frame, cb?: () => void) => void } };
  };
}
interface LocalSocket {
  conn: unknown;
  client: { writeToEngine(packets: string[], opts: object): void };
  _anyOutgoingListeners?: unknown[];
}

export interface FrameBroadcastStats {
  /** Deliveries written straight to the WebSocket. */
  direct: number;
  /** Deliveries handed to engine.io (not a WebSocket, or something queued before them). */
  engine: number;
}

/** Counts since start (tests check that the direct path is really taken with this engine.io). */
export const frameBroadcastStats: FrameBroadcastStats = { direct: 0, engine: 0 };

let directFrames = true;

/** Off: every delivery goes through engine.io (for benchmarks comparing both paths in one build). */
export function setDirectFrames(on: boolean): void {
  directFrames = on;
}

/** `io.local.to(room).emit(event, payload)`, for one room, with one frame written per socket. */
export function emitFrame(io: IoServer, room: string, event: string, payload: unknown): void {
  if (!directFrames) {
    (io.local.to(room).emit as (ev: string, ...args: unknown[]) => boolean)(event, payload);
    return;
  }
  const nsp = io.of('/');
  const ids = nsp.adapter.rooms.get(room);
  if (!ids || ids.size === 0) return;
  const encoded = io.encoder.encode({ type: PacketType.EVENT, data: [event, payload], nsp: '/' }) as unknown[];
  if (encoded.length !== 1 || typeof encoded[0] !== 'string') {
    // Binary attachments: Socket.IO's own broadcast frames them.
    (io.local.to(room).emit as (ev: string, ...args: unknown[]) => boolean)(event, payload);
    return;
  }
  const text = encoded[0];
  // "4": an engine.io message packet; the frame is unmasked text, as a server sends it.
  const frame = buildFrame(Buffer.from(`4${text}`), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
  const packetOpts = { preEncoded: true, wsPreEncodedFrame: frame };
  const sockets = nsp.sockets as unknown as Map<string, LocalSocket>;
  let direct = 0;
  let engine = 0;
  for (const id of ids) {
    const socket = sockets.get(id);
    if (!socket) continue;
    const conn = socket.conn as EngineConn;
    const socketWs = conn.transport.socket;
    const sendFrame = socketWs?._sender?.sendFrame;
    if (
      conn.readyState === 'open' &&
      conn.writeBuffer.length === 0 &&
      conn.transport.name === 'websocket' &&
      !conn.transport.perMessageDeflate &&
      socketWs?.readyState === 1 &&
      typeof sendFrame === 'function' &&
      !socket._anyOutgoingListeners?.length
    ) {
      sendFrame.call(socketWs._sender, frame);
      direct++;
    } else {
      socket.client.writeToEngine([text], packetOpts);
      engine++;
    }
  }
  frameBroadcastStats.direct += direct;
  frameBroadcastStats.engine += engine;
}
