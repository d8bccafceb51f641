/**
 * Frigate → drafts, patches and health samples: every real Frigate sample in shared/feeds/ maps to the
 * expected normalised event. Table-driven: one row per file.
 */
import assert from 'node:assert/strict';
import type { AlertPatch, HealthSample } from '../alerts/model.ts';
import { parseJsonLenient } from '../alerts/validate.ts';
import {
  frigateReviewPatches,
  parseFrigateApiEvent,
  parseFrigateMqttEvent,
  parseFrigateReview,
  parseFrigateStats,
  parseFrigateTrackedObjectUpdate,
  parseFrigateTrigger,
} from './parse.ts';
import { ctx, draft, near, rejects, sample, sampleCases, sampleJson, stripJsonc } from '../test/samples.ts';

sampleCases('frigate-', {
  'frigate-mqtt-events-update.docs.jsonc': () => {
    rejects(() => parseJsonLenient(sample('frigate-mqtt-events-update.docs.jsonc')), 'invalid-json');
    assert.deepEqual(
      JSON.parse(stripJsonc(sample('frigate-mqtt-events-update.docs.jsonc'))),
      sampleJson('frigate-mqtt-events-update.docs.stripped.json'),
    );
  },
  'frigate-mqtt-events-update.docs.stripped.json': () => {
    const d = draft(parseFrigateMqttEvent(sampleJson('frigate-mqtt-events-update.docs.stripped.json'), ctx));
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
    assert.deepEqual(
      JSON.parse(stripJsonc(sample('frigate-mqtt-reviews-update.docs.jsonc'))),
      sampleJson('frigate-mqtt-reviews-update.docs.stripped.json'),
    );
  },
  'frigate-mqtt-reviews-update.docs.stripped.json': () => {
    const msg = sampleJson('frigate-mqtt-reviews-update.docs.stripped.json') as { after: unknown };
    const d = draft(parseFrigateReview(msg.after, ctx));
    assert.equal(d.dedupeKey, 'review:1718987129.308396-fqk5ka');
    assert.equal(d.kind, 'object');
    assert.equal(d.label, 'person');
    assert.equal(d.subLabel, 'Bob');
    assert.equal(d.severity, 'medium', 'severity alert raises low by one');
    assert.equal(d.zone, 'front_yard');
    assert.equal(d.state, 'active');
    const patches = frigateReviewPatches(msg, ctx);
    assert.deepEqual(
      patches.map((p) => [p.dedupeKey, p.severityBoost]),
      [
        ['1718987128.947436-g92ztx', 1],
        ['1718987148.879516-d7oq7r', 1],
        ['1718987126.934663-q5ywpt', 1],
      ],
    );
  },
  'frigate-mqtt-tracked-object-update-lpr.docs.jsonc': () => {
    const p = parseFrigateTrackedObjectUpdate(
      JSON.parse(stripJsonc(sample('frigate-mqtt-tracked-object-update-lpr.docs.jsonc'))),
      ctx,
    ) as AlertPatch;
    assert.equal(p.type, 'patch');
    assert.equal(p.dedupeKey, '1607123955.475377-mxklsc');
    assert.deepEqual(p.plate, { text: '123ABC', normalized: '123ABC', confidence: 0.95 });
    assert.equal(p.subLabel, "John's Car");
  },
  'frigate-mqtt-tracked-object-update-description.docs.json': () => {
    assert.deepEqual(
      parseFrigateTrackedObjectUpdate(sampleJson('frigate-mqtt-tracked-object-update-description.docs.json'), ctx),
      { type: 'ignored', reason: 'description-not-shown' },
    );
  },
  'frigate-mqtt-triggers.docs.json': () => {
    assert.deepEqual(parseFrigateTrigger(sampleJson('frigate-mqtt-triggers.docs.json')), {
      type: 'ignored',
      reason: 'trigger-not-an-alert',
    });
  },
  'frigate-api-events.e2e-mock.json': () => {
    const items = (sampleJson('frigate-api-events.e2e-mock.json') as unknown[]).map((e) => draft(parseFrigateApiEvent(e, ctx)));
    assert.deepEqual(
      items.map((d) => [d.dedupeKey, d.cameraRefs[0], d.label, d.kind, d.state, d.score, d.zone]),
      [
        ['event-person-001', 'front_door', 'person', 'object', 'ended', 0.92, 'front_yard'],
        ['event-car-001', 'backyard', 'car', 'object', 'ended', 0.87, 'driveway'],
        ['event-person-002', 'garage', 'person', 'object', 'ended', 0.78, null],
      ],
    );
    assert.deepEqual(items[0]!.bbox, { x: 0.2, y: 0.15, w: 0.45, h: 0.75 }, 'API boxes are already relative [x, y, w, h]');
    assert.deepEqual(items[0]!.snapshot, { kind: 'frigate-event', eventId: 'event-person-001' });
    near(items[0]!.startedAtMs, 1780677009365.581);
    near(items[0]!.endedAtMs!, 1780677039365.581);
    assert.equal(items[0]!.deviceTimeMs, null, 'an API item is no clock sample');
  },
  'frigate-api-events.hass-fixture.json': () => {
    const raw = sampleJson('frigate-api-events.hass-fixture.json') as unknown[];
    const items = raw.map((e) => draft(parseFrigateApiEvent(e, ctx)));
    assert.equal(items.length, 50);
    assert.ok(
      items.every((d) => d.cameraRefs[0] === 'front_door' && d.label === 'person' && d.snapshot === null && d.bbox === null),
    );
    assert.equal(items[0]!.score, 0.720703125, 'data.top_score');
    assert.equal(items[0]!.state, 'ended');
    assert.equal(items[0]!.dedupeKey, '1623454583.525913-y14xk9');
  },
  'frigate-api-review.e2e-mock.json': () => {
    const items = (sampleJson('frigate-api-review.e2e-mock.json') as unknown[]).map((r) => draft(parseFrigateReview(r, ctx)));
    assert.deepEqual(
      items.map((d) => [d.dedupeKey, d.severity, d.state]),
      [
        ['review:review-alert-001', 'medium', 'ended'],
        ['review:review-alert-002', 'medium', 'ended'],
        ['review:review-detect-001', 'low', 'ended'],
        ['review:review-detect-002', 'low', 'ended'],
      ],
    );
    // ISO without an offset is device-local (Vietnam, UTC+7).
    assert.equal(items[0]!.startedAtMs, Date.UTC(2026, 5, 5, 4, 30, 9, 366));
  },
  'frigate-api-stats.derived.json': () => {
    const h = parseFrigateStats(sampleJson('frigate-api-stats.derived.json'), ctx) as HealthSample[];
    assert.deepEqual(
      h.map((s) => [s.cameraRefs[0], s.observation, s.fps]),
      [
        ['front_door', 'ok', 5],
        ['backyard', 'ok', 5],
        ['garage', 'ok', 5],
      ],
    );
  },
});
