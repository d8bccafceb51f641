/**
 * Every real sample in shared/feeds/ (and our Hikvision fixtures written from the schema, feeds.md §2.2)
 * maps to the expected normalised event. Table-driven: one row per file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertDraft, AlertPatch, FeedItem, HealthSample, ParseContext } from '../model.ts';
import { frigateReviewPatches, parseFrigateApiEvent, parseFrigateMqttEvent, parseFrigateReview, parseFrigateStats, parseFrigateTrackedObjectUpdate, parseFrigateTrigger } from '../frigate.ts';
import { parseHikvisionBody } from '../hikvision.ts';
import { normaliseOnvif, parseCreatePullPointResponse, parseOnvifNotifications } from '../onvif.ts';
import { normaliseDahua, parseNgsiAlert } from '../webhook.ts';
import { FeedReject, parseJsonLenient } from '../validate.ts';

const SHARED = process.env.IOC_FEEDS_DIR ?? '/work/shared/feeds';
const OURS = join(import.meta.dirname, 'fixtures');
const ctx: ParseContext = { instance: 'f1', nowMs: Date.UTC(2026, 10, 23, 9, 30), detectOf: () => ({ width: 1280, height: 720 }), noParkingZonesOf: () => [] };
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const json = (f: string) => JSON.parse(read(SHARED, f)) as unknown;
/** JSONC → JSON: drop `//` comments outside strings (the docs' examples carry them). */
const stripJsonc = (s: string) => s.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*/g, (_m, str: string | undefined) => str ?? '');
const draft = (i: FeedItem): AlertDraft => (assert.equal(i.type, 'draft', JSON.stringify(i)), i as AlertDraft);
const near = (a: number | null, b: number, msg?: string) => assert.ok(a !== null && Math.abs(a - b) < 1, `${msg ?? ''} ${a} ≈ ${b}`);
const rejects = (fn: () => unknown, reason: string) =>
  assert.throws(fn, (e: unknown) => e instanceof FeedReject && e.reason === reason, `expected reject ${reason}`);

const handled = new Set<string>();
const cases: Record<string, () => void> = {
  'frigate-mqtt-events-update.docs.jsonc': () => {
    rejects(() => parseJsonLenient(read(SHARED, 'frigate-mqtt-events-update.docs.jsonc')), 'invalid-json');
    assert.deepEqual(JSON.parse(stripJsonc(read(SHARED, 'frigate-mqtt-events-update.docs.jsonc'))), json('frigate-mqtt-events-update.docs.stripped.json'));
  },
  'frigate-mqtt-events-update.docs.stripped.json': () => {
    const d = draft(parseFrigateMqttEvent(json('frigate-mqtt-events-update.docs.stripped.json'), ctx));
    assert.equal(d.dedupeKey, '1607123955.475377-mxklsc');
    assert.deepEqual(d.cameraRefs, ['front_door']);
    assert.equal(d.label, 'person');
    assert.equal(d.subLabel, 'John Smith', 'sub_label tuple → its name');
    assert.deepEqual(d.plate, { text: 'ABC12345', normalized: 'ABC12345', confidence: 0.933451 });
    assert.equal(d.kind, 'license_plate');
    assert.equal(d.severity, 'info');
    assert.equal(d.score, 0.958984375, 'top_score');
    assert.equal(d.state, 'active');
    near(d.startedAtMs, 1607123955475.377);
    near(d.deviceTimeMs, 1607123962082.975, 'frame_time');
    assert.equal(d.zone, 'driveway');
    assert.deepEqual(d.bbox, { x: 432 / 1280, y: 496 / 720, w: 112 / 1280, h: 358 / 720 }, 'absolute px → relative');
    assert.equal(d.snapshot, null, 'has_snapshot false');
    assert.equal(d.levelKey, null);
  },
  'frigate-mqtt-reviews-update.docs.jsonc': () => {
    assert.deepEqual(JSON.parse(stripJsonc(read(SHARED, 'frigate-mqtt-reviews-update.docs.jsonc'))), json('frigate-mqtt-reviews-update.docs.stripped.json'));
  },
  'frigate-mqtt-reviews-update.docs.stripped.json': () => {
    const msg = json('frigate-mqtt-reviews-update.docs.stripped.json') as { after: unknown };
    const d = draft(parseFrigateReview(msg.after, ctx));
    assert.equal(d.dedupeKey, 'review:1718987129.308396-fqk5ka');
    assert.equal(d.kind, 'object');
    assert.equal(d.label, 'person');
    assert.equal(d.subLabel, 'Bob');
    assert.equal(d.severity, 'medium', 'severity alert raises low by one');
    assert.equal(d.zone, 'front_yard');
    assert.equal(d.state, 'active');
    const patches = frigateReviewPatches(msg, ctx);
    assert.deepEqual(patches.map((p) => [p.dedupeKey, p.severityBoost]), [
      ['1718987128.947436-g92ztx', 1],
      ['1718987148.879516-d7oq7r', 1],
      ['1718987126.934663-q5ywpt', 1],
    ]);
  },
  'frigate-mqtt-tracked-object-update-lpr.docs.jsonc': () => {
    const p = parseFrigateTrackedObjectUpdate(JSON.parse(stripJsonc(read(SHARED, 'frigate-mqtt-tracked-object-update-lpr.docs.jsonc'))), ctx) as AlertPatch;
    assert.equal(p.type, 'patch');
    assert.equal(p.dedupeKey, '1607123955.475377-mxklsc');
    assert.deepEqual(p.plate, { text: '123ABC', normalized: '123ABC', confidence: 0.95 });
    assert.equal(p.subLabel, "John's Car");
  },
  'frigate-mqtt-tracked-object-update-description.docs.json': () => {
    assert.deepEqual(parseFrigateTrackedObjectUpdate(json('frigate-mqtt-tracked-object-update-description.docs.json'), ctx), { type: 'ignored', reason: 'description-not-shown' });
  },
  'frigate-mqtt-triggers.docs.json': () => {
    assert.deepEqual(parseFrigateTrigger(json('frigate-mqtt-triggers.docs.json')), { type: 'ignored', reason: 'trigger-not-an-alert' });
  },
  'frigate-api-events.e2e-mock.json': () => {
    const items = (json('frigate-api-events.e2e-mock.json') as unknown[]).map((e) => draft(parseFrigateApiEvent(e, ctx)));
    assert.deepEqual(items.map((d) => [d.dedupeKey, d.cameraRefs[0], d.label, d.kind, d.state, d.score, d.zone]), [
      ['event-person-001', 'front_door', 'person', 'object', 'ended', 0.92, 'front_yard'],
      ['event-car-001', 'backyard', 'car', 'object', 'ended', 0.87, 'driveway'],
      ['event-person-002', 'garage', 'person', 'object', 'ended', 0.78, null],
    ]);
    assert.deepEqual(items[0]!.bbox, { x: 0.2, y: 0.15, w: 0.45, h: 0.75 }, 'API boxes are already relative [x, y, w, h]');
    assert.deepEqual(items[0]!.snapshot, { kind: 'frigate-event', eventId: 'event-person-001' });
    near(items[0]!.startedAtMs, 1780677009365.581);
    near(items[0]!.endedAtMs!, 1780677039365.581);
    assert.equal(items[0]!.deviceTimeMs, null, 'an API item is no clock sample');
  },
  'frigate-api-events.hass-fixture.json': () => {
    const raw = json('frigate-api-events.hass-fixture.json') as unknown[];
    const items = raw.map((e) => draft(parseFrigateApiEvent(e, ctx)));
    assert.equal(items.length, 50);
    assert.ok(items.every((d) => d.cameraRefs[0] === 'front_door' && d.label === 'person' && d.snapshot === null && d.bbox === null));
    assert.equal(items[0]!.score, 0.720703125, 'data.top_score');
    assert.equal(items[0]!.state, 'ended');
    assert.equal(items[0]!.dedupeKey, '1623454583.525913-y14xk9');
  },
  'frigate-api-review.e2e-mock.json': () => {
    const items = (json('frigate-api-review.e2e-mock.json') as unknown[]).map((r) => draft(parseFrigateReview(r, ctx)));
    assert.deepEqual(items.map((d) => [d.dedupeKey, d.severity, d.state]), [
      ['review:review-alert-001', 'medium', 'ended'],
      ['review:review-alert-002', 'medium', 'ended'],
      ['review:review-detect-001', 'low', 'ended'],
      ['review:review-detect-002', 'low', 'ended'],
    ]);
    // ISO without an offset is device-local (Vietnam, UTC+7).
    assert.equal(items[0]!.startedAtMs, Date.UTC(2026, 5, 5, 4, 30, 9, 366));
  },
  'frigate-api-stats.derived.json': () => {
    const h = parseFrigateStats(json('frigate-api-stats.derived.json'), ctx) as HealthSample[];
    assert.deepEqual(h.map((s) => [s.cameraRefs[0], s.observation, s.fps]), [
      ['front_door', 'ok', 5],
      ['backyard', 'ok', 5],
      ['garage', 'ok', 5],
    ]);
  },
  'onvif-pullmessages-linedetector.spec.xml': () => {
    const r = parseOnvifNotifications(read(SHARED, 'onvif-pullmessages-linedetector.spec.xml'));
    assert.equal(r.currentTime, '2008-10-10T12:24:58');
    const d = r.notifications.map((n) => draft(normaliseOnvif(n, ctx)));
    assert.deepEqual(d.map((x) => [x.kind, x.zone, x.cameraRefs[0], x.state, x.label, x.levelKey]), [
      ['line_crossing', 'MyImportantFence1', '1', 'active', 'crossed', null],
      ['line_crossing', 'MyImportantFence2', '1', 'active', 'crossed', null],
    ]);
    assert.equal(d[0]!.startedAtMs, Date.UTC(2008, 9, 10, 12, 24, 57, 321));
    assert.notEqual(d[0]!.dedupeKey, d[1]!.dedupeKey);
  },
  'onvif-metadatastream-cellmotion.spec.xml': () => {
    const r = parseOnvifNotifications(read(SHARED, 'onvif-metadatastream-cellmotion.spec.xml'));
    assert.equal(r.notifications.length, 1, 'the misspelt NotficationMessage is still read');
    const d = draft(normaliseOnvif(r.notifications[0]!, ctx));
    assert.equal(d.kind, 'motion');
    assert.equal(d.state, 'active');
    assert.equal(d.zone, 'MotionInDefinedCells');
    assert.ok(d.levelKey, 'IsMotion is a state: one open alert per property');
    assert.equal(d.startedAtMs, Date.UTC(2010, 9, 20, 12, 24, 57, 628), 'UtcTime without Z is UTC');
  },
  'onvif-pullmessages-empty-clock2000.xml': () => {
    const r = parseOnvifNotifications(read(SHARED, 'onvif-pullmessages-empty-clock2000.xml'));
    assert.equal(r.notifications.length, 0);
    assert.equal(r.currentTime, '2000-01-03T03:58:33Z');
  },
  'onvif-create-pullpoint-subscription-response.xml': () => {
    assert.deepEqual(parseCreatePullPointResponse(read(SHARED, 'onvif-create-pullpoint-subscription-response.xml')), {
      address: 'http://192.168.68.111/onvif/services?SubscriptionId=0',
      lifetimeMs: 300_000,
    });
  },
  'dahua-ha-event-videomotion.readme.json': () => {
    const ev = json('dahua-ha-event-videomotion.readme.json') as { time_fired: string };
    const d = draft(normaliseDahua(ev, ctx, 'Cam13', ev.time_fired));
    assert.deepEqual([d.kind, d.state, d.zone, d.cameraRefs[0], d.label], ['motion', 'active', 'Region1', 'Cam13/1', 'videomotion']);
    assert.ok(d.levelKey);
    assert.equal(d.startedAtMs, Date.UTC(2021, 5, 30, 4, 0, 28, 605));
  },
  'ngsi-alert-traffic.keyvalues.json': () => {
    const d = draft(parseNgsiAlert(json('ngsi-alert-traffic.keyvalues.json') as Record<string, unknown>, ctx));
    assert.deepEqual([d.kind, d.severity, d.state, d.label, d.dedupeKey], ['congestion', 'high', 'ended', 'trafficjam', 'Alert:1']);
    assert.deepEqual(d.location, { lat: 40.423852777777775, lon: -3.712247222222222 }, 'GeoJSON [lon, lat]');
    assert.equal(d.startedAtMs, Date.UTC(2017, 0, 2, 9, 25, 55));
    assert.equal(d.subLabel, 'The road is completely blocked for 3kms');
  },
  'ngsi-ld-alert-traffic.normalized.jsonld': () => {
    const d = draft(parseNgsiAlert(json('ngsi-ld-alert-traffic.normalized.jsonld') as Record<string, unknown>, ctx));
    assert.deepEqual([d.kind, d.severity, d.state, d.dedupeKey], ['congestion', 'high', 'ended', 'urn:ngsi-ld:Alert:Alert:1']);
    assert.deepEqual(d.location, { lat: 40.423852777777775, lon: -3.712247222222222 });
    assert.equal(d.endedAtMs, Date.UTC(2017, 0, 2, 10, 25, 55));
  },
};

for (const [file, check] of Object.entries(cases)) {
  test(`shared sample ${file}`, () => {
    handled.add(file);
    check();
  });
}

test('every shared sample has a case', () => {
  const files = readdirSync(SHARED).filter((f) => f !== 'SOURCES.md');
  assert.deepEqual(files.filter((f) => !(f in cases)), []);
});

test('hikvision ANPR (XML, isapi namespace, serial with a trailing newline)', () => {
  const d = draft(parseHikvisionBody(read(OURS, 'hikvision-isapi-anpr.xml'), ctx));
  assert.deepEqual(d.plate, { text: '79A-123.45', normalized: '79A12345', confidence: 0.93, color: 'white' });
  assert.deepEqual([d.kind, d.severity, d.dedupeKey, d.levelKey, d.score], ['license_plate', 'info', 'a1b2c3d4-0000-4000-8000-000000000001', null, 0.93]);
  assert.deepEqual(d.cameraRefs, ['DS-9664NI-CR01/1', '44:19:b6:00:00:01/1', '10.20.2.11/1']);
  assert.equal(d.startedAtMs, Date.UTC(2026, 10, 23, 9, 20, 5));
});

test('hikvision NVR field detection (PSIA namespace, channel 34 → 2, protocolType)', () => {
  const d = draft(parseHikvisionBody(read(OURS, 'hikvision-isapi-nvr-fielddetection-psia.xml'), ctx));
  assert.deepEqual([d.kind, d.severity, d.zone, d.subLabel, d.cameraRefs[0], d.state], ['intrusion', 'medium', 'region-1', 'human', 'DS-9664NI-CR01/2', 'active']);
  assert.deepEqual(d.bbox, { x: 0.25, y: 0.4, w: 0.1, h: 0.3 });
  assert.ok(d.levelKey && d.closesByIdle, 'level-triggered');
});

test('hikvision duration wraps the real type; +08:00 device time converted', () => {
  const d = draft(parseHikvisionBody(read(OURS, 'hikvision-isapi-duration-linedetection.xml'), ctx));
  assert.deepEqual([d.kind, d.label, d.cameraRefs[0]], ['line_crossing', 'linedetection', 'DS-9664NI-CR01/2']);
  assert.equal(d.startedAtMs, Date.UTC(2026, 10, 23, 8, 20, 5));
});

test('hikvision ANPR with plate "unknown" is no alert', () => {
  assert.deepEqual(parseHikvisionBody(read(OURS, 'hikvision-isapi-anpr-unknown-plate.xml'), ctx), { type: 'ignored', reason: 'plate-unread' });
});

test('hikvision JSON: numbers as strings, key case drift (aID), accident raises severity', () => {
  const d = draft(parseHikvisionBody(read(OURS, 'hikvision-isapi-aid-json.json'), ctx));
  assert.deepEqual([d.kind, d.severity, d.label, d.cameraRefs[0]], ['traffic_violation', 'high', 'aid.trafficaccident', 'DS-9664NI-CR01/4']);
});

test('hikvision with an unescaped & is repaired; with a DTD (billion laughs, XXE) refused', () => {
  assert.equal(draft(parseHikvisionBody(read(OURS, 'bad-hikvision-unescaped-ampersand.xml'), ctx)).kind, 'line_crossing');
  rejects(() => parseHikvisionBody(read(OURS, 'bad-hikvision-xxe-entity-expansion.xml'), ctx), 'xml-dtd-forbidden');
});

test('videoloss inactive is a heartbeat', () => {
  const xml = read(OURS, 'hikvision-isapi-anpr-unknown-plate.xml').replace('ANPR</eventType><eventState>active', 'videoloss</eventType><eventState>inactive');
  const h = parseHikvisionBody(xml, ctx) as HealthSample;
  assert.deepEqual([h.type, h.observation, h.reason], ['health', 'ok', 'heartbeat']);
});
