/**
 * The ONVIF PullPoint client against a real HTTP peer on 127.0.0.1 (port 0): no device exists here, so the
 * peer is a small node:http server speaking the PullPoint SOAP protocol and answering with the real
 * payload samples of /work/shared/feeds. Everything on our side is the real code: the client, the alert
 * engine, and the in-process stores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { CameraConfig, FeedsConfig } from '../../contract/config.ts';
import type { CameraStatus } from '../../contract/alerts.ts';
import { eventually, sleep } from '../../testing/eventually.ts';
import { SHARED_FEEDS, close, listen, log, setupEngine, statusOf, unhandled } from '../test/device-harness.ts';
import { startOnvifPullPoint } from './pull-point.ts';

const BILLION_LAUGHS = readFileSync(
  join(import.meta.dirname, '..', 'hikvision', 'fixtures', 'bad-hikvision-xxe-entity-expansion.xml'),
  'utf8',
);
const ONVIF_CAM: CameraConfig = {
  id: 'onvif-cang-test',
  name: 'Cảng (ONVIF test)',
  area: '22366',
  lat: 12.21,
  lon: 109.2,
  feed: 'onvif-t',
  ref: '1',
  noParkingZones: [],
};

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

const CREATE_RESPONSE = readFileSync(join(SHARED_FEEDS, 'onvif-create-pullpoint-subscription-response.xml'), 'utf8');
const PULL_LINE = readFileSync(join(SHARED_FEEDS, 'onvif-pullmessages-linedetector.spec.xml'), 'utf8');
const PULL_EMPTY = readFileSync(join(SHARED_FEEDS, 'onvif-pullmessages-empty-clock2000.xml'), 'utf8');

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
        CREATE_RESPONSE.replace(
          'http://192.168.68.111/onvif/services?SubscriptionId=0',
          `${this.url}/onvif/subscription?SubscriptionId=${id}`,
        )
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
        return soap(
          200,
          `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"><s:Body><wsnt:UnsubscribeResponse/></s:Body></s:Envelope>`,
        );
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
        return soap(
          200,
          queued ??
            PULL_EMPTY.replace('2000-01-03T03:58:33Z', this.now()).replace(
              '2000-01-03T04:04:02Z',
              deviceIso(s?.expiresAt ?? Date.now(), this.t0),
            ),
        );
      }
      default:
        return soap(400, SOAP_FAULT);
    }
  }
}

const onvifFeed = (device: FakeOnvifDevice): FeedsConfig['onvif'][number] => ({
  id: 'onvif-t',
  eventServiceUrl: `${device.url}/onvif/event_service`,
  subscriptionS: 60,
});

// ---- ONVIF PullPoint ---------------------------------------------------------------------------------

test('ONVIF: subscribes at the event service, pulls from the address the device returned, a line crossing becomes an active alert on our camera', async () => {
  const device = await new FakeOnvifDevice().start();
  device.push(device.lineCrossing('Hang-rao-cong-1', 'Hang-rao-cong-2'));
  const { engine, alertStore } = setupEngine([ONVIF_CAM], { onvif: [onvifFeed(device)] });
  const t0 = Date.now();
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    const alerts = await eventually(async () => {
      const a = await alertStore.listActive();
      return a.length >= 2 ? a : null;
    }, 'two line-crossing alerts');
    const [create, pull] = device.requests;
    assert.equal(create?.path, '/onvif/event_service');
    assert.equal(create?.action, 'CreatePullPointSubscriptionRequest');
    assert.match(create!.body, /<tev:InitialTerminationTime>PT60S<\/tev:InitialTerminationTime>/);
    assert.equal(pull?.action, 'PullMessagesRequest');
    assert.equal(
      pull?.path,
      '/onvif/subscription?SubscriptionId=1',
      'pulled at the address of the response, not the event service',
    );
    assert.equal(pull?.to, `${device.url}/onvif/subscription?SubscriptionId=1`, 'WS-Addressing To names the subscription');

    const byZone = new Map(alerts.map((a) => [a.zone, a] as const));
    for (const zone of ['Hang-rao-cong-1', 'Hang-rao-cong-2']) {
      const a = byZone.get(zone);
      assert.ok(a, `an alert for rule ${zone}`);
      assert.deepEqual(
        [a.source, a.cameraId, a.area, a.kind, a.label, a.state, a.severity],
        [{ type: 'onvif', instance: 'onvif-t' }, 'onvif-cang-test', '22366', 'line_crossing', 'crossed', 'active', 'medium'],
      );
      assert.deepEqual(a.location, { lat: ONVIF_CAM.lat, lon: ONVIF_CAM.lon });
      // The camera's clock reads year 2000: the alert is placed at our receive time and flagged.
      assert.equal(a.clockSuspect, true);
      assert.ok(
        Date.parse(a.startedAt) >= t0 - 1000 && Date.parse(a.startedAt) <= Date.now(),
        `startedAt ${a.startedAt} is our time, not the device's`,
      );
    }
    await eventually(
      async () => (await statusOf(alertStore, 'onvif-cang-test'))?.state === 'online',
      'camera online after a good pull',
    );
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
  const { engine } = setupEngine([ONVIF_CAM], { onvif: [onvifFeed(device)] });
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    await eventually(() => device.requests.filter((r) => r.action === 'RenewRequest').length >= 2, 'two Renew requests', 9000);
    const renews = device.requests.filter((r) => r.action === 'RenewRequest');
    for (const r of renews) {
      assert.equal(r.subId, '1');
      assert.ok(
        r.leftMs !== null && r.leftMs > 0,
        `Renew arrived ${r.leftMs} ms before the termination time (negative: too late)`,
      );
    }
    assert.match(renews[0]!.body, /<wsnt:Renew><wsnt:TerminationTime>PT\d+S<\/wsnt:TerminationTime><\/wsnt:Renew>/);
    const lapsed = device.requests.filter((r) => r.subId !== null && (r.leftMs ?? 1) <= 0);
    assert.deepEqual(
      lapsed.map((r) => `${r.action} ${r.leftMs} ms`),
      [],
      'no request ever hit a lapsed subscription',
    );
    assert.equal(
      device.actions().filter((a) => a === 'CreatePullPointSubscriptionRequest').length,
      1,
      'the subscription was kept alive, never recreated',
    );
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});

test('ONVIF: stop() unsubscribes and polling stops; it returns even when the device never answers the Unsubscribe', async () => {
  const device = await new FakeOnvifDevice().start();
  const { engine } = setupEngine([ONVIF_CAM], { onvif: [onvifFeed(device)] });
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  let clientStopped = false;
  let second: ReturnType<typeof startOnvifPullPoint> | undefined;
  try {
    await eventually(() => device.pendingPulls === 1, 'a PullMessages long poll held by the device');
    await client.stop();
    clientStopped = true;
    const unsub = device.requests.at(-1)!;
    assert.equal(unsub.action, 'UnsubscribeRequest');
    assert.equal(unsub.path, '/onvif/subscription?SubscriptionId=1');
    assert.equal(unsub.to, `${device.url}/onvif/subscription?SubscriptionId=1`);
    await eventually(() => device.pendingPulls === 0, 'the held pull released');
    const n = device.requests.length;
    await sleep(2500);
    assert.deepEqual(
      device.requests.slice(n).map((r) => r.action),
      [],
      'no request after stop()',
    );

    // A device that takes the Unsubscribe and never answers must not hold up our shutdown.
    device.hangUnsubscribe = true;
    second = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
    await eventually(() => device.pendingPulls === 1, 'the second client polling');
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
  const { engine, alertStore } = setupEngine([ONVIF_CAM], { onvif: [onvifFeed(device)] });
  const statuses: CameraStatus['state'][] = [];
  const unsub = await alertStore.subscribe(
    (c) => void (c.type === 'camera:status-changed' && c.status.cameraId === 'onvif-cang-test' && statuses.push(c.status.state)),
  );
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    const zones = async () => new Set((await alertStore.listActive()).map((a) => a.zone));
    await eventually(async () => (await zones()).has('Truoc-su-co'), 'the event after the SOAP fault', 8000);
    await eventually(async () => (await zones()).has('Sau-su-co'), 'the event after the dropped connection', 8000);
    const creates = device.requests.filter((r) => r.action === 'CreatePullPointSubscriptionRequest');
    assert.equal(creates.length, 3, 'subscribed again after the fault and after the drop');
    assert.deepEqual(
      device.requests
        .filter((r) => r.action === 'PullMessagesRequest')
        .slice(0, 4)
        .map((r) => r.subId),
      ['1', '2', '2', '3'],
      'each new subscription is pulled at its own address',
    );
    await eventually(async () => (await statusOf(alertStore, 'onvif-cang-test'))?.state === 'online', 'camera back online');
    assert.ok(
      statuses.includes('offline') || statuses.includes('degraded'),
      `a failed pull shows on the camera (${statuses.join(' → ')})`,
    );
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
  const { engine, alertStore, store } = setupEngine([ONVIF_CAM], { onvif: [onvifFeed(device)] });
  const client = startOnvifPullPoint({ feed: onvifFeed(device), engine, env: {}, log });
  try {
    await eventually(
      async () => (await alertStore.listActive()).some((a) => a.zone === 'Sau-tan-cong'),
      'the message after the hostile one',
    );
    const { counts, recent } = await store.getRejected(10);
    assert.equal(counts['onvif-t|xml-dtd-forbidden'], 1, JSON.stringify(counts));
    assert.equal(recent[0]?.source, 'onvif-t');
    assert.equal(
      device.actions().filter((a) => a === 'CreatePullPointSubscriptionRequest').length,
      1,
      'a refused payload is not a broken subscription',
    );
  } finally {
    await client.stop();
    await engine.stop();
    await device.stop();
  }
  assert.deepEqual(unhandled, []);
});
