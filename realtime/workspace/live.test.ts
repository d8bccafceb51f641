import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { affectedBy, screensToNotify } from './live.ts';
import { versionOfTag } from './plugin.ts';
import { updateYaml, updateYamlAt, yamlValue } from './yaml-doc.ts';

const config = loadConfig('config');

test('who is told: the page itself and every display showing it; a wall tells its displays; a group every page using it', () => {
  const page = (id: string, title: string) => config.screens.map((s) => (s.id === id ? { ...s, title } : s));
  const cases: [string, Partial<typeof config>, string[]][] = [
    ['nothing changed', {}, []],
    ['tong-quan (on both displays)', { screens: page('tong-quan', 'x') }, ['man-hinh-1', 'man-hinh-2', 'tong-quan']],
    ['kinh-te-xa-hoi (display 1 only)', { screens: page('kinh-te-xa-hoi', 'x') }, ['kinh-te-xa-hoi', 'man-hinh-1']],
    ['an-ninh-trat-tu (on no display)', { screens: page('an-ninh-trat-tu', 'x') }, ['an-ninh-trat-tu']],
    ['the wall', { walls: config.walls.map((w) => ({ ...w, name: 'x' })) }, ['man-hinh-1', 'man-hinh-2']],
    [
      'a renamed indicator of citizen_feedback',
      { groups: config.groups.map((g) => (g.id === 'citizen_feedback' ? { ...g, name: 'x' } : g)) },
      ['man-hinh-1', 'man-hinh-2', 'tong-quan'],
    ],
  ];
  for (const [name, change, expected] of cases)
    assert.deepEqual(screensToNotify(config, { ...config, ...change }), expected, name);
});

test('affected screens of a page, before publishing', () => {
  assert.deepEqual(
    affectedBy(config, 'kinh-te-xa-hoi').screens.map((s) => `${s.kind}:${s.id}`),
    ['display:man-hinh-1', 'page:kinh-te-xa-hoi'],
  );
  assert.deepEqual(affectedBy(config, 'no-such-page').screens, []);
});

test('versions in ETag / If-Match', () => {
  const cases: [string | undefined, number | null | 'invalid'][] = [
    [undefined, null],
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    ['"abc"', 'invalid'],
    ['"1", "2"', 'invalid'],
  ];
  for (const [tag, v] of cases) assert.equal(versionOfTag(tag), v, String(tag));
});

test('writing into an existing YAML document keeps comments and the style of untouched nodes', () => {
  const text = [
    '# Top comment',
    'id: p',
    'title: Old # trailing note',
    '# About the grid',
    'grid: { columns: 12, rows: 6 }',
    'panels:',
    '  - { kind: kpi-tile, indicator: a.b, at: { col: 0, row: 0, w: 3, h: 2 } }',
    '  # the second panel',
    '  - { kind: kpi-tile, indicator: a.c, at: { col: 3, row: 0, w: 3, h: 2 } }',
    '',
  ].join('\n');
  const v = yamlValue(text) as { title: string; panels: { at: { w: number } }[] };
  v.title = 'New';
  v.panels[1]!.at.w = 2;
  v.panels.push({ kind: 'kpi-tile', indicator: 'a.d', at: { col: 6, row: 0, w: 1, h: 1 } } as never);
  const out = updateYaml(text, v);
  assert.equal(
    out,
    [
      '# Top comment',
      'id: p',
      'title: New # trailing note',
      '# About the grid',
      'grid: { columns: 12, rows: 6 }',
      'panels:',
      '  - { kind: kpi-tile, indicator: a.b, at: { col: 0, row: 0, w: 3, h: 2 } }',
      '  # the second panel',
      '  - { kind: kpi-tile, indicator: a.c, at: { col: 3, row: 0, w: 2, h: 2 } }',
      '  - { kind: kpi-tile, indicator: a.d, at: { col: 6, row: 0, w: 1, h: 1 } }',
      '',
    ].join('\n'),
  );
  assert.equal(updateYaml(out, yamlValue(out)), out, 'an unchanged value writes the same text');
  const dropped = updateYamlAt('a:\n  # keep\n  b: 1\n  c: 2\n', ['a'], { b: 1 });
  assert.equal(dropped, 'a:\n  # keep\n  b: 1\n');
  assert.equal(updateYaml(null, { id: 'n' }, 'Created here.'), '# Created here.\n\nid: n\n');
});
