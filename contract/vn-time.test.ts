import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vnInstant, vnIsoString, vnParts } from './vn-time.ts';

test('Vietnam wall-clock parts and instants, across midnight and the year boundary', () => {
  const cases: [iso: string, parts: [number, number, number, number, number]][] = [
    ['2026-12-01T16:59:59Z', [2026, 12, 1, 23, 59]],
    ['2026-12-01T17:00:00Z', [2026, 12, 2, 0, 0]],
    ['2026-12-31T17:00:00Z', [2027, 1, 1, 0, 0]],
    ['2026-02-28T20:30:00Z', [2026, 3, 1, 3, 30]],
  ];
  for (const [iso, [y, mo, d, h, mi]] of cases) {
    const p = vnParts(new Date(iso));
    assert.deepEqual([p.year, p.month, p.day, p.hour, p.minute], [y, mo, d, h, mi], iso);
    assert.equal(vnInstant(y, mo, d, h, mi).getTime(), new Date(iso).getTime() - p.second * 1000, iso);
  }
  assert.equal(vnIsoString(new Date('2026-12-02T02:30:00Z')), '2026-12-02T09:30:00+07:00');
});
