/**
 * Serialise a big payload once, whoever receives it. Socket.IO encodes every acknowledgement for its own
 * socket: in a reconnect storm the same 160 KB group snapshot was walked for binaries and JSON-stringified
 * once per socket, blocking the event loop for seconds. A payload handed to `sharedJson` has its JSON
 * computed once and kept beside it (a WeakMap, so it lives as long as the object); the encoder below writes
 * that text wherever the object appears in a packet. The wire format is Socket.IO's own, so clients are
 * unchanged. Shared objects must not be mutated afterwards (they are frozen).
 */
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

const texts = new WeakMap<object, string>();

/** Marks a JSON-only object (no Buffers, no functions) as shared: its text is computed now, once. */
export function sharedJson<T extends object>(value: T): T {
  if (!texts.has(value)) texts.set(value, JSON.stringify(value));
  return Object.freeze(value);
}

/** Thrown by encodeJson on binary data, which only Socket.IO's own binary encoding can carry. */
class BinaryInside extends Error {}

/** The JSON of a value, reusing the text of shared objects inside it. */
export function encodeJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new BinaryInside();
  const known = texts.get(value);
  if (known !== undefined) return known;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : encodeJson(v))).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${encodeJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Whether a packet's data holds a shared object near its top (acks and events carry them at depth ≤ 4). */
function holdsShared(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (texts.has(value)) return true;
  if (depth >= 4) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((c) => holdsShared(c, depth + 1));
}

class SharedJsonEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    // Shared payloads are JSON by construction (no Buffers), so the binary walk is skipped for them.
    if ((packet.type === PacketType.EVENT || packet.type === PacketType.ACK) && holdsShared(packet.data, 0)) {
      let head = String(packet.type);
      if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
      if (packet.id !== undefined && packet.id !== null) head += String(packet.id);
      try {
        return [head + encodeJson(packet.data)];
      } catch (err) {
        // Binary data beside a shared payload: Socket.IO's own encoder frames it as attachments.
        if (!(err instanceof BinaryInside)) throw err;
      }
    }
    return super.encode(packet);
  }
}

/** The `parser` option of the Socket.IO server. */
export const sharedJsonParser = { Encoder: SharedJsonEncoder, Decoder };
