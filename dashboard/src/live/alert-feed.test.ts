import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertFeed, MAX_ALERTS, orderAlerts } from './alert-feed.ts';
import { sampleAlert } from '../../../testing/fixtures.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

test('active first, newest first; bounded', () => {
  const list = orderAlerts([
    sampleAlert({ id: 'old-ended', state: 'ended', receivedAt: '2026-11-20T01:00:00Z' }),
    sampleAlert({ id: 'new-active', receivedAt: '2026-11-20T03:00:00Z' }),
    sampleAlert({ id: 'old-active', receivedAt: '2026-11-20T02:00:00Z' }),
    sampleAlert({ id: 'new-ended', state: 'ended', receivedAt: '2026-11-20T04:00:00Z' }),
  ]);
  assert.deepEqual(
    list.map((a) => a.id),
    ['new-active', 'old-active', 'new-ended', 'old-ended'],
  );
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
  feed.applyStatus({
    cameraId: 'c1',
    state: 'offline',
    since: '2026-11-20T00:00:00Z',
    fps: 0,
    reason: 'no frames',
    source: 'frigate',
  });
  assert.equal(feed.getCameras()[0]!.status?.state, 'offline');
});

test('a status change replaces that camera only; a burst of events rebuilds the list once, when read', async () => {
  const registry = Array.from({ length: 3 }, (_, i) => ({
    id: `c${i}`,
    name: `Cam ${i}`,
    area: '22366',
    lat: 12,
    lon: 109 + i / 10,
    source: 'frigate' as const,
  }));
  const feed = new AlertFeed();
  feed.setCameras(registry);
  const before = feed.getCameras();
  assert.equal(feed.getCameras(), before, 'read twice without a change: the same list (useSyncExternalStore needs it)');
  for (const state of ['degraded', 'offline'] as const)
    feed.applyStatus({ cameraId: 'c1', state, since: '2026-11-20T00:00:00Z', fps: 0, reason: 'no frames', source: 'frigate' });
  const after = feed.getCameras();
  assert.notEqual(after, before);
  assert.equal(after[0], before[0], 'an unchanged camera keeps its object');
  assert.equal(after[2], before[2]);
  assert.equal(after[1]!.status?.state, 'offline', 'the last of the burst wins');
  feed.setCameras(registry.map((c) => ({ ...c, name: c.id === 'c2' ? 'Renamed' : c.name })));
  assert.equal(feed.getCameras()[2]!.name, 'Renamed', 'a new registry list is taken whole');
  assert.equal(feed.getCameras()[1]!.status?.state, 'offline', 'with the statuses already known');
});
