import { test } from 'node:test';
import assert from 'node:assert/strict';
import { designToDisplay, panelWarningText, typeWarnings, warningsByPanel, warningsHeadText } from './type-size.ts';

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

test('warningsByPanel and panelWarningText: one line a panel, main and foot together (table)', () => {
  const ws = typeWarnings(
    [
      { index: 2, mainPx: 18, footPx: 18 },
      { index: 0, mainPx: 60, footPx: 17.5 },
      { index: 1, mainPx: 40, footPx: null },
      { index: 3, mainPx: 60, footPx: 60 },
    ],
    1,
    56,
  );
  const lines = warningsByPanel(ws).map((p) => panelWarningText(p, `Bảng ${p.index + 1}`));
  assert.deepEqual(lines, [
    'Bảng 1: chú thích (nguồn, cập nhật) 17,5 px trên tường',
    'Bảng 2: chữ nhỏ nhất 40 px trên tường',
    'Bảng 3: chữ nhỏ nhất 18 px, chú thích (nguồn, cập nhật) 18 px trên tường',
  ]);
  assert.equal(
    warningsHeadText(3, 56, 6),
    '3 bảng có chữ dưới cỡ tối thiểu 56 px của tường này (để đọc được từ hàng ghế xa nhất, cách 6 m):',
  );
});
