import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BLOCKS, parseInline, parseNote, type Block } from './markdown.ts';

const t = (text: string) => ({ type: 'text' as const, text });

test('parseNote: the subset to a tree (table)', () => {
  const rows: [string, Block[]][] = [
    ['Một dòng', [{ type: 'paragraph', children: [t('Một dòng')] }]],
    [
      'dòng 1\ndòng 2\n\ndòng 3',
      [
        { type: 'paragraph', children: [t('dòng 1 dòng 2')] },
        { type: 'paragraph', children: [t('dòng 3')] },
      ],
    ],
    [
      '# Tiêu đề\n## Mục\n### Ý\n#### sâu',
      [
        { type: 'heading', level: 1, children: [t('Tiêu đề')] },
        { type: 'heading', level: 2, children: [t('Mục')] },
        { type: 'heading', level: 3, children: [t('Ý')] },
        { type: 'heading', level: 3, children: [t('sâu')] },
      ],
    ],
    ['- một\n* hai\n+ ba', [{ type: 'list', ordered: false, items: [[t('một')], [t('hai')], [t('ba')]] }]],
    [
      '1. một\n2) hai\n- ba',
      [
        { type: 'list', ordered: true, items: [[t('một')], [t('hai')]] },
        { type: 'list', ordered: false, items: [[t('ba')]] },
      ],
    ],
    ['- dài\n  tiếp', [{ type: 'list', ordered: false, items: [[t('dài tiếp')]] }]],
    [
      'Thu **đạt 95%** dự toán',
      [{ type: 'paragraph', children: [t('Thu '), { type: 'strong', children: [t('đạt 95%')] }, t(' dự toán')] }],
    ],
    ['#không phải tiêu đề', [{ type: 'paragraph', children: [t('#không phải tiêu đề')] }]],
    ['', []],
  ];
  for (const [src, want] of rows) assert.deepEqual(parseNote(src), want, JSON.stringify(src));
});

test('markup stays text: HTML, links, scripts are never elements', () => {
  const src = '<script>alert(1)</script>\n<b>x</b> [a](javascript:1) <img src=x onerror=alert(1)>';
  assert.deepEqual(parseNote(src), [
    { type: 'paragraph', children: [t('<script>alert(1)</script> <b>x</b> [a](javascript:1) <img src=x onerror=alert(1)>')] },
  ]);
});

test('parseInline: emphasis, unmatched markers, nesting', () => {
  assert.deepEqual(parseInline('**a** và *b*'), [
    { type: 'strong', children: [t('a')] },
    t(' và '),
    { type: 'em', children: [t('b')] },
  ]);
  assert.deepEqual(parseInline('2 * 3 = 6'), [t('2 * 3 = 6')]);
  assert.deepEqual(parseInline('**không đóng'), [t('**không đóng')]);
  assert.deepEqual(parseInline('**đậm _nghiêng_**'), [
    { type: 'strong', children: [t('đậm '), { type: 'em', children: [t('nghiêng')] }] },
  ]);
});

test('a huge note is cut to MAX_BLOCKS blocks', () => {
  assert.equal(parseNote(Array.from({ length: 500 }, (_, i) => `đoạn ${i}`).join('\n\n')).length, MAX_BLOCKS);
});
