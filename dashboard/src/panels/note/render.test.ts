import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment } from 'react';
import { parseNote } from './markdown.ts';
import { renderBlocks } from './elements.tsx';

const html = (src: string) => renderToStaticMarkup(createElement(Fragment, null, ...renderBlocks(parseNote(src))));

test('the note becomes elements of the subset only; markup in it stays escaped text', () => {
  assert.equal(
    html('# Chỉ đạo\nThu **đạt 95%** dự toán\n\n- Sở Tài chính\n- Cục Thuế'),
    '<h3 class="note-h note-h1">Chỉ đạo</h3><p>Thu <strong>đạt 95%</strong> dự toán</p><ul><li>Sở Tài chính</li><li>Cục Thuế</li></ul>',
  );
  assert.equal(
    html('<img src=x onerror=alert(1)> <script>x</script>'),
    '<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;x&lt;/script&gt;</p>',
  );
  assert.equal(html('1. một\n2. hai'), '<ol><li>một</li><li>hai</li></ol>');
});
