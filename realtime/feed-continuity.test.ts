import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FeedStep, type VersionAt, feedStep } from './feed-continuity.ts';

const T1 = '2026-11-23T10:00:00.000Z';
const T2 = '2026-11-23T10:00:05.000Z';
const at = (version: number, when = T2): VersionAt => ({ version, at: when });

test('feedStep: continuity from the feed’s last version, else from the cached snapshot', () => {
  const cases: [string, number | undefined, VersionAt | undefined, VersionAt, FeedStep][] = [
    ['the next version', 4, at(4, T1), at(5), 'apply'],
    ['nothing cached: relayed', 4, undefined, at(5), 'apply'],
    ['nothing cached, feed jumped', 4, undefined, at(7), 'feed-gap'],
    ['feed jumped (trimmed past this node)', 4, at(4, T1), at(7), 'feed-gap'],
    ['feed went back (store emptied, version 1 again)', 40, at(40, T1), at(1), 'feed-restarted'],
    ['feed repeated a version', 4, at(4, T1), at(4), 'feed-restarted'],
    ['feed lags the snapshot: already in it', 4, at(9, T2), at(5, T1), 'skip'],
    ['first update seen, next to the snapshot', undefined, at(9, T1), at(10), 'apply'],
    ['first update seen, older than the snapshot', undefined, at(9, T2), at(8, T1), 'skip'],
    ['first update seen, the snapshot’s own', undefined, at(9, T2), at(9, T2), 'skip'],
    ['first update seen, ahead of the snapshot', undefined, at(9, T1), at(12), 'feed-gap'],
    ['first update seen, low version written after the snapshot', undefined, at(9, T1), at(1, T2), 'feed-restarted'],
    ['first update of a group never written before', undefined, at(0, '1970-01-01T00:00:00.000Z'), at(1), 'apply'],
  ];
  for (const [name, last, cached, update, want] of cases) assert.equal(feedStep(last, cached, update), want, name);
});
