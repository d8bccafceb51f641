/** Our generic webhook body → drafts, and the reason a bad one is refused with. Table-driven. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedReject } from '../alerts/validate.ts';
import { ctx, draft } from '../test/samples.ts';
import { parseGenericWebhook } from './parse.ts';

const STARTED = '2026-11-23T16:20:05+07:00';
const ok = { id: 'e1', camera: 'nt-cho-dam', kind: 'flooding', startedAt: STARTED };

test('a generic event becomes an active draft with the kind’s severity, closed by idle if it never ends', () => {
  const d = draft(parseGenericWebhook(ok, ctx));
  assert.deepEqual(
    [d.source, d.dedupeKey, d.cameraRefs, d.kind, d.label, d.severity, d.state, d.closesByIdle],
    [{ type: 'webhook', instance: 'f1' }, 'e1', ['nt-cho-dam'], 'flooding', 'flooding', 'high', 'active', true],
  );
  assert.equal(d.startedAtMs, Date.UTC(2026, 10, 23, 9, 20, 5));
});

const refused: [string, unknown, string, string][] = [
  ['no id', { ...ok, id: undefined }, 'missing-id', 'id: '],
  ['no camera', { ...ok, camera: undefined }, 'missing-field', 'camera: '],
  ['a score that is not a number', { ...ok, score: 'high' }, 'invalid-shape', 'score: '],
  ['a box with a missing side', { ...ok, bbox: { x: 0, y: 0, w: 1 } }, 'invalid-shape', 'bbox.h: '],
  ['not an object', 'flood!', 'invalid-shape', '(root): '],
];
for (const [name, body, reason, detail] of refused) {
  test(`generic webhook refuses ${name}: ${reason}`, () => {
    assert.throws(
      () => parseGenericWebhook(body, ctx),
      (e: unknown) => e instanceof FeedReject && e.reason === reason && e.detail.startsWith(detail),
    );
  });
}
