import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValueStatus } from '../../contract/messages.ts';
import { isRevision, nextRevision, revisionShows, rowChanged, type RowState } from './revision.ts';

const row = (
  status: ValueStatus,
  value: number | null,
  updatedAt = '2026-11-20T01:00:00.000000Z',
  plan: number | null = null,
): RowState => ({
  value,
  plan,
  status,
  reporter: 'STC',
  updatedAt,
});

const cases: [string, RowState, RowState, boolean][] = [
  ['estimate → preliminary with a new value: status path', row('estimate', 100), row('preliminary', 110), false],
  ['preliminary → official with a new value: status path', row('preliminary', 110), row('official', 120), false],
  ['estimate → official, same value: status path', row('estimate', 100), row('official', 100), false],
  ['estimate corrected while still an estimate', row('estimate', 100), row('estimate', 95), true],
  ['official corrected', row('official', 120), row('official', 121.5), true],
  ['official plan changed', row('official', 120, undefined, 1000), row('official', 120, undefined, 1100), true],
  ['official stepped back to preliminary', row('official', 120), row('preliminary', 120), true],
  ['official re-saved unchanged (new updatedAt)', row('official', 120), row('official', 120, '2026-11-21T00:00:00Z'), false],
  ['a value appears where there was none', row('estimate', null), row('estimate', 5), true],
];
for (const [name, prev, next, expected] of cases) {
  test(`revision: ${name}`, () => assert.equal(isRevision(prev, next), expected));
}

test('a re-save is a change the history records, an identical re-read is not', () => {
  assert.equal(rowChanged(row('official', 1), row('official', 1)), false);
  assert.equal(rowChanged(row('official', 1), row('official', 1, '2026-11-21T00:00:00Z')), true);
  assert.equal(rowChanged(undefined, row('official', 1)), true);
});

test('estimate, official, correction: one revision, with the official figure as previous', () => {
  const e = row('estimate', 4120.5, '2026-11-20T01:00:00Z');
  const o = row('official', 4150, '2026-12-05T01:00:00Z');
  const c = row('official', 4180.2, '2026-12-08T01:00:00Z');
  let rev = nextRevision(undefined, e, null);
  assert.equal(rev, null);
  rev = nextRevision(e, o, rev);
  assert.equal(rev, null, 'the status path is not a revision');
  rev = nextRevision(o, c, rev);
  assert.deepEqual(rev, { previous: { value: 4150, status: 'official', updatedAt: o.updatedAt }, at: c.updatedAt });
  assert.deepEqual(nextRevision(c, { ...c, reporter: 'CT' }, rev), rev, 'a change without figures keeps the flag');
});

test('a revised estimate that then becomes official: the official figure is a first publication', () => {
  const rev = nextRevision(row('estimate', 1), row('estimate', 2), null);
  assert.ok(rev);
  assert.equal(nextRevision(row('estimate', 2), row('official', 3), rev), null);
});

const expiry: [string, string, number, string, boolean][] = [
  ['one day after, 30 days', '2026-11-01T00:00:00Z', 30, '2026-11-02T00:00:00Z', true],
  ['just before 30 days', '2026-11-01T00:00:00Z', 30, '2026-11-30T23:59:59Z', true],
  ['at 30 days', '2026-11-01T00:00:00Z', 30, '2026-12-01T00:00:00Z', false],
  ['0 days: never shown', '2026-11-01T00:00:00Z', 0, '2026-11-01T00:00:00Z', false],
  ['microsecond timestamps parse', '2026-11-01T00:00:00.123456Z', 1, '2026-11-01T12:00:00Z', true],
];
for (const [name, at, days, now, shows] of expiry) {
  test(`revision flag expiry: ${name}`, () => {
    const rev = { previous: { value: 1, status: 'official' as const, updatedAt: at }, at };
    assert.equal(revisionShows(rev, new Date(now), days), shows);
  });
}
