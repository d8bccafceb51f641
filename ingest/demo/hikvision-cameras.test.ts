/** The demo ITS cameras write what a real one does: Vietnam device time, one camera 9 minutes slow. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CameraConfig } from '../../contract/config.ts';
import { parseHikvisionBody } from '../hikvision/parse.ts';
import { ctx, draft } from '../test/samples.ts';
import { hikvisionDemoXml } from './hikvision-cameras.ts';

const cam = (id: string): CameraConfig => ({
  id,
  name: 'Ngã ba & cầu',
  area: '22366',
  lat: 12.2,
  lon: 109.2,
  feed: 'hik-its',
  ref: 'DS-2CD-DEMO/2',
  noParkingZones: [],
});
const NOW = Date.UTC(2026, 10, 23, 9, 30, 15, 640);

const rows: [string, string, number][] = [
  ['a camera in step', 'cr-nga-ba', 0],
  ['the camera whose clock is 9 minutes slow', 'cr-ca-na', 9 * 60_000],
];
for (const [name, id, slowMs] of rows) {
  test(`demo Hikvision XML: ${name}`, () => {
    const xml = hikvisionDemoXml(cam(id), 'aid', NOW);
    assert.match(xml, /<dateTime>2026-11-23T\d\d:\d\d:\d\d\+07:00<\/dateTime>/);
    const d = draft(parseHikvisionBody(xml, ctx));
    assert.equal(d.deviceTimeMs, Math.floor((NOW - slowMs) / 1000) * 1000, 'whole seconds, as devices write them');
    assert.equal(d.cameraRefs[0], 'DS-2CD-DEMO/2', 'NVR channel 34 is camera 2');
    assert.ok(['illegal_parking', 'traffic_violation', 'congestion', 'fire_smoke'].includes(d.kind), d.kind);
  });
}
