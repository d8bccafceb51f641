/** The camera registry: which camera a feed means, and each feed's idle timeout. Table-driven. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceType } from '../../contract/alerts.ts';
import type { CameraConfig, FeedsConfig } from '../../contract/config.ts';
import { createCameraRegistry } from './camera-registry.ts';

const cam = (id: string, feed: string, ref: string): CameraConfig => ({
  id,
  name: id,
  area: '22366',
  lat: 12.2,
  lon: 109.2,
  feed,
  ref,
  noParkingZones: [],
});
const CAMERAS = [cam('nvr-2', 'hik', 'DS-9664NI-CR01/2'), cam('cong-cho', 'frig', 'cong_cho'), cam('ben-xe', 'ai', 'ben_xe')];
const FEEDS = {
  frigate: [{ id: 'frig', staleAfterMs: 60_000 }],
  hikvision: [{ id: 'hik', idleTimeoutMs: 4000 }],
  onvif: [{ id: 'onv' }],
  webhook: [{ id: 'ai' }],
  clockSkewToleranceMs: 120_000,
  idleTimeoutMs: 10_000,
  offlineAfterMissed: 2,
} as unknown as FeedsConfig;
const registry = createCameraRegistry(CAMERAS, FEEDS);

const resolves: [string, string, string[], string | undefined][] = [
  ['the most specific ref that is registered', 'hik', ['44:19:b6:00:00:01/2', 'ds-9664ni-cr01/2'], 'nvr-2'],
  ['refs compare without case', 'frig', ['CONG_CHO'], 'cong-cho'],
  ['a ref of another feed is not ours', 'hik', ['cong_cho'], undefined],
  ['a webhook may name our camera by its id', 'ai', ['ben-xe'], 'ben-xe'],
  ['only a webhook may use our ids', 'hik', ['ben-xe'], undefined],
];
for (const [name, feed, refs, id] of resolves) {
  test(`camera registry: ${name}`, () => assert.equal(registry.resolve(feed, refs)?.id, id));
}

const timeouts: [string, string, SourceType, number][] = [
  ['a Frigate feed: its staleAfterMs', 'frig', 'frigate', 60_000],
  ['a Hikvision feed with its own idle timeout', 'hik', 'hikvision', 4000],
  ['an ONVIF feed: the feeds default', 'onv', 'onvif', 10_000],
  ['a webhook without one: fifteen minutes', 'ai', 'webhook', 15 * 60_000],
  ['an unknown Frigate instance: thirty minutes', 'nope', 'frigate', 1_800_000],
];
for (const [name, feed, type, ms] of timeouts) {
  test(`idle timeout: ${name}`, () => assert.equal(registry.idleTimeoutMs(feed, type), ms));
}

test('feed types come from the feeds section', () => {
  assert.deepEqual(
    ['frig', 'hik', 'onv', 'ai', 'nope'].map((f) => registry.feedType(f)),
    ['frigate', 'hikvision', 'onvif', 'webhook', undefined],
  );
});
