import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decoder, PacketType } from 'socket.io-parser';
import { encodeJson, sharedJson, sharedJsonParser } from './json-once.ts';

test('encodeJson writes what JSON.stringify writes', () => {
  const cases: unknown[] = [
    null,
    1.5,
    'chữ "có" dấu\n',
    [1, undefined, () => 1, { a: undefined, b: null }],
    { nested: { deep: [{ x: 1 }, [2, [3]]] }, when: new Date(Date.UTC(2026, 11, 2)) },
    { skip: undefined, fn: () => 1, sym: Symbol('s'), keep: false },
    [],
    {},
  ];
  for (const c of cases) assert.equal(encodeJson(c), JSON.stringify(c), JSON.stringify(c));
});

test('a shared object is serialised once: its text is reused wherever it appears', () => {
  const snap = sharedJson({ group: 'budget', version: 3, values: [{ v: 1 }] });
  // Frozen: the text kept beside it can never go stale.
  assert.throws(() => {
    (snap as { version: number }).version = 4;
  });
  const ack = [{ ok: true, data: { snapshots: [snap, snap] } }];
  assert.equal(encodeJson(ack), JSON.stringify(ack));
});

test('the encoder writes Socket.IO packets the stock decoder reads back', async () => {
  const encoder = new sharedJsonParser.Encoder();
  const snap = sharedJson({ group: 'health', version: 7, at: '2026-12-02T01:00:00.000Z', values: [] });
  const packets = [
    { type: PacketType.ACK, nsp: '/', id: 12, data: [{ ok: true, data: { snapshots: [snap] } }] },
    { type: PacketType.EVENT, nsp: '/', data: ['group:updated', snap] },
    { type: PacketType.EVENT, nsp: '/admin', data: ['plain', { a: 1 }] },
    { type: PacketType.EVENT, nsp: '/', data: ['bytes', Buffer.from([1, 2, 3])] },
    // Binary beside a shared payload: sent as Socket.IO attachments, not as JSON of a Buffer.
    { type: PacketType.EVENT, nsp: '/', data: ['both', snap, Buffer.from([4, 5])] },
  ];
  for (const packet of packets) {
    const encoded = encoder.encode(packet);
    const decoder = new Decoder();
    const decoded = new Promise((resolve) => decoder.on('decoded', resolve));
    for (const part of encoded) decoder.add(part);
    const got = (await decoded) as { type: number; nsp: string; id?: number; data: unknown };
    assert.equal(got.nsp, packet.nsp);
    assert.equal(got.id, packet.id);
    assert.deepEqual(JSON.parse(JSON.stringify(got.data)), JSON.parse(JSON.stringify(packet.data)));
    // Binary stays binary (never the JSON of a Buffer).
    for (const [i, arg] of packet.data.entries())
      if (Buffer.isBuffer(arg)) assert.ok(Buffer.isBuffer((got.data as unknown[])[i]), `arg ${i} is bytes`);
  }
});
