import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../contract/load-config.ts';
import { screenScope } from './screen-scope.ts';

const config = loadConfig('config');
const groupsOf = (screen: string) => screenScope(config, screen).groups as string[];

test('the display critical alerts take over reads the alert feed, even when none of its pages shows alerts', () => {
  const wall = config.walls.find((w) => w.alerts)!;
  const display = wall.alerts!.display;
  const pinned = wall.displays.find((d) => d.id === display)!.pinned!;
  assert.ok(!groupsOf(pinned).includes('alerts'), `the page ${pinned} alone does not read alerts (the case this covers)`);
  assert.ok(groupsOf(display).includes('alerts'), `${display} reads alerts for its takeover`);
  for (const g of groupsOf(pinned)) assert.ok(groupsOf(display).includes(g), `and still its page's ${g}`);
});
