import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScreenPayload } from '../../../contract/http.ts';
import { concernsWall } from './layout-changed.ts';

const page = (id: string) => ({ id }) as ScreenPayload['screen'];
const single = { screen: page('tong-quan') } as ScreenPayload;
const display = {
  screen: page('tong-quan'),
  display: { wall: { id: 'phong-dieu-hanh' }, display: { id: 'man-hinh-1' }, pages: [page('tong-quan'), page('kinh-te-xa-hoi')] },
} as unknown as ScreenPayload;

test('concernsWall: the screen itself, its display, its wall or a page it shows (table)', () => {
  const rows: [string, string, ScreenPayload | null, boolean][] = [
    ['tong-quan', 'tong-quan', null, true],
    ['an-ninh', 'tong-quan', single, false],
    ['tong-quan', 'tong-quan', single, true],
    ['man-hinh-1', 'man-hinh-1', display, true],
    ['kinh-te-xa-hoi', 'man-hinh-1', display, true],
    ['phong-dieu-hanh', 'man-hinh-1', display, true],
    ['man-hinh-2', 'man-hinh-1', display, false],
    ['an-ninh-trat-tu', 'man-hinh-1', display, false],
  ];
  for (const [named, screen, payload, want] of rows)
    assert.equal(concernsWall(named, screen, payload), want, `${named} on ${screen}`);
});
