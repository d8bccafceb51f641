/**
 * Hikvision EventNotificationAlert → drafts: our fixtures written from the ISAPI schema (feeds.md §2.2)
 * and the firmware quirks they carry (namespaces, key case drift, NVR channels, unescaped `&`, DTDs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { HealthSample } from '../alerts/model.ts';
import { ctx, draft, read, rejects } from '../test/samples.ts';
import { parseHikvisionBody } from './parse.ts';

const FIX = join(import.meta.dirname, 'fixtures');

test('hikvision ANPR (XML, isapi namespace, serial with a trailing newline)', () => {
  const d = draft(parseHikvisionBody(read(FIX, 'hikvision-isapi-anpr.xml'), ctx));
  assert.deepEqual(d.plate, { text: '79A-123.45', normalized: '79A12345', confidence: 0.93, color: 'white' });
  assert.deepEqual(
    [d.kind, d.severity, d.dedupeKey, d.levelKey, d.score],
    ['license_plate', 'info', 'a1b2c3d4-0000-4000-8000-000000000001', null, 0.93],
  );
  assert.deepEqual(d.cameraRefs, ['DS-9664NI-CR01/1', '44:19:b6:00:00:01/1', '10.20.2.11/1']);
  assert.equal(d.startedAtMs, Date.UTC(2026, 10, 23, 9, 20, 5));
});

test('hikvision NVR field detection (PSIA namespace, channel 34 → 2, protocolType)', () => {
  const d = draft(parseHikvisionBody(read(FIX, 'hikvision-isapi-nvr-fielddetection-psia.xml'), ctx));
  assert.deepEqual(
    [d.kind, d.severity, d.zone, d.subLabel, d.cameraRefs[0], d.state],
    ['intrusion', 'medium', 'region-1', 'human', 'DS-9664NI-CR01/2', 'active'],
  );
  assert.deepEqual(d.bbox, { x: 0.25, y: 0.4, w: 0.1, h: 0.3 });
  assert.ok(d.levelKey && d.closesByIdle, 'level-triggered');
});

test('hikvision duration wraps the real type; +08:00 device time converted', () => {
  const d = draft(parseHikvisionBody(read(FIX, 'hikvision-isapi-duration-linedetection.xml'), ctx));
  assert.deepEqual([d.kind, d.label, d.cameraRefs[0]], ['line_crossing', 'linedetection', 'DS-9664NI-CR01/2']);
  assert.equal(d.startedAtMs, Date.UTC(2026, 10, 23, 8, 20, 5));
});

test('hikvision ANPR with plate "unknown" is no alert', () => {
  assert.deepEqual(parseHikvisionBody(read(FIX, 'hikvision-isapi-anpr-unknown-plate.xml'), ctx), {
    type: 'ignored',
    reason: 'plate-unread',
  });
});

test('hikvision JSON: numbers as strings, key case drift (aID), accident raises severity', () => {
  const d = draft(parseHikvisionBody(read(FIX, 'hikvision-isapi-aid-json.json'), ctx));
  assert.deepEqual(
    [d.kind, d.severity, d.label, d.cameraRefs[0]],
    ['traffic_violation', 'high', 'aid.trafficaccident', 'DS-9664NI-CR01/4'],
  );
});

test('hikvision with an unescaped & is repaired; with a DTD (billion laughs, XXE) refused', () => {
  assert.equal(draft(parseHikvisionBody(read(FIX, 'bad-hikvision-unescaped-ampersand.xml'), ctx)).kind, 'line_crossing');
  rejects(() => parseHikvisionBody(read(FIX, 'bad-hikvision-xxe-entity-expansion.xml'), ctx), 'xml-dtd-forbidden');
});

test('videoloss inactive is a heartbeat', () => {
  const xml = read(FIX, 'hikvision-isapi-anpr-unknown-plate.xml').replace(
    'ANPR</eventType><eventState>active',
    'videoloss</eventType><eventState>inactive',
  );
  const h = parseHikvisionBody(xml, ctx) as HealthSample;
  assert.deepEqual([h.type, h.observation, h.reason], ['health', 'ok', 'heartbeat']);
});
