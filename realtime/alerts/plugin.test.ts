/**
 * The feed webhook's body handling with a stand-in receiver: bodies reach it byte for byte, an oversized
 * one is refused with 413 whether it declares its length or streams it, and every refusal is counted.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { openTestIdentity, type TestIdentity } from '../../testing/identity.ts';
import type { ApiErrorBody } from '../../contract/http.ts';
import { loadConfig } from '../../contract/load-config.ts';
import { createMemoryAlertStore } from '../../store/memory-alert-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { createRealtimeServer, type RealtimeServer } from '../app.ts';
import { BODY_LIMIT_BYTES } from './feed-body.ts';
import { type FeedReceiverLike, createAlertsPlugin } from './plugin.ts';

const received: { contentType: string; body: Buffer }[] = [];
const rejects: string[] = [];
const receiver: FeedReceiverLike = {
  authorize: (source, key) => (source !== 'cam' ? 'unknown-source' : key === 'k-123' ? 'ok' : 'unauthorized'),
  async receive(_source, input) {
    received.push(input);
    return input.body.toString() === 'bad'
      ? { status: 400, reason: 'invalid-json', outcomes: ['rejected'] }
      : { status: 202, outcomes: ['raised'] };
  },
  async recordReject(_source, reason) {
    rejects.push(reason);
  },
};
const store = createMemoryStore();
let server: RealtimeServer;
let url: string;

let identity: TestIdentity;

before(async () => {
  const config = loadConfig('config');
  identity = await openTestIdentity(config);
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    plugins: [createAlertsPlugin({ alertStore: createMemoryAlertStore(), receiver })],
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/api/feeds/cam/events?key=k-123`;
});

after(async () => {
  await server.close();
  await store.close();
  await identity.close();
});

const codeOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error.code;

test('a body reaches the receiver as sent; its rejection reason is the 400’s code', async () => {
  const ok = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/xml; charset=utf-8' },
    body: '<EventNotificationAlert/>',
  });
  assert.equal(ok.status, 202);
  assert.deepEqual(received.at(-1), {
    contentType: 'application/xml; charset=utf-8',
    body: Buffer.from('<EventNotificationAlert/>'),
  });
  const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'bad' });
  assert.deepEqual([bad.status, await codeOf(bad)], [400, 'invalid-json']);
});

test('over the limit: 413 payload-too-large, declared or streamed, counted as body-too-large', async () => {
  const before = received.length;
  const declared = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: Buffer.alloc(BODY_LIMIT_BYTES + 1, 0x20),
  });
  assert.deepEqual([declared.status, await codeOf(declared)], [413, 'payload-too-large']);
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  const streamed = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent > BODY_LIMIT_BYTES) return c.close();
      sent += chunk.length;
      c.enqueue(chunk);
    },
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: streamed,
    duplex: 'half',
  } as RequestInit);
  assert.deepEqual([res.status, await codeOf(res)], [413, 'payload-too-large']);
  assert.equal(received.length, before, 'the receiver saw neither');
  assert.deepEqual(rejects.slice(-2), ['body-too-large', 'body-too-large']);
});

test('without the key 401, an unknown source 404, both in the contract’s codes', async () => {
  const noKey = await fetch(url.replace('k-123', 'wrong'), { method: 'POST', body: '{}' });
  assert.deepEqual([noKey.status, await codeOf(noKey)], [401, 'unauthorized']);
  const unknown = await fetch(url.replace('/cam/', '/nope/'), { method: 'POST', body: '{}' });
  assert.deepEqual([unknown.status, await codeOf(unknown)], [404, 'unknown-source']);
});
