import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './load-config.ts';
import { replaceIn, withEditedConfig } from './load-config/config-fixture.ts';

const WALL = 'walls/phong-dieu-hanh.yaml';

test('the demo wall: two displays, a playlist and a pinned page, devices bound to displays', () => {
  const c = loadConfig('config');
  const wall = c.walls.find((w) => w.id === 'phong-dieu-hanh')!;
  assert.equal(wall.displays.length, 2);
  assert.deepEqual(
    wall.displays[0]!.playlist!.map((e) => e.page),
    ['tong-quan', 'kinh-te-xa-hoi', 'che-do-bao-cao'],
  );
  assert.equal(wall.displays[1]!.pinned, 'tong-quan');
  assert.equal(wall.kiosk.stallS, 45);
  assert.deepEqual(
    c.devices.devices.filter((d) => d.screen.startsWith('man-hinh')).map((d) => d.id),
    ['kiosk-1', 'kiosk-2'],
  );
});

test('wall mistakes are reported with file, line, key path and hint', () => {
  const cases: { name: string; edit: (dir: string) => void; expect: RegExp[] }[] = [
    {
      name: 'unknown page in a playlist',
      edit: (d) => replaceIn(d, WALL, '{ page: kinh-te-xa-hoi, dwellS: 45 }', '{ page: kinh-te-xa-hoj, dwellS: 45 }'),
      expect: [
        /phong-dieu-hanh\.yaml:\d+ at "displays\.0\.playlist\.1\.page": unknown page "kinh-te-xa-hoj"/,
        /did you mean "kinh-te-xa-hoi"/,
      ],
    },
    {
      name: 'dwell too short',
      edit: (d) => replaceIn(d, WALL, 'dwellS: 60', 'dwellS: 1'),
      expect: [/displays\.0\.playlist\.0\.dwellS/, /5/],
    },
    {
      name: 'display off the grid',
      edit: (d) => replaceIn(d, WALL, /col: 1\n/, 'col: 2\n'),
      expect: [/display "man-hinh-2" is outside the 1×2 wall/, /Hint: col < layout\.columns/],
    },
    {
      name: 'two displays in one place',
      edit: (d) => replaceIn(d, WALL, /col: 1\n/, 'col: 0\n'),
      expect: [/display "man-hinh-2" sits where "man-hinh-1" is/],
    },
    {
      name: 'alert region beyond the page grid',
      edit: (d) => replaceIn(d, WALL, 'region: { col: 9, row: 2, w: 3, h: 4 }', 'region: { col: 10, row: 2, w: 3, h: 4 }'),
      expect: [/at "alerts\.region": the alert region reaches beyond page "tong-quan" \(12×6 grid\)/],
    },
    {
      name: 'mistyped key',
      edit: (d) => replaceIn(d, WALL, 'distanceM: 6', 'distanceMm: 6'),
      expect: [/unknown key "distanceMm"/, /did you mean "distanceM"\?/],
    },
    {
      name: 'display id that is also a page id',
      edit: (d) => replaceIn(d, WALL, 'id: man-hinh-2', 'id: tong-quan'),
      expect: [/display id "tong-quan" is already used/],
    },
    {
      name: 'device bound to an unknown display',
      edit: (d) => replaceIn(d, 'devices.yaml', 'screen: man-hinh-2', 'screen: man-hinh-3'),
      expect: [/devices\.yaml:\d+ at "devices\.\d+\.screen": unknown screen "man-hinh-3"/, /did you mean "man-hinh-[12]"/],
    },
  ];
  for (const c of cases) {
    const err = withEditedConfig(c.edit);
    assert.ok(err, `${c.name}: rejected`);
    for (const re of c.expect) assert.match(err.message, re, c.name);
  }
});
