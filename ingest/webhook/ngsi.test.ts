/** NGSI-LD `Alert` entities (keyValues and normalized) → drafts: every real NGSI sample in shared/feeds/. */
import assert from 'node:assert/strict';
import { parseNgsiAlert } from './ngsi.ts';
import { ctx, draft, sampleCases, sampleJson } from '../test/samples.ts';

sampleCases('ngsi-', {
  'ngsi-alert-traffic.keyvalues.json': () => {
    const d = draft(parseNgsiAlert(sampleJson('ngsi-alert-traffic.keyvalues.json') as Record<string, unknown>, ctx));
    assert.deepEqual(
      [d.kind, d.severity, d.state, d.label, d.dedupeKey],
      ['congestion', 'high', 'ended', 'trafficjam', 'Alert:1'],
    );
    assert.deepEqual(d.location, { lat: 40.423852777777775, lon: -3.712247222222222 }, 'GeoJSON [lon, lat]');
    assert.equal(d.startedAtMs, Date.UTC(2017, 0, 2, 9, 25, 55));
    assert.equal(d.subLabel, 'The road is completely blocked for 3kms');
  },
  'ngsi-ld-alert-traffic.normalized.jsonld': () => {
    const d = draft(parseNgsiAlert(sampleJson('ngsi-ld-alert-traffic.normalized.jsonld') as Record<string, unknown>, ctx));
    assert.deepEqual([d.kind, d.severity, d.state, d.dedupeKey], ['congestion', 'high', 'ended', 'urn:ngsi-ld:Alert:Alert:1']);
    assert.deepEqual(d.location, { lat: 40.423852777777775, lon: -3.712247222222222 });
    assert.equal(d.endedAtMs, Date.UTC(2017, 0, 2, 10, 25, 55));
  },
});
