import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertFeed, MAX_ALERTS, orderAlerts } from './alerts.ts';
import { sampleAlert } from '../../../store/alert-store.contract.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

test('active first, newest first; bounded', () => {
  const list = orderAlerts([
    sampleAlert({ id: 'old-ended', state: 'ended', receivedAt: '2026-11-20T01:00:00Z' }),
    sampleAlert({ id: 'new-active', receivedAt: '2026-11-20T03:00:00Z' }),
    sampleAlert({ id: 'old-active', receivedAt: '2026-11-20T02:00:00Z' }),
    sampleAlert({ id: 'new-ended', state: 'ended', receivedAt: '2026-11-20T04:00:00Z' }),
  ]);
  assert.deepEqual(list.map((a) => a.id), ['new-active', 'old-active', 'new-ended', 'old-ended']);
  assert.equal(orderAlerts(Array.from({ length: 500 }, (_, i) => sampleAlert({ id: `a${i}` }))).length, MAX_ALERTS);
});

test('an event that overtook the snapshot is kept; ended never turns active; stale versions are ignored', async () => {
  const feed = new AlertFeed();
  let notified = 0;
  feed.subscribe(() => notified++);
  feed.applyAlert(sampleAlert({ id: 'x', version: 3, state: 'ended' }));
  feed.applySnapshot({ alerts: [sampleAlert({ id: 'x', version: 2 }), sampleAlert({ id: 'y' })], cameras: [] });
  assert.equal(feed.getAlerts().find((a) => a.id === 'x')!.state, 'ended');
  feed.applyAlert(sampleAlert({ id: 'x', version: 4, state: 'active' }));
  assert.equal(feed.getAlerts().find((a) => a.id === 'x')!.state, 'ended');
  feed.applyAlert({ id: 'bad' });
  feed.applyAlert(null);
  assert.equal(feed.getAlerts().length, 2);
  await tick();
  assert.ok(notified >= 1);
});

test('cameras join their live status', async () => {
  const feed = new AlertFeed(async () => [{ id: 'c1', name: 'Cam 1', area: '22366', lat: 12, lon: 109, source: 'frigate' }]);
  feed.ensureCameras();
  await tick();
  feed.applyStatus({ cameraId: 'c1', state: 'offline', since: '2026-11-20T00:00:00Z', fps: 0, reason: 'no frames', source: 'frigate' });
  assert.equal(feed.getCameras()[0]!.status?.state, 'offline');
});
