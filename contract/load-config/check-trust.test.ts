import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../load-config.ts';
import { DEFAULT_TRUST } from '../config/trust.ts';
import { replaceIn, withEditedConfig } from './config-fixture.ts';

test('the shipped trust.yaml loads', () => {
  const c = loadConfig('config');
  assert.equal(c.trust?.revisedFlagDays, 30);
  assert.ok(c.trust?.plausibility.rules['budget.revenue_yoy']);
});

test('a plausibility rule on an unknown indicator is refused with file, line and key', () => {
  const err = withEditedConfig((dir) =>
    replaceIn(
      dir,
      'trust.yaml',
      '    budget.revenue_total: { maxTimesMedian: 40 }',
      '    budget.revenue_totl: { maxTimesMedian: 40 }',
    ),
  );
  assert.ok(err);
  const issue = err.issues.find((i) => i.message.includes('budget.revenue_totl'));
  assert.ok(issue, err.message);
  assert.match(issue.file, /trust\.yaml$/);
  assert.ok(issue.line && issue.line > 1);
  assert.equal(issue.path, 'plausibility.rules.budget.revenue_totl');
});

test('a bad rule value names the key', () => {
  const err = withEditedConfig((dir) => replaceIn(dir, 'trust.yaml', '{ maxYoyRatio: 50 }', '{ maxYoyRatio: 0.5 }'));
  assert.ok(err);
  assert.ok(
    err.issues.some((i) => i.path === 'plausibility.rules.health.dengue_cases.maxYoyRatio' && /trust\.yaml/.test(i.file)),
    err.message,
  );
});

test('without trust.yaml the defaults apply', () => {
  const err = withEditedConfig((dir) => rmSync(join(dir, 'trust.yaml')));
  assert.equal(err, null);
  assert.equal(DEFAULT_TRUST.revisedFlagDays, 30);
  assert.equal(DEFAULT_TRUST.plausibility.defaults.flowMaxYoyRatio, 10);
});
