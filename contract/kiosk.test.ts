import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KioskSignalSchema } from './kiosk.ts';

test('kiosk signals: beats and boundaries pass, anything else is refused', () => {
  const rows: [unknown, boolean][] = [
    [{ type: 'beat', page: 'tong-quan', heapBytes: 12_345_678 }, true],
    [{ type: 'beat', page: null, heapBytes: null }, true],
    [{ type: 'boundary', page: 'kinh-te-xa-hoi' }, true],
    [{ type: 'boundary', page: null, extra: 1 }, true],
    [{ type: 'beat', page: 'x', heapBytes: -1 }, false],
    [{ type: 'beat', page: 'x', heapBytes: '12' }, false],
    [{ type: 'beat', page: 'x' }, false],
    [{ type: 'reload' }, false],
    [{ type: 'boundary', page: 'x'.repeat(201) }, false],
    ['beat', false],
    [null, false],
    [undefined, false],
  ];
  for (const [input, ok] of rows)
    assert.equal(KioskSignalSchema.safeParse(input).success, ok, JSON.stringify(input) ?? String(input));
  assert.deepEqual(
    KioskSignalSchema.parse({ type: 'boundary', page: null, extra: 1 }),
    { type: 'boundary', page: null },
    'unknown keys dropped',
  );
});
