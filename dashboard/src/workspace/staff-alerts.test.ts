import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAlert, asStaffAlert } from './StaffAlerts.tsx';

const silent = {
  kind: 'source-silent',
  source: 'frigate-1',
  message: 'Nguồn frigate-1 im lặng 12 phút',
  at: '2026-12-02T05:00:00Z',
} as const;

test('asStaffAlert: the contract shape, anything else dropped (table)', () => {
  const rows: [unknown, boolean][] = [
    [silent, true],
    [{ ...silent, kind: 'source-recovered' }, true],
    [{ ...silent, kind: 'other' }, false],
    [{ ...silent, source: 3 }, false],
    [null, false],
    ['<b>x</b>', false],
  ];
  for (const [x, ok] of rows) assert.equal(asStaffAlert(x) !== null, ok, JSON.stringify(x));
});

test('addAlert: a recovery replaces the silence of the same source; newest first; bounded', () => {
  const rec = { ...silent, kind: 'source-recovered' as const, at: '2026-12-02T05:10:00Z' };
  assert.deepEqual(addAlert([silent], rec), [rec]);
  const many = Array.from({ length: 9 }, (_, i) => ({ ...silent, source: `s${i}` }));
  const l = many.reduce((acc, a) => addAlert(acc, a), [] as ReturnType<typeof addAlert>);
  assert.deepEqual(
    l.map((a) => a.source),
    ['s8', 's7', 's6', 's5', 's4'],
  );
});
