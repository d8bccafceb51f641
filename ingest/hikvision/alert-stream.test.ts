/**
 * The Hikvision alertStream client against a real HTTP peer on 127.0.0.1 (port 0): no device exists here,
 * so the peer is a small node:http server speaking ISAPI alertStream behind digest auth and answering with
 * our fixtures. Everything on our side is the real code: the client, the alert engine, and the in-process
 * stores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Alert } from '../../contract/alerts.ts';
import type { CameraConfig, FeedsConfig } from '../../contract/config.ts';
import { vnIsoString } from '../../contract/vn-time.ts';
import { eventually, sleep } from '../../testing/eventually.ts';
import { DEMO_JPEG } from '../demo/jpeg.ts';
import { close, listen, log, setupEngine, statusOf, unhandled } from '../test/device-harness.ts';
import { startHikvisionAlertStream } from './alert-stream.ts';

const FIX = join(import.meta.dirname, 'fixtures');
const BILLION_LAUGHS = readFileSync(join(FIX, 'bad-hikvision-xxe-entity-expansion.xml'), 'utf8');
const HIK_CAM: CameraConfig = {
  id: 'hik-nga-ba-test',
  name: 'Ngã ba (Hikvision test)',
  area: '22453',
  lat: 12.03,
  lon: 109.17,
  feed: 'hik-t',
  ref: 'DS-9664NI-CR01/2',
  noParkingZones: [],
};
const HIK_HB_CAM: CameraConfig = {
  id: 'hik-quoc-lo-test',
  name: 'Quốc lộ (Hikvision test)',
  area: '22411',
  lat: 11.96,
  lon: 109.15,
  feed: 'hik-t',
  ref: 'DS-9664NI-CR01/1',
  noParkingZones: [],
};
const CAMERAS = [HIK_CAM, HIK_HB_CAM];

// ---- a fake Hikvision device: ISAPI alertStream behind digest auth -----------------------------------

const HIK_USER = 'ioc-viewer';
const HIK_PASS = 'pa55-from-env-only';
const REALM = 'IP Camera(C12345678)';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

class FakeHikvisionDevice {
  /** Every GET of the stream: when, and the Authorization it carried. */
  readonly gets: { t: number; auth: string | null; status: number }[] = [];
  /** Close this many accepted streams right after their headers (a device dropping us at once). */
  closeImmediately = 0;
  url = '';
  boundary = `boundary${randomBytes(4).toString('hex')}`;
  private readonly streams: ServerResponse[] = [];
  private readonly nonces = new Set<string>();
  private readonly server = createServer((req, res) => this.handle(req, res));

  constructor(
    private readonly user: string,
    private readonly password: string,
  ) {}

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }
  async stop(): Promise<void> {
    for (const s of this.streams) s.destroy();
    await close(this.server);
  }
  get open(): ServerResponse | undefined {
    return this.streams.filter((s) => !s.writableEnded && !s.destroyed).at(-1);
  }
  /** One part of the multipart/mixed body, framed as the device does: delimiter, headers, body. */
  send(contentType: string, body: string | Buffer): void {
    const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const s = this.open;
    assert.ok(s, 'an open alertStream to write to');
    s.write(
      Buffer.concat([
        Buffer.from(`--${this.boundary}\r\nContent-Type: ${contentType}\r\nContent-Length: ${b.length}\r\n\r\n`),
        b,
        Buffer.from('\r\n'),
      ]),
    );
  }
  /** The device ends the stream (reboot, max connections, network). */
  end(): void {
    this.open?.end();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const auth = req.headers.authorization ?? null;
    const ok =
      req.method === 'GET' &&
      req.url === '/ISAPI/Event/notification/alertStream' &&
      auth !== null &&
      this.digestOk(auth, req.method);
    this.gets.push({ t: Date.now(), auth, status: ok ? 200 : 401 });
    if (!ok) {
      const nonce = randomBytes(16).toString('hex');
      this.nonces.add(nonce);
      res.writeHead(401, {
        'www-authenticate': `Digest realm="${REALM}", domain="::", qop="auth", nonce="${nonce}", opaque="", algorithm="MD5", stale="FALSE"`,
        'content-type': 'text/html',
      });
      return void res.end('<html><body>401 Unauthorized</body></html>');
    }
    res.writeHead(200, { 'content-type': `multipart/mixed; boundary=${this.boundary}`, connection: 'close' });
    res.flushHeaders();
    this.streams.push(res);
    if (this.closeImmediately > 0) {
      this.closeImmediately--;
      res.end();
    }
  }

  /** RFC 7616 digest check (MD5, qop=auth) with the device's own user and password. Basic is refused. */
  private digestOk(header: string, method: string): boolean {
    if (!/^Digest /i.test(header)) return false;
    const p: Record<string, string> = {};
    for (const m of header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
    if (p.username !== this.user || p.realm !== REALM || !p.nonce || !this.nonces.has(p.nonce)) return false;
    const ha1 = md5(`${this.user}:${REALM}:${this.password}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expect = p.qop === 'auth' ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    return p.response === expect;
  }
}

const hikFeed = (device: FakeHikvisionDevice): FeedsConfig['hikvision'][number] => ({
  id: 'hik-t',
  keyEnv: 'T_HIK_KEY',
  alertStreamUrl: `${device.url}/ISAPI/Event/notification/alertStream`,
  userEnv: 'T_HIK_USER',
  passwordEnv: 'T_HIK_PASSWORD',
});
const HIK_ENV = { T_HIK_USER: HIK_USER, T_HIK_PASSWORD: HIK_PASS };

const nowVn = () => vnIsoString(Date.now());
/** NVR field detection on IP channel 34 (= camera 2) of DS-9664NI-CR01, region `regionId`, at the device's now. */
const fieldDetection = (regionId = '1') =>
  readFileSync(join(FIX, 'hikvision-isapi-nvr-fielddetection-psia.xml'), 'utf8')
    .replace('2026-11-23T09:20:05+00:00', nowVn())
    .replace('<regionID>1</regionID>', `<regionID>${regionId}</regionID>`);
/** The alertStream heartbeat: `videoloss` + `inactive` on channel 1. */
const heartbeat = () => `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>10.20.1.11</ipAddress><portNo>80</portNo><protocol>HTTP</protocol><macAddress>44:19:b6:00:00:02</macAddress>
<channelID>1</channelID><dateTime>${nowVn()}</dateTime><activePostCount>0</activePostCount>
<eventType>videoloss</eventType><eventState>inactive</eventState><eventDescription>videoloss alarm</eventDescription>
<Extensions><serialNumber>DS-9664NI-CR01</serialNumber></Extensions>
</EventNotificationAlert>`;

// ---- Hikvision alertStream ---------------------------------------------------------------------------

test('Hikvision alertStream (digest, credentials from env): an active part is an alert at once, a videoloss heartbeat is not, pictures are skipped', async () => {
  const device = await new FakeHikvisionDevice(HIK_USER, HIK_PASS).start();
  const feed = hikFeed(device);
  assert.doesNotMatch(JSON.stringify(feed), new RegExp(HIK_PASS), 'the feed config holds env names only');
  const { engine, alertStore, store } = setupEngine(CAMERAS, { hikvision: [feed] });
  const client = startHikvisionAlertStream({ feed, engine, env: HIK_ENV, log });
  try {
    await eventually(() => device.open, 'the alertStream opened');
    const ok = device.gets.find((g) => g.status === 200)!;
    assert.match(ok.auth!, new RegExp(`^Digest username="${HIK_USER}", realm="${REALM.replace(/[()]/g, '\\$&')}"`));

    device.send('application/xml; charset="UTF-8"', heartbeat());
    await eventually(
      async () => (await statusOf(alertStore, 'hik-quoc-lo-test'))?.state === 'online',
      'the heartbeat marks its camera online',
    );
    device.send('application/xml; charset="UTF-8"', fieldDetection());
    device.send('image/jpeg', DEMO_JPEG);
    // Nothing more is sent: the alert must not wait for the next part (or heartbeat) to arrive.
    const [a] = await eventually(async () => {
      const l = await alertStore.listActive();
      return l.length ? l : null;
    }, 'the intrusion alert');
    assert.deepEqual(
      [a!.source, a!.cameraId, a!.area, a!.kind, a!.label, a!.subLabel, a!.zone, a!.state, a!.clockSuspect],
      [
        { type: 'hikvision', instance: 'hik-t' },
        'hik-nga-ba-test',
        '22453',
        'intrusion',
        'fielddetection',
        'human',
        'region-1',
        'active',
        false,
      ],
    );
    assert.deepEqual(a!.bbox, { x: 0.25, y: 0.4, w: 0.1, h: 0.3 });
    await sleep(200);
    const active = await alertStore.listActive();
    assert.equal(active.length, 1, `only the intrusion is an alert: ${active.map((x) => x.kind).join(', ')}`);
    assert.ok(!active.some((x: Alert) => x.kind === 'camera_offline'), 'a videoloss heartbeat is not a video-loss alert');
    assert.deepEqual((await store.getRejected()).counts, {}, 'nothing refused');
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('Hikvision alertStream: the password comes from the env passed in; a wrong one gets no stream and nothing is ingested', async () => {
  const device = await new FakeHikvisionDevice(HIK_USER, HIK_PASS).start();
  const feed = hikFeed(device);
  const { engine, alertStore } = setupEngine(CAMERAS, { hikvision: [feed] });
  const client = startHikvisionAlertStream({
    feed,
    engine,
    env: { T_HIK_USER: HIK_USER, T_HIK_PASSWORD: 'not-the-password' },
    log,
    reconnect: { baseMs: 100 },
  });
  try {
    await eventually(() => device.gets.filter((g) => /^Digest /.test(g.auth ?? '')).length >= 2, 'digest attempts, retried');
    assert.ok(
      device.gets.every((g) => g.status === 401),
      'the device refused every attempt',
    );
    assert.equal(device.open, undefined);
    assert.deepEqual(await alertStore.listActive(), []);
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('Hikvision alertStream: reconnects when the device closes the stream, with a growing backoff while it keeps dropping us', async () => {
  const device = await new FakeHikvisionDevice(HIK_USER, HIK_PASS).start();
  const feed = hikFeed(device);
  const { engine, alertStore } = setupEngine(CAMERAS, { hikvision: [feed] });
  const STEP = 150;
  device.closeImmediately = 3; // accepted, then closed at once, three times
  const client = startHikvisionAlertStream({ feed, engine, env: HIK_ENV, log, reconnect: { baseMs: STEP, jitter: 0 } });
  try {
    const accepted = () => device.gets.filter((g) => g.status === 200);
    await eventually(() => accepted().length >= 4 && device.open, 'a fourth stream that stays open', 6000);
    const t = accepted().map((g) => g.t);
    // Each failed connection doubles the wait (timers may fire a little early, hence the slack).
    for (let i = 1; i <= 3; i++) {
      const expectedMs = STEP * 2 ** (i - 1);
      assert.ok(
        t[i]! - t[i - 1]! >= expectedMs - 20,
        `wait before attempt ${i + 1} was ${t[i]! - t[i - 1]!} ms, expected ≥ ${expectedMs}`,
      );
    }

    device.send('application/xml', heartbeat());
    device.send('application/xml', fieldDetection('1'));
    await eventually(
      async () => (await alertStore.listActive()).some((a) => a.zone === 'region-1'),
      'an alert on the reconnected stream',
    );
    device.end(); // a stream that worked, then ended: reconnect again
    await eventually(() => accepted().length >= 5 && device.open, 'a fifth stream after the device closed a working one', 3000);
    device.send('application/xml', fieldDetection('2'));
    await eventually(
      async () => (await alertStore.listActive()).some((a) => a.zone === 'region-2'),
      'an alert after the reconnect',
    );
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('Hikvision alertStream: a part with a DTD (billion laughs) is refused and recorded, and the stream keeps delivering', async () => {
  const device = await new FakeHikvisionDevice(HIK_USER, HIK_PASS).start();
  const feed = hikFeed(device);
  const { engine, alertStore, store } = setupEngine(CAMERAS, { hikvision: [feed] });
  const client = startHikvisionAlertStream({ feed, engine, env: HIK_ENV, log });
  try {
    await eventually(() => device.open, 'the alertStream opened');
    device.send('application/xml; charset="UTF-8"', BILLION_LAUGHS);
    device.send('application/xml; charset="UTF-8"', 'not xml, not json');
    device.send('application/xml; charset="UTF-8"', fieldDetection('3'));
    await eventually(
      async () => (await alertStore.listActive()).some((a) => a.zone === 'region-3'),
      'the good part after the hostile ones',
    );
    const { counts, recent } = await store.getRejected(10);
    assert.equal(counts['hik-t|xml-dtd-forbidden'], 1, JSON.stringify(counts));
    assert.equal(counts['hik-t|invalid-body'], 1, JSON.stringify(counts));
    assert.ok(recent.every((r) => r.source === 'hik-t'));
    assert.equal(device.gets.filter((g) => g.status === 200).length, 1, 'the same connection kept going');
    assert.equal((await alertStore.listActive()).length, 1);
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});
