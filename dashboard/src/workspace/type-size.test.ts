import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designToDisplay, typeWarningText, typeWarnings } from './type-size.ts';

test('designToDisplay: uniform fit of the page on the display', () => {
  assert.equal(designToDisplay({ width: 1920, height: 1080 }, { width: 1920, height: 1080 }), 1);
  assert.equal(designToDisplay({ width: 1920, height: 1080 }, { width: 3840, height: 2160 }), 2);
  assert.equal(designToDisplay({ width: 1920, height: 1080 }, { width: 1920, height: 1200 }), 1);
  assert.equal(designToDisplay({ width: 3840, height: 1080 }, { width: 1920, height: 1080 }), 0.5);
});

test('typeWarnings: text below the minimum once scaled onto the wall (table)', () => {
  const rows: [string, { mainPx: number | null; footPx: number | null }, number, number, string[]][] = [
    ['large enough at 1:1', { mainPx: 60, footPx: 56 }, 1, 56, []],
    ['main text too small', { mainPx: 40, footPx: 60 }, 1, 56, ['main 40']],
    ['foot too small', { mainPx: 60, footPx: 18 }, 1, 56, ['foot 18']],
    ['a 4K display doubles it', { mainPx: 28, footPx: 28 }, 2, 56, []],
    ['a page twice the display halves it', { mainPx: 74, footPx: 74 }, 0.5, 56, ['main 37', 'foot 37']],
    ['exactly at the minimum is fine', { mainPx: 56, footPx: null }, 1, 56, []],
    ['no text, nothing to say', { mainPx: null, footPx: null }, 1, 56, []],
  ];
  for (const [name, m, scale, min, want] of rows)
    assert.deepEqual(
      typeWarnings([{ index: 3, ...m }], scale, min).map((w) => `${w.part} ${w.wallPx}`),
      want,
      name,
    );
});

test('typeWarningText names the panel, the size on the wall and the minimum in Vietnamese', () => {
  const [w] = typeWarnings([{ index: 0, mainPx: 22.5, footPx: null }], 1, 56);
  assert.equal(
    typeWarningText(w!, 'Bảng 1'),
    'Bảng 1: chữ nhỏ nhất cao 22,5 px trên tường, dưới mức tối thiểu 56 px để đọc được từ hàng ghế xa nhất',
  );
});
