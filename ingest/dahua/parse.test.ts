/** Dahua events → drafts: every real Dahua sample in shared/feeds/. */
import assert from 'node:assert/strict';
import { normaliseDahua } from './parse.ts';
import { ctx, draft, sampleCases, sampleJson } from '../test/samples.ts';

sampleCases('dahua-', {
  'dahua-ha-event-videomotion.readme.json': () => {
    const ev = sampleJson('dahua-ha-event-videomotion.readme.json') as { time_fired: string };
    const d = draft(normaliseDahua(ev, ctx, 'Cam13', ev.time_fired));
    assert.deepEqual(
      [d.kind, d.state, d.zone, d.cameraRefs[0], d.label],
      ['motion', 'active', 'Region1', 'Cam13/1', 'videomotion'],
    );
    assert.ok(d.levelKey);
    assert.equal(d.startedAtMs, Date.UTC(2021, 5, 30, 4, 0, 28, 605));
  },
});
