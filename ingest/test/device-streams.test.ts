/**
 * The connections we open to devices, against real HTTP peers on 127.0.0.1 (port 0). No device exists
 * here, so each peer is a small node:http server speaking the device protocol (ONVIF PullPoint SOAP,
 * Hikvision ISAPI alertStream with digest auth) and answering with the real payload samples of
 * /work/shared/feeds and our fixtures. Everything on our side is the real code: the two clients of
 * device-streams.ts, the alert engine, and the in-process stores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Alert, CameraStatus } from '../../contract/alerts.ts';
import type { CameraConfig, Config, FeedsConfig } from '../../contract/config.ts';
import { loadConfig } from '../../contract/load-config.ts';
import { createMemoryAlertStore } from '../../store/memory-alert-store.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import type { AlertStore } from '../../store/alert-store.ts';
import type { Store } from '../../store/store.ts';
import { EMPTY_FEEDS, createAlertEngine, type AlertEngine } from '../alerts/engine.ts';
import { startHikvisionAlertStream, startOnvifPullPoint } from '../sources/device-streams.ts';
import { DEMO_JPEG } from '../sources/demo-feeds.ts';

const SHARED = '/work/shared/feeds';
const FIX = join(import.meta.dirname, '..', 'alerts', 'test', 'fixtures');
const log = pino({ level: 'silent' });
const base = loadConfig('config');

// A crash of a client (an unhandled rejection in a loop we do not await) must show up as a failure.
const unhandled: unknown[] = [];
process.on('unhandledRejection', (err) => unhandled.push(err));

const ONVIF_CAM: CameraConfig = { id: 'onvif-cang-test', name: 'Cảng (ONVIF test)', area: '22366', lat: 12.21, lon: 109.2, feed: 'onvif-t', ref: '1', noParkingZones: [] };
const HIK_CAM: CameraConfig = { id: 'hik-nga-ba-test', name: 'Ngã ba (Hikvision test)', area: '22453', lat: 12.03, lon: 109.17, feed: 'hik-t', ref: 'DS-9664NI-CR01/2', noParkingZones: [] };
const HIK_HB_CAM: CameraConfig = { id: 'hik-quoc-lo-test', name: 'Quốc lộ (Hikvision test)', area: '22411', lat: 11.96, lon: 109.15, feed: 'hik-t', ref: 'DS-9664NI-CR01/1', noParkingZones: [] };

function setup(feeds: Partial<FeedsConfig>): { engine: AlertEngine; alertStore: AlertStore; store: Store } {
  const store = createMemoryStore();
  const alertStore = createMemoryAlertStore();
  const config: Config = { ...base, cameras: [ONVIF_CAM, HIK_CAM, HIK_HB_CAM], sources: { ...base.sources, feeds: { ...EMPTY_FEEDS, ...feeds } } };
  return { engine: createAlertEngine({ alertStore, store, config, log }), alertStore, store };
}

async function until<T>(probe: () => T | Promise<T>, what: string, ms = 5000): Promise<NonNullable<T>> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// ---- a fake ONVIF device: event service + PullPoint subscriptions ------------------------------------

interface SoapRequest {
  t: number;
  path: string;
  action: string;
  to: string | null;
  subId: string | null;
  body: string;
  /** For requests to a subscription: ms left before it terminates (negative: it had lapsed). */
  leftMs: number | null;
}

const CREATE_RESPONSE = readFileSync(join(SHARED, 'onvif-create-pullpoint-subscription-response.xml'), 'utf8');
const PULL_LINE = readFileSync(join(SHARED, 'onvif-pullmessages-linedetector.spec.xml'), 'utf8');
const PULL_EMPTY = readFileSync(join(SHARED, 'onvif-pullmessages-empty-clock2000.xml'), 'utf8');
const BILLION_LAUGHS = readFileSync(join(FIX, 'bad-hikvision-xxe-entity-expansion.xml'), 'utf8');

const SOAP_FAULT = `<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsrf-rw="http://docs.oasis-open.org/wsrf/rw-2">
<s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>wsrf-rw:ResourceUnknownFault</s:Value></s:Subcode></s:Code>
<s:Reason><s:Text xml:lang="en">The subscription is unknown or has expired</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`;

/** Device clock: set to the year 2000 like the real sample; only its differences mean anything. */
const DEVICE_EPOCH = Date.UTC(2000, 0, 2, 8, 13, 22);
const deviceIso = (ourMs: number, t0: number) => new Date(DEVICE_EPOCH + (ourMs - t0)).toISOString().replace(/\.\d{3}Z$/, 'Z');

class FakeOnvifDevice {
  readonly requests: SoapRequest[] = [];
  /** Bodies for the next PullMessages responses (answered at once when queued). */
  readonly queue: string[] = [];
  /** Scripted misbehaviour, one entry consumed per PullMessages: a SOAP fault, or the connection dropped. */
  readonly pullFaults: ('fault' | 'drop' | null)[] = [];
  /** Lifetime granted by CreatePullPointSubscription and Renew (device seconds). */
  lifetimeS = 60;
  /** A device that takes the Unsubscribe and never answers it. */
  hangUnsubscribe = false;
  url = '';
  pendingPulls = 0;
  private readonly t0 = Date.now();
  private readonly subs = new Map<string, { expiresAt: number }>();
  private nextSub = 1;
  private readonly wake = new Set<() => void>();
  private readonly server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }
  async stop(): Promise<void> {
    for (const w of this.wake) w();
    await close(this.server);
  }
  push(body: string): void {
    this.queue.push(body);
    for (const w of this.wake) w();
  }
  actions(): string[] {
    return this.requests.map((r) => r.action);
  }
  now(): string {
    return deviceIso(Date.now(), this.t0);
  }
  /** The spec's two LineDetector/Crossed notifications, with our rule names and the device's clock. */
  lineCrossing(rule1: string, rule2: string): string {
    const now = this.now();
    return PULL_LINE.replace('MyImportantFence1', rule1)
      .replace('MyImportantFence2', rule2)
      .replace(/2008-10-10T12:24:57\.\d+Z/g, now)
      .replace(/2008-10-10T12:24:58/, now)
      .replace(/2008-10-10T12:25:58/, deviceIso(Date.now() + this.lifetimeS * 1000, this.t0));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const t = Date.now();
    const action = /<(?:\w+:)?Action\b[^>]*>\s*([^<]+?)\s*<\//.exec(body)?.[1]?.split('/').pop() ?? '?';
    const to = /<(?:\w+:)?To\b[^>]*>\s*([^<]+?)\s*<\//.exec(body)?.[1] ?? null;
    const u = new URL(req.url ?? '/', this.url);
    const subId = u.searchParams.get('SubscriptionId');
    const sub = subId ? this.subs.get(subId) : undefined;
    this.requests.push({ t, path: u.pathname + u.search, action, to, subId, body, leftMs: sub ? sub.expiresAt - t : null });
    const soap = (status: number, xml: string) => {
      res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' });
      res.end(xml);
    };

    if (u.pathname === '/onvif/event_service') {
      if (action !== 'CreatePullPointSubscriptionRequest') return soap(400, SOAP_FAULT);
      const id = String(this.nextSub++);
      this.subs.set(id, { expiresAt: t + this.lifetimeS * 1000 });
      return soap(
        200,
        CREATE_RESPONSE.replace('http://192.168.68.111/onvif/services?SubscriptionId=0', `${this.url}/onvif/subscription?SubscriptionId=${id}`)
          .replace('2000-01-02T08:13:22Z', deviceIso(t, this.t0))
          .replace('2000-01-02T08:18:22Z', deviceIso(t + this.lifetimeS * 1000, this.t0)),
      );
    }
    if (u.pathname !== '/onvif/subscription' || !sub || sub.expiresAt <= t) return soap(500, SOAP_FAULT);

    switch (action) {
      case 'RenewRequest':
        sub.expiresAt = t + this.lifetimeS * 1000;
        return soap(
          200,
          `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"><s:Body><wsnt:RenewResponse><wsnt:TerminationTime>${deviceIso(sub.expiresAt, this.t0)}</wsnt:TerminationTime><wsnt:CurrentTime>${deviceIso(t, this.t0)}</wsnt:CurrentTime></wsnt:RenewResponse></s:Body></s:Envelope>`,
        );
      case 'UnsubscribeRequest':
        this.subs.delete(subId!);
        if (this.hangUnsubscribe) return; // never answered
        return soap(200, `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"><s:Body><wsnt:UnsubscribeResponse/></s:Body></s:Envelope>`);
      case 'PullMessagesRequest': {
        const fault = this.pullFaults.shift();
        if (fault === 'fault') return soap(500, SOAP_FAULT);
        if (fault === 'drop') return void req.socket.destroy();
        const next = this.queue.shift();
        if (next !== undefined) return soap(200, next);
        // Long poll: answer when a message is queued or the requested Timeout passes (spec behaviour).
        const timeoutS = Number(/<(?:\w+:)?Timeout>PT(\d+(?:\.\d+)?)S</.exec(body)?.[1] ?? 10);
        this.pendingPulls++;
        await new Promise<void>((resolve) => {
          const done = () => (clearTimeout(timer), this.wake.delete(done), resolve());
          const timer = setTimeout(done, timeoutS * 1000);
          this.wake.add(done);
          res.once('close', done);
        });
        this.pendingPulls--;
        if (res.writableEnded || res.destroyed) return;
        const queued = this.queue.shift();
        const s = this.subs.get(subId!);
        return soap(200, queued ?? PULL_EMPTY.replace('2000-01-03T03:58:33Z', this.now()).replace('2000-01-03T04:04:02Z', deviceIso(s?.expiresAt ?? Date.now(), this.t0)));
      }
      default:
        return soap(400, SOAP_FAULT);
    }
  }
}

const onvifFeed = (device: FakeOnvifDevice): FeedsConfig['onvif'][number] => ({ id: 'onvif-t', eventServiceUrl: `${device.url}/onvif/event_service`, subscriptionS: 60 });

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

  constructor(private readonly user: string, private readonly password: string) {}

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
    s.write(Buffer.concat([Buffer.from(`--${this.boundary}\r\nContent-Type: ${contentType}\r\nContent-Length: ${b.length}\r\n\r\n`), b, Buffer.from('\r\n')]));
  }
  /** The device ends the stream (reboot, max connections, network). */
  end(): void {
    this.open?.end();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const auth = req.headers.authorization ?? null;
    const ok = req.method === 'GET' && req.url === '/ISAPI/Event/notification/alertStream' && auth !== null && this.digestOk(auth, req.method);
    this.gets.push({ t: Date.now(), auth, status: ok ? 200 : 401 });
    if (!ok) {
      const nonce = randomBytes(16).toString('hex');
      this.nonces.add(nonce);
      res.writeHead(401, { 'www-authenticate': `Digest realm="${REALM}", domain="::", qop="auth", nonce="${nonce}", opaque="", algorithm="MD5", stale="FALSE"`, 'content-type': 'text/html' });
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

const nowVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
/** NVR field detection on IP channel 34 (= camera 2) of DS-9664NI-CR01, region `regionId`, at the device's now. */
const fieldDetection = (regionId = '1') =>
  readFileSync(join(FIX, 'hikvision-isapi-nvr-fielddetection-psia.xml'), 'utf8').replace('2026-11-23T09:20:05+00:00', nowVn()).replace('<regionID>1</regionID>', `<regionID>${regionId}</regionID>`);
/** The alertStream heartbeat: `videoloss` + `inactive` on channel 1. */
const heartbeat = () => `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>10.20.1.11</ipAddress><portNo>80</portNo><protocol>HTTP</protocol><macAddress>44:19:b6:00:00:02</macAddress>
<channelID>1</channelID><dateTime>${nowVn()}</dateTime><activePostCount>0</activePostCount>
<eventType>videoloss</eventType><eventState>inactive</eventState><eventDescription>videoloss alarm</eventDescription>
<Extensions><serialNumber>DS-9664NI-CR01</serialNumber></Extensions>
</EventNotificationAlert>`;

async function statusOf(alertStore: AlertStore, cameraId: string): Promise<CameraStatus | undefined> {
  return (await alertStore.getCameraStatuses()).find((s) => s.cameraId === cameraId);
}

// ---- ONVIF PullPoint ---------------------------------------------------------------------------------

test('ONVIF: subscribes at the event service, pulls from the address the device returned, a line crossing becomes an active alert on our camera', async () => {
  const device = await new FakeOnvifDevice().start();
  device.push(device.lineCrossing('Hang-rao-cong-1', 'Hang-rao-cong-2'));
  const { engine, alertStore } = setup({ onvif: [onvifFeed(device)] });
  const t0 = Date.now();
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    const alerts = await until(async () => {
      const a = await alertStore.listActive();
      return a.length >= 2 ? a : null;
    }, 'two line-crossing alerts');
    const [create, pull] = device.requests;
    assert.equal(create?.path, '/onvif/event_service');
    assert.equal(create?.action, 'CreatePullPointSubscriptionRequest');
    assert.match(create!.body, /<tev:InitialTerminationTime>PT60S<\/tev:InitialTerminationTime>/);
    assert.equal(pull?.action, 'PullMessagesRequest');
    assert.equal(pull?.path, '/onvif/subscription?SubscriptionId=1', 'pulled at the address of the response, not the event service');
    assert.equal(pull?.to, `${device.url}/onvif/subscription?SubscriptionId=1`, 'WS-Addressing To names the subscription');

    const byZone = new Map(alerts.map((a) => [a.zone, a] as const));
    for (const zone of ['Hang-rao-cong-1', 'Hang-rao-cong-2']) {
      const a = byZone.get(zone);
      assert.ok(a, `an alert for rule ${zone}`);
      assert.deepEqual([a.source, a.cameraId, a.area, a.kind, a.label, a.state, a.severity], [{ type: 'onvif', instance: 'onvif-t' }, 'onvif-cang-test', '22366', 'line_crossing', 'crossed', 'active', 'medium']);
      assert.deepEqual(a.location, { lat: ONVIF_CAM.lat, lon: ONVIF_CAM.lon });
      // The camera's clock reads year 2000: the alert is placed at our receive time and flagged.
      assert.equal(a.clockSuspect, true);
      assert.ok(Date.parse(a.startedAt) >= t0 - 1000 && Date.parse(a.startedAt) <= Date.now(), `startedAt ${a.startedAt} is our time, not the device's`);
    }
    await until(async () => (await statusOf(alertStore, 'onvif-cang-test'))?.state === 'online', 'camera online after a good pull');
    assert.equal(device.actions().filter((a) => a === 'CreatePullPointSubscriptionRequest').length, 1, 'one subscription');
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('ONVIF: renews before the termination time the device granted (by its own clock), again and again', async () => {
  const device = await new FakeOnvifDevice().start();
  device.lifetimeS = 3; // the device grants 3 s whatever we ask for
  const { engine } = setup({ onvif: [onvifFeed(device)] });
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    await until(() => device.requests.filter((r) => r.action === 'RenewRequest').length >= 2, 'two Renew requests', 9000);
    const renews = device.requests.filter((r) => r.action === 'RenewRequest');
    for (const r of renews) {
      assert.equal(r.subId, '1');
      assert.ok(r.leftMs !== null && r.leftMs > 0, `Renew arrived ${r.leftMs} ms before the termination time (negative: too late)`);
    }
    assert.match(renews[0]!.body, /<wsnt:Renew><wsnt:TerminationTime>PT\d+S<\/wsnt:TerminationTime><\/wsnt:Renew>/);
    const lapsed = device.requests.filter((r) => r.subId !== null && (r.leftMs ?? 1) <= 0);
    assert.deepEqual(lapsed.map((r) => `${r.action} ${r.leftMs} ms`), [], 'no request ever hit a lapsed subscription');
    assert.equal(device.actions().filter((a) => a === 'CreatePullPointSubscriptionRequest').length, 1, 'the subscription was kept alive, never recreated');
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('ONVIF: stop() unsubscribes and polling stops; it returns even when the device never answers the Unsubscribe', async () => {
  const device = await new FakeOnvifDevice().start();
  const { engine } = setup({ onvif: [onvifFeed(device)] });
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  let clientStopped = false;
  let second: ReturnType<typeof startOnvifPullPoint> | undefined;
  try {
    await until(() => device.pendingPulls === 1, 'a PullMessages long poll held by the device');
    await client.stop();
    clientStopped = true;
    const unsub = device.requests.at(-1)!;
    assert.equal(unsub.action, 'UnsubscribeRequest');
    assert.equal(unsub.path, '/onvif/subscription?SubscriptionId=1');
    assert.equal(unsub.to, `${device.url}/onvif/subscription?SubscriptionId=1`);
    await until(() => device.pendingPulls === 0, 'the held pull released');
    const n = device.requests.length;
    await sleep(2500);
    assert.deepEqual(device.requests.slice(n).map((r) => r.action), [], 'no request after stop()');

    // A device that takes the Unsubscribe and never answers must not hold up our shutdown.
    device.hangUnsubscribe = true;
    second = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
    await until(() => device.pendingPulls === 1, 'the second client polling');
    const stopping = second.stop();
    second = undefined;
    const stopped = await Promise.race([stopping.then(() => 'stopped'), sleep(8000).then(() => 'still waiting')]);
    assert.equal(stopped, 'stopped', 'stop() returned while the device sat on the Unsubscribe');
    assert.equal(device.requests.at(-1)!.action, 'UnsubscribeRequest');
  } finally {
    if (!clientStopped) await client.stop();
    await second?.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('ONVIF: a SOAP fault or a dropped connection makes the client subscribe again and keep going', async () => {
  const device = await new FakeOnvifDevice().start();
  device.pullFaults.push('fault', null, 'drop');
  device.push(device.lineCrossing('Truoc-su-co', 'Truoc-su-co-2'));
  device.push(device.lineCrossing('Sau-su-co', 'Sau-su-co-2'));
  const { engine, alertStore } = setup({ onvif: [onvifFeed(device)] });
  const statuses: CameraStatus['state'][] = [];
  const unsub = await alertStore.subscribe((c) => void (c.type === 'camera:status-changed' && c.status.cameraId === 'onvif-cang-test' && statuses.push(c.status.state)));
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    const zones = async () => new Set((await alertStore.listActive()).map((a) => a.zone));
    await until(async () => (await zones()).has('Truoc-su-co'), 'the event after the SOAP fault', 8000);
    await until(async () => (await zones()).has('Sau-su-co'), 'the event after the dropped connection', 8000);
    const creates = device.requests.filter((r) => r.action === 'CreatePullPointSubscriptionRequest');
    assert.equal(creates.length, 3, 'subscribed again after the fault and after the drop');
    assert.deepEqual(
      device.requests.filter((r) => r.action === 'PullMessagesRequest').slice(0, 4).map((r) => r.subId),
      ['1', '2', '2', '3'],
      'each new subscription is pulled at its own address',
    );
    await until(async () => (await statusOf(alertStore, 'onvif-cang-test'))?.state === 'online', 'camera back online');
    assert.ok(statuses.includes('offline') || statuses.includes('degraded'), `a failed pull shows on the camera (${statuses.join(' → ')})`);
  } finally {
    await client.stop();
    await unsub();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('ONVIF: a PullMessages answer with a DTD (billion laughs) is refused and recorded; later messages still arrive', async () => {
  const device = await new FakeOnvifDevice().start();
  device.push(BILLION_LAUGHS);
  device.push(device.lineCrossing('Sau-tan-cong', 'Sau-tan-cong-2'));
  const { engine, alertStore, store } = setup({ onvif: [onvifFeed(device)] });
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    await until(async () => (await alertStore.listActive()).some((a) => a.zone === 'Sau-tan-cong'), 'the message after the hostile one');
    const { counts, recent } = await store.getRejected(10);
    assert.equal(counts['onvif-t|xml-dtd-forbidden'], 1, JSON.stringify(counts));
    assert.equal(recent[0]?.source, 'onvif-t');
    assert.equal(device.actions().filter((a) => a === 'CreatePullPointSubscriptionRequest').length, 1, 'a refused payload is not a broken subscription');
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

// ---- Hikvision alertStream ---------------------------------------------------------------------------

test('Hikvision alertStream (digest, credentials from env): an active part is an alert at once, a videoloss heartbeat is not, pictures are skipped', async () => {
  const device = await new FakeHikvisionDevice(HIK_USER, HIK_PASS).start();
  const feed = hikFeed(device);
  assert.doesNotMatch(JSON.stringify(feed), new RegExp(HIK_PASS), 'the feed config holds env names only');
  const { engine, alertStore, store } = setup({ hikvision: [feed] });
  const client = startHikvisionAlertStream({ feed, engine, env: HIK_ENV, log });
  try {
    await until(() => device.open, 'the alertStream opened');
    const ok = device.gets.find((g) => g.status === 200)!;
    assert.match(ok.auth!, new RegExp(`^Digest username="${HIK_USER}", realm="${REALM.replace(/[()]/g, '\\$&')}"`));

    device.send('application/xml; charset="UTF-8"', heartbeat());
    await until(async () => (await statusOf(alertStore, 'hik-quoc-lo-test'))?.state === 'online', 'the heartbeat marks its camera online');
    device.send('application/xml; charset="UTF-8"', fieldDetection());
    device.send('image/jpeg', DEMO_JPEG);
    // Nothing more is sent: the alert must not wait for the next part (or heartbeat) to arrive.
    const [a] = await until(async () => {
      const l = await alertStore.listActive();
      return l.length ? l : null;
    }, 'the intrusion alert');
    assert.deepEqual([a!.source, a!.cameraId, a!.area, a!.kind, a!.label, a!.subLabel, a!.zone, a!.state, a!.clockSuspect], [{ type: 'hikvision', instance: 'hik-t' }, 'hik-nga-ba-test', '22453', 'intrusion', 'fielddetection', 'human', 'region-1', 'active', false]);
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
  const { engine, alertStore } = setup({ hikvision: [feed] });
  const client = startHikvisionAlertStream({ feed, engine, env: { T_HIK_USER: HIK_USER, T_HIK_PASSWORD: 'not-the-password' }, log, reconnectBaseMs: 100 });
  try {
    await until(() => device.gets.filter((g) => /^Digest /.test(g.auth ?? '')).length >= 2, 'digest attempts, retried');
    assert.ok(device.gets.every((g) => g.status === 401), 'the device refused every attempt');
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
  const { engine, alertStore } = setup({ hikvision: [feed] });
  const STEP = 150;
  device.closeImmediately = 3; // accepted, then closed at once, three times
  const client = startHikvisionAlertStream({ feed, engine, env: HIK_ENV, log, reconnectBaseMs: STEP });
  try {
    const accepted = () => device.gets.filter((g) => g.status === 200);
    await until(() => accepted().length >= 4 && device.open, 'a fourth stream that stays open', 6000);
    const t = accepted().map((g) => g.t);
    // Each failed connection adds a step to the wait (timers may fire a little early, hence the slack).
    for (let i = 1; i <= 3; i++) assert.ok(t[i]! - t[i - 1]! >= i * STEP - 20, `wait before attempt ${i + 1} was ${t[i]! - t[i - 1]!} ms, expected ≥ ${i * STEP}`);

    device.send('application/xml', heartbeat());
    device.send('application/xml', fieldDetection('1'));
    await until(async () => (await alertStore.listActive()).some((a) => a.zone === 'region-1'), 'an alert on the reconnected stream');
    device.end(); // a stream that worked, then ended: reconnect again
    await until(() => accepted().length >= 5 && device.open, 'a fifth stream after the device closed a working one', 3000);
    device.send('application/xml', fieldDetection('2'));
    await until(async () => (await alertStore.listActive()).some((a) => a.zone === 'region-2'), 'an alert after the reconnect');
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
  const { engine, alertStore, store } = setup({ hikvision: [feed] });
  const client = startHikvisionAlertStream({ feed, engine, env: HIK_ENV, log });
  try {
    await until(() => device.open, 'the alertStream opened');
    device.send('application/xml; charset="UTF-8"', BILLION_LAUGHS);
    device.send('application/xml; charset="UTF-8"', 'not xml, not json');
    device.send('application/xml; charset="UTF-8"', fieldDetection('3'));
    await until(async () => (await alertStore.listActive()).some((a) => a.zone === 'region-3'), 'the good part after the hostile ones');
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
