import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ago, formatAt, vnDayEnd, vnDayStart, vnToday } from './format.ts';

test('formatAt writes Vietnam time with seconds, whatever the zone of the text', () => {
  const cases: [string | null, string][] = [
    ['2026-11-22T07:05:09Z', '14:05:09 22/11/2026'],
    ['2026-11-22T07:05:09.123456+00:00', '14:05:09 22/11/2026'],
    ['2026-11-22T23:30:00+07:00', '23:30:00 22/11/2026'],
    ['2026-11-22T17:30:00Z', '00:30:00 23/11/2026'],
    [null, '—'],
    ['not a time', '—'],
  ];
  for (const [iso, want] of cases) assert.equal(formatAt(iso), want, String(iso));
});

test('ago counts seconds and minutes, then gives the time', () => {
  const now = Date.parse('2026-11-22T07:00:00Z');
  const cases: [string | null, string][] = [
    [null, 'chưa từng'],
    ['2026-11-22T06:59:48Z', '12 giây trước'],
    ['2026-11-22T07:00:05Z', '0 giây trước'],
    ['2026-11-22T06:55:00Z', '5 phút trước'],
    ['2026-11-22T05:00:00Z', '12:00, 22/11/2026'],
    ['garbage', '—'],
  ];
  for (const [iso, want] of cases) assert.equal(ago(iso, now), want, String(iso));
});

test('a Vietnam day is 00:00 to 24:00 at UTC+7; impossible dates are null', () => {
  assert.equal(vnDayStart('2026-11-22')?.toISOString(), '2026-11-21T17:00:00.000Z');
  assert.equal(vnDayEnd('2026-11-22')?.toISOString(), '2026-11-22T17:00:00.000Z');
  assert.equal(vnDayEnd('2026-12-31')?.toISOString(), '2026-12-31T17:00:00.000Z');
  for (const bad of ['', '2026-02-31', '2026-13-01', '22/11/2026', '2026-1-2']) assert.equal(vnDayStart(bad), null, bad);
  assert.equal(vnToday(Date.parse('2026-11-22T17:30:00Z')), '2026-11-23');
});
