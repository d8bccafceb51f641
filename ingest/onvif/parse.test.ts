/** ONVIF notifications and subscription responses → drafts and lifetimes: every real ONVIF sample in shared/feeds/. */
import assert from 'node:assert/strict';
import { normaliseOnvif, parseCreatePullPointResponse, parseOnvifNotifications } from './parse.ts';
import { ctx, draft, sample, sampleCases } from '../test/samples.ts';

sampleCases('onvif-', {
  'onvif-pullmessages-linedetector.spec.xml': () => {
    const r = parseOnvifNotifications(sample('onvif-pullmessages-linedetector.spec.xml'));
    assert.equal(r.currentTime, '2008-10-10T12:24:58');
    const d = r.notifications.map((n) => draft(normaliseOnvif(n, ctx)));
    assert.deepEqual(
      d.map((x) => [x.kind, x.zone, x.cameraRefs[0], x.state, x.label, x.levelKey]),
      [
        ['line_crossing', 'MyImportantFence1', '1', 'active', 'crossed', null],
        ['line_crossing', 'MyImportantFence2', '1', 'active', 'crossed', null],
      ],
    );
    assert.equal(d[0]!.startedAtMs, Date.UTC(2008, 9, 10, 12, 24, 57, 321));
    assert.notEqual(d[0]!.dedupeKey, d[1]!.dedupeKey);
  },
  'onvif-metadatastream-cellmotion.spec.xml': () => {
    const r = parseOnvifNotifications(sample('onvif-metadatastream-cellmotion.spec.xml'));
    assert.equal(r.notifications.length, 1, 'the misspelt NotficationMessage is still read');
    const d = draft(normaliseOnvif(r.notifications[0]!, ctx));
    assert.equal(d.kind, 'motion');
    assert.equal(d.state, 'active');
    assert.equal(d.zone, 'MotionInDefinedCells');
    assert.ok(d.levelKey, 'IsMotion is a state: one open alert per property');
    assert.equal(d.startedAtMs, Date.UTC(2010, 9, 20, 12, 24, 57, 628), 'UtcTime without Z is UTC');
  },
  'onvif-pullmessages-empty-clock2000.xml': () => {
    const r = parseOnvifNotifications(sample('onvif-pullmessages-empty-clock2000.xml'));
    assert.equal(r.notifications.length, 0);
    assert.equal(r.currentTime, '2000-01-03T03:58:33Z');
  },
  'onvif-create-pullpoint-subscription-response.xml': () => {
    assert.deepEqual(parseCreatePullPointResponse(sample('onvif-create-pullpoint-subscription-response.xml')), {
      address: 'http://192.168.68.111/onvif/services?SubscriptionId=0',
      lifetimeMs: 300_000,
    });
  },
});
