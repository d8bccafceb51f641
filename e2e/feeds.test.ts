/**
 * Camera/AI feeds end to end on real infrastructure: a real Mosquitto (127.0.0.1:1883), the real realtime
 * server on port 0 with the alerts plugin, real socket.io-client sockets subscribed to `alerts`, real HTTP
 * posts (multipart with a JPEG) to the webhook, and our hostile fixtures. In-process stores.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { Alert, CameraStatus } from '../contract/alerts.ts';
import type { Config } from '../contract/config.ts';
import { loadConfig } from '../contract/load-config.ts';
import { vnIsoString } from '../contract/vn-time.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SubscribeResult } from '../contract/messages.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createMemoryAlertStore } from '../store/memory-alert-store.ts';
import { SnapshotCache } from '../store/snapshot-cache.ts';
import { eventually, sleep } from '../testing/eventually.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/app.ts';
import { createAlertsPlugin } from '../realtime/alerts/plugin.ts';
import { startFeeds, type Feeds } from '../ingest/feeds.ts';
import { DEMO_JPEG } from '../ingest/demo/jpeg.ts';
import { SHARED_SAMPLES } from '../ingest/test/samples.ts';
import { openTestIdentity, type TestIdentity } from '../testing/identity.ts';

const METRICS_TOKEN = 'test-metrics-token-0123456789';
let identity: TestIdentity;

const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const INGEST = join(import.meta.dirname, '..', 'ingest');
const FRIGATE_FIX = join(INGEST, 'frigate', 'fixtures');
const HIK_FIX = join(INGEST, 'hikvision', 'fixtures');
const WEBHOOK_FIX = join(INGEST, 'webhook', 'fixtures');
const prefix = `ioc-test-${randomUUID().slice(0, 8)}`;
const HIK_KEY = 'hik-test-key-0123456789';
const AI_KEY = 'ai-test-key-0123456789';
const base = loadConfig('config');
const config: Config = {
  ...base,
  sources: {
    ...base.sources,
    feeds: {
      ...base.sources.feeds!,
      frigate: base.sources.feeds!.frigate.map((f) => ({
        ...f,
        mqttUrl: MQTT_URL,
        topicPrefix: prefix,
        mqttUserEnv: undefined,
        mqttPasswordEnv: undefined,
        httpUrl: undefined,
      })),
      hikvision: base.sources.feeds!.hikvision.map((h) => ({ ...h, keyEnv: 'T_HIK_KEY', idleTimeoutMs: 1500 })),
      webhook: base.sources.feeds!.webhook.map((h) => ({ ...h, keyEnv: 'T_AI_KEY' })),
    },
  },
};
// The screen with the alert feed and camera panels: a device reads the groups its pages show.
const token = config.devices.devices.find((d) => d.screen === 'an-ninh-trat-tu')!.token;
const staff = config.devices.users.find((u) => u.role === 'staff')!.token;
const store = createMemoryStore();
const alertStore = createMemoryAlertStore();
const registry = new Registry();
let feeds: Feeds;
let server: RealtimeServer;
let url: string;
let pub: MqttClient;
let sock: Socket<ServerToClientEvents, ClientToServerEvents>;
const raised: Alert[] = [];
const updated: Alert[] = [];
const statuses: CameraStatus[] = [];

/** Gives what must not happen (a duplicate, a reopening) the time to happen, before asserting it did not. */
const quiet = (ms = 300) => sleep(ms);

function frigateEvent(type: 'new' | 'update' | 'end', id: string, over: Record<string, unknown> = {}) {
  const now = Date.now() / 1000;
  return JSON.stringify({
    type,
    before: {},
    after: {
      id,
      camera: 'nt_cho_dam',
      frame_time: now,
      label: 'person',
      sub_label: null,
      top_score: 0.8,
      score: 0.8,
      false_positive: false,
      start_time: now - 2,
      end_time: type === 'end' ? now : null,
      entered_zones: ['cong_cho'],
      current_zones: [],
      has_snapshot: true,
      stationary: false,
      ...over,
    },
  });
}
const publish = (sub: string, body: string | Buffer) => pub.publishAsync(`${prefix}/${sub}`, body, { qos: 1 });

function post(source: string, body: BodyInit, headers: Record<string, string> = {}, key: string | null = HIK_KEY) {
  return fetch(`${url}/api/feeds/${source}/events${key ? `?key=${encodeURIComponent(key)}` : ''}`, {
    method: 'POST',
    body,
    headers,
  });
}
const hikXml = (file: string) =>
  readFileSync(join(HIK_FIX, file), 'utf8').replace(/2026-11-23T16:20:05\+0[78]:00/, vnIsoString(Date.now()));

before(async () => {
  const snapshots = new SnapshotCache();
  feeds = await startFeeds({
    config,
    alertStore,
    store,
    snapshots,
    log: pino({ level: 'silent' }),
    registry,
    env: { T_HIK_KEY: HIK_KEY, T_AI_KEY: AI_KEY },
    connect: true,
  });
  identity = await openTestIdentity(config);
  server = await createRealtimeServer({
    store,
    config,
    log: pino({ level: 'silent' }),
    registry,
    identity,
    metricsToken: METRICS_TOKEN,
    plugins: [
      createAlertsPlugin({ alertStore, receiver: feeds.receiver, snapshots, fetchSnapshot: (id) => feeds.fetchSnapshot(id) }),
    ],
  });
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  pub = await mqtt.connectAsync(MQTT_URL, { clientId: `ioc-test-pub-${randomUUID().slice(0, 8)}` });
  await feeds.frigate.get('frigate-nt')!.ready();
  sock = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sock.on('alert:raised', (a) => raised.push(a));
  sock.on('alert:updated', (a) => updated.push(a));
  sock.on('camera:status-changed', (s) => statuses.push(s));
  await new Promise<void>((r, j) => (sock.once('connect', () => r()), sock.once('connect_error', j)));
  const ack = (await sock.timeout(3000).emitWithAck('group:subscribe', { groups: ['alerts'] })) as Ack<SubscribeResult>;
  assert.ok(ack.ok && ack.data.alerts, 'the ack carries the alerts snapshot');
});

after(async () => {
  sock?.close();
  await pub?.endAsync();
  await server?.close();
  await feeds?.stop();
  await alertStore.close();
  await store.close();
  await identity?.close();
});

test('Frigate over MQTT: new raises, update updates, a duplicate changes nothing, end closes, nothing reopens it', async () => {
  const id = `${(Date.now() / 1000).toFixed(6)}-abc123`;
  await publish('events', frigateEvent('new', id));
  await eventually(() => raised.some((a) => a.sourceEventId === id), 'alert:raised');
  const a = raised.find((x) => x.sourceEventId === id)!;
  assert.deepEqual(
    [a.cameraId, a.area, a.kind, a.state, a.severity, a.zone, a.version],
    ['nt-cho-dam', '22366', 'object', 'active', 'low', 'cong_cho', 1],
  );
  assert.equal(a.snapshotUrl, `/api/alerts/${a.id}/snapshot.jpg`, 'our origin, never a device URL');
  assert.deepEqual(a.location, { lat: 12.2542, lon: 109.191 });

  await publish('events', frigateEvent('update', id, { top_score: 0.93 }));
  await eventually(() => updated.some((u) => u.id === a.id && u.score === 0.93), 'alert:updated');
  const before = updated.length;
  await publish('events', frigateEvent('update', id, { top_score: 0.93 })); // QoS-1 redelivery
  await quiet();
  assert.equal(updated.length, before, 'a duplicate changes nothing');

  await publish('events', frigateEvent('end', id, { top_score: 0.93 }));
  await eventually(() => updated.some((u) => u.id === a.id && u.state === 'ended'), 'ended');
  const n = updated.length;
  await publish('events', frigateEvent('update', id, { top_score: 0.93 }));
  await publish('events', frigateEvent('new', id, { top_score: 0.5 }));
  await quiet();
  assert.equal(updated.length, n, 'updates after the end do not reopen it');
  assert.equal((await alertStore.get(a.id))!.state, 'ended');
});

test('out-of-order MQTT: end before new is kept ended; the late new is ignored; false positives never show', async () => {
  const id = `${(Date.now() / 1000).toFixed(6)}-ooo123`;
  await publish('events', frigateEvent('end', id));
  await eventually(() => raised.some((a) => a.sourceEventId === id), 'raised (ended)');
  assert.equal(raised.find((a) => a.sourceEventId === id)!.state, 'ended');
  await publish('events', frigateEvent('new', id));
  await quiet();
  assert.equal((await alertStore.listActive()).filter((a) => a.sourceEventId === id).length, 0);
  const fp = `${(Date.now() / 1000).toFixed(6)}-fp1234`;
  await publish('events', frigateEvent('new', fp, { false_positive: true }));
  await quiet();
  assert.ok(!raised.some((a) => a.sourceEventId === fp));
});

test('Frigate LPR update enriches; fire is critical; NaN is repaired; wrong types and oversized messages are rejected', async () => {
  const id = `${(Date.now() / 1000).toFixed(6)}-lpr123`;
  await publish('events', frigateEvent('new', id, { label: 'car' }));
  await eventually(() => raised.some((a) => a.sourceEventId === id), 'car');
  await publish(
    'tracked_object_update',
    JSON.stringify({ type: 'lpr', id, plate: '79A-123.45', score: 0.9, camera: 'nt_cho_dam', timestamp: Date.now() / 1000 }),
  );
  await eventually(() => updated.some((u) => u.sourceEventId === id && u.plate?.normalized === '79A12345'), 'plate');
  const fire = `${(Date.now() / 1000).toFixed(6)}-fire12`;
  await publish('events', frigateEvent('new', fire, { label: 'fire' }));
  await eventually(() => raised.some((a) => a.sourceEventId === fire), 'fire');
  assert.equal(raised.find((a) => a.sourceEventId === fire)!.severity, 'critical');

  const nan = readFileSync(join(FRIGATE_FIX, 'bad-frigate-mqtt-nan-infinity.json'), 'utf8')
    .replace('1795428000.123456-nanabc', `nan-${Date.now()}`)
    .replace('1795428000.123456', String(Date.now() / 1000 - 1));
  await publish('events', nan);
  await eventually(() => raised.some((a) => a.sourceEventId?.startsWith('nan-') ?? false), 'NaN event accepted with repair');
  assert.equal(raised.find((a) => a.sourceEventId?.startsWith('nan-'))!.score, null);

  await publish('events', readFileSync(join(FRIGATE_FIX, 'bad-frigate-mqtt-wrong-types.json')));
  await publish('events', readFileSync(join(WEBHOOK_FIX, 'bad-truncated.json')));
  await publish('events', Buffer.alloc(300 * 1024, 0x20));
  const future = `${(Date.now() / 1000).toFixed(6)}-future`;
  await publish(
    'events',
    frigateEvent('new', future, { frame_time: Date.now() / 1000 + 3600, start_time: Date.now() / 1000 + 3600 }),
  );
  await quiet(400);
  const { counts } = await store.getRejected(0);
  for (const r of ['wrong-type', 'invalid-json', 'message-too-large', 'future-timestamp'])
    assert.ok((counts[`frigate-nt|${r}`] ?? 0) >= 1, `frigate-nt|${r} in ${JSON.stringify(counts)}`);
  assert.ok(!raised.some((a) => a.sourceEventId === future));
});

test('Hikvision multipart with a JPEG reaches the socket; the snapshot is served from our origin to signed-in clients only', async () => {
  const fd = new FormData();
  fd.append(
    'anpr.xml',
    new Blob([hikXml('hikvision-isapi-anpr.xml').replace('a1b2c3d4-0000-4000-8000-000000000001', randomUUID())], {
      type: 'application/xml',
    }),
    'anpr.xml',
  );
  fd.append('licensePlatePicture.jpg', new Blob([new Uint8Array(DEMO_JPEG)], { type: 'image/jpeg' }), 'licensePlatePicture.jpg');
  const res = await post('hik-its', fd);
  assert.equal(res.status, 202, await res.clone().text());
  await eventually(() => raised.some((a) => a.source.instance === 'hik-its' && a.kind === 'license_plate'), 'ANPR alert');
  const a = raised.find((x) => x.source.instance === 'hik-its' && x.kind === 'license_plate')!;
  assert.deepEqual([a.cameraId, a.plate?.normalized, a.severity], ['cr-ql1-bac-cam-ranh', '79A12345', 'info']);
  assert.ok(a.snapshotUrl);
  assert.equal((await fetch(`${url}${a.snapshotUrl}`)).status, 401);
  const img = await fetch(`${url}${a.snapshotUrl}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), DEMO_JPEG);
});

test('Hikvision level-triggered: repeats extend one alert, the idle timeout closes it', async () => {
  const xml = () =>
    hikXml('hikvision-isapi-nvr-fielddetection-psia.xml').replace('2026-11-23T09:20:05+00:00', new Date().toISOString());
  assert.equal((await post('hik-its', xml(), { 'content-type': 'application/xml' })).status, 202);
  await eventually(() => raised.some((a) => a.cameraId === 'cr-nga-ba-cam-duc' && a.kind === 'intrusion'), 'intrusion');
  const a = raised.find((x) => x.cameraId === 'cr-nga-ba-cam-duc' && x.kind === 'intrusion')!;
  await quiet(500);
  assert.equal((await post('hik-its', xml(), { 'content-type': 'application/xml' })).status, 202);
  await quiet(100);
  assert.equal(
    raised.filter((x) => x.cameraId === 'cr-nga-ba-cam-duc' && x.kind === 'intrusion').length,
    1,
    'a repeat is the same alert',
  );
  await eventually(() => updated.some((u) => u.id === a.id && u.state === 'ended'), 'idle close', 6000);
});

test('webhook: 401 without the key, 404 unknown source, 413 oversized, 400 with a reason for bad input; the service keeps serving', async () => {
  assert.equal((await post('hik-its', '<x/>', { 'content-type': 'application/xml' }, null)).status, 401);
  assert.equal((await post('hik-its', '<x/>', { 'content-type': 'application/xml' }, 'wrong-key-000000000')).status, 401);
  assert.equal(
    (await post('doi-tac-ai', '{}', { 'content-type': 'application/json' }, HIK_KEY)).status,
    401,
    "another source's key",
  );
  assert.equal((await post('no-such-source', '{}', {}, HIK_KEY)).status, 404);
  assert.equal((await post('hik-its', Buffer.alloc(1_200_000, 0x61), { 'content-type': 'application/xml' })).status, 413);
  const reasonOf = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
  let r = await post('hik-its', readFileSync(join(HIK_FIX, 'bad-hikvision-xxe-entity-expansion.xml')), {
    'content-type': 'application/xml',
  });
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'xml-dtd-forbidden']);
  r = await post(
    'doi-tac-ai',
    readFileSync(join(WEBHOOK_FIX, 'bad-truncated.json')),
    { 'content-type': 'application/json' },
    AI_KEY,
  );
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'invalid-json']);
  r = await post('doi-tac-ai', JSON.stringify({ camera: 'nt-cho-dam', kind: 'flooding', startedAt: Date.now() }), {}, AI_KEY);
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'missing-id']);
  r = await post(
    'doi-tac-ai',
    JSON.stringify({ id: 'x1', camera: 'nt-cho-dam', kind: 'flooding', startedAt: Date.now(), score: 'high' }),
    {},
    AI_KEY,
  );
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'invalid-shape']);
  r = await post(
    'doi-tac-ai',
    JSON.stringify({ id: 'x2', camera: 'nt-cho-dam', kind: 'flooding', startedAt: Date.now() + 3_600_000 }),
    {},
    AI_KEY,
  );
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'future-timestamp']);
  r = await post(
    'doi-tac-ai',
    JSON.stringify({ id: 'x3', camera: 'unknown-cam', kind: 'flooding', startedAt: Date.now() }),
    {},
    AI_KEY,
  );
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'unknown-camera']);
  r = await post(
    'doi-tac-ai',
    JSON.stringify({ id: 'x4', camera: 'nt-cho-dam', kind: 'flooding', label: 'x'.repeat(5000), startedAt: Date.now() }),
    {},
    AI_KEY,
  );
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'field-too-long']);
  r = await post(
    'doi-tac-ai',
    JSON.stringify(readFileSync(join(import.meta.dirname, '..', 'config', 'province.yaml'), 'utf8').slice(0, 10)),
    {},
    AI_KEY,
  );
  assert.equal(r.status, 400);
  r = await post(
    'doi-tac-ai',
    JSON.stringify(JSON.parse(readFileSync(join(SHARED_SAMPLES, 'ngsi-alert-traffic.keyvalues.json'), 'utf8'))),
    {},
    AI_KEY,
  );
  assert.deepEqual([r.status, await reasonOf(r)], [400, 'location-outside-province']);

  // Script and bidi text: accepted as text, invisible characters stripped.
  const body = readFileSync(join(WEBHOOK_FIX, 'bad-script-bidi.json'), 'utf8').replace('__NOW__', new Date().toISOString());
  r = await post('doi-tac-ai', body, { 'content-type': 'application/json' }, AI_KEY);
  assert.equal(r.status, 202);
  await eventually(() => raised.some((a) => a.sourceEventId === 'evt-script-1'), 'script alert');
  const s = raised.find((a) => a.sourceEventId === 'evt-script-1')!;
  assert.equal(
    s.subLabel,
    '<script>alert(1)</script>eciton',
    'kept as text (the dashboard never uses innerHTML), bidi/zero-width stripped',
  );
  // Duplicate ids in one request: one alert.
  const dup = { id: 'dup-1', camera: 'nt-cho-dam', kind: 'crowd', startedAt: new Date().toISOString() };
  r = await post('doi-tac-ai', JSON.stringify({ events: [dup, dup] }), {}, AI_KEY);
  assert.equal(r.status, 202);
  assert.deepEqual(((await r.json()) as { outcomes: string[] }).outcomes, ['raised', 'ignored']);

  const rejected = (await (await fetch(`${url}/api/rejected`, { headers: { authorization: `Bearer ${staff}` } })).json()) as {
    counts: Record<string, number>;
    recent: { source: string }[];
  };
  for (const k of [
    'hik-its|xml-dtd-forbidden',
    'hik-its|body-too-large',
    'doi-tac-ai|invalid-json',
    'doi-tac-ai|missing-id',
    'doi-tac-ai|future-timestamp',
    'doi-tac-ai|unknown-camera',
    'doi-tac-ai|field-too-long',
  ])
    assert.ok(rejected.counts[k], `${k} counted`);
  const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  assert.match(metrics, /ioc_feed_rejected_total\{source="doi-tac-ai",reason="invalid-json"\} 1/);
  assert.match(metrics, /ioc_rejected_inputs_total\{source="hik-its",reason="xml-dtd-forbidden"\}/);
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
});

test('GET /api/cameras: signed-in only, no device addresses or credentials', async () => {
  assert.equal((await fetch(`${url}/api/cameras`)).status, 401);
  const res = await fetch(`${url}/api/cameras`, { headers: { authorization: `Bearer ${token}` } });
  const list = (await res.json()) as Record<string, unknown>[];
  assert.equal(list.length, 31);
  assert.deepEqual(Object.keys(list[0]!).sort(), ['area', 'id', 'lat', 'lon', 'name', 'source']);
  assert.doesNotMatch(JSON.stringify(list), /10\.20\.|DS-9664|Env|password/i);
});

test('camera health from Frigate stats with hysteresis: offline only after two bad samples', async () => {
  const stats = (fps: number) =>
    JSON.stringify({
      cameras: {
        nt_ga_nha_trang: { camera_fps: fps, detection_enabled: true, connection_quality: fps ? 'excellent' : 'unusable' },
      },
    });
  await publish('stats', stats(5));
  await eventually(() => statuses.some((s) => s.cameraId === 'nt-ga-nha-trang' && s.state === 'online'), 'online');
  await publish('stats', stats(0));
  await eventually(
    () => statuses.some((s) => s.cameraId === 'nt-ga-nha-trang' && s.state === 'degraded'),
    'degraded (unconfirmed)',
  );
  assert.ok(!statuses.some((s) => s.cameraId === 'nt-ga-nha-trang' && s.state === 'offline'), 'one bad sample is not offline');
  await publish('stats', stats(0));
  await eventually(() => statuses.some((s) => s.cameraId === 'nt-ga-nha-trang' && s.state === 'offline'), 'offline');
  await publish('stats', stats(5));
  await eventually(() => statuses.filter((s) => s.cameraId === 'nt-ga-nha-trang').at(-1)?.state === 'online', 'back online');
});
