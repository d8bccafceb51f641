import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './load-config.ts';
import { replaceIn, withEditedConfig } from './load-config/config-fixture.ts';

test('the shipped configuration is valid: 22 groups, 154 indicators, 65 communes, two screens', () => {
  const c = loadConfig('config');
  assert.equal(c.groups.length, 22);
  assert.equal(
    c.groups.reduce((n, g) => n + g.indicators.length, 0),
    154,
  );
  assert.equal(c.province.communes.length, 65);
  assert.ok(c.screens.length >= 2);
});

test('configuration mistakes are reported with file, line, key path, expectation and hint', () => {
  const cases: { name: string; edit: (dir: string) => void; expect: RegExp[] }[] = [
    {
      name: 'mistyped key',
      edit: (d) => replaceIn(d, 'sources.yaml', 'pollIntervalMs:', 'pollIntervalMS:'),
      expect: [
        /sources\.yaml:\d+ at "reporting\.pollIntervalMS": unknown key "pollIntervalMS"/,
        /did you mean "pollIntervalMs"\?/,
      ],
    },
    {
      name: 'thresholds the wrong way round for the indicator’s polarity',
      edit: (d) =>
        replaceIn(
          d,
          'groups/budget.yaml',
          '    hasPlan: true\n    communeLevel: true\n',
          '    hasPlan: true\n    communeLevel: true\n    thresholds: { on: pctOfPlan, good: 80, bad: 95 }\n',
        ),
      expect: [
        /groups\/budget\.yaml:\d+ at "indicators\.0\.thresholds\.good": good \(80\) must be above bad \(95\)/,
        /swap good and bad/,
      ],
    },
    {
      name: 'wrong type',
      edit: (d) => replaceIn(d, 'sources.yaml', 'pollIntervalMs: 1000', 'pollIntervalMs: fast'),
      expect: [/sources\.yaml:\d+ at "reporting\.pollIntervalMs": expected number, received string/],
    },
    {
      name: 'unknown indicator on a panel',
      edit: (d) => replaceIn(d, 'screens/tong-quan.yaml', 'indicator: budget.revenue_total,', 'indicator: budget.revenue_totl,'),
      expect: [
        /screens\/tong-quan\.yaml:\d+ at "panels\.0\.indicator": unknown indicator "budget\.revenue_totl"/,
        /did you mean "budget\.revenue_total"/,
      ],
    },
    {
      name: 'unknown panel kind',
      edit: (d) => replaceIn(d, 'screens/tong-quan.yaml', 'kind: group-overview', 'kind: pie'),
      expect: [/screens\/tong-quan\.yaml:\d+ at "panels\.6\.kind"/, /kpi-tile/],
    },
    {
      name: 'panel outside the grid',
      edit: (d) =>
        replaceIn(d, 'screens/tong-quan.yaml', 'at: { col: 9, row: 0, w: 3, h: 2 }', 'at: { col: 10, row: 0, w: 3, h: 2 }'),
      expect: [/panel reaches beyond the 12×6 grid/],
    },
    {
      name: 'overlapping panels',
      edit: (d) =>
        replaceIn(d, 'screens/tong-quan.yaml', 'at: { col: 3, row: 0, w: 3, h: 2 }', 'at: { col: 2, row: 0, w: 3, h: 2 }'),
      expect: [/overlaps panel 0/],
    },
    {
      name: 'YAML syntax error',
      edit: (d) => writeFileSync(join(d, 'devices.yaml'), 'devices:\n  - id: a\n   name: b\n'),
      expect: [/devices\.yaml:\d+: YAML syntax/, /indentation/],
    },
    {
      name: 'device bound to a missing screen',
      edit: (d) => replaceIn(d, 'devices.yaml', 'screen: tong-quan', 'screen: tong-quan-cu'),
      expect: [/devices\.yaml:\d+ at "devices\.0\.screen": unknown screen "tong-quan-cu"/, /did you mean "tong-quan"/],
    },
    {
      name: 'unquoted numeric code',
      edit: (d) => replaceIn(d, 'province.yaml', /code: "?56"?/, 'code: 56'),
      expect: [/province\.yaml:\d+ at "code": expected string, received number/, /quote codes/],
    },
    {
      name: 'indicator in the wrong group',
      edit: (d) => replaceIn(d, 'groups/tourism.yaml', 'id: tourism.revenue', 'id: budget.tourism_revenue'),
      expect: [/does not belong to group "tourism"/],
    },
    {
      name: 'mistyped key of a feed source',
      edit: (d) => replaceIn(d, 'sources.yaml', 'topicPrefix: frigate', 'topicPrefx: frigate'),
      expect: [/sources\.yaml:\d+ at "feeds\.frigate\.0\.topicPrefx": unknown key "topicPrefx"/, /did you mean "topicPrefix"\?/],
    },
    {
      name: 'feed source id used twice',
      edit: (d) => replaceIn(d, 'sources.yaml', '- id: doi-tac-ai', '- id: hik-its'),
      expect: [/sources\.yaml:\d+ at "feeds\.webhook\.0\.id": feed source id "hik-its" is used twice/, /unique across frigate/],
    },
    {
      name: 'a KPI tile on a commune the province does not have',
      edit: (d) =>
        replaceIn(
          d,
          'screens/tong-quan.yaml',
          'indicator: budget.revenue_total,',
          'indicator: budget.revenue_total, area: "99999",',
        ),
      expect: [
        /screens\/tong-quan\.yaml:\d+ at "panels\.0\.area": "99999" is not one of the province's communes/,
        /5-digit commune code from province\.yaml/,
      ],
    },
    {
      name: 'a gauge on a commune the province does not have',
      edit: (d) =>
        replaceIn(
          d,
          'screens/tong-quan.yaml',
          'kind: kpi-tile, indicator: public_investment.disbursed,',
          'kind: gauge, indicator: public_investment.disbursed, area: "22334",',
        ),
      expect: [/screens\/tong-quan\.yaml:\d+ at "panels\.1\.area": "22334" is not one of the province's communes/],
    },
    {
      name: 'a KPI tile with a period basis that does not exist',
      edit: (d) =>
        replaceIn(
          d,
          'screens/tong-quan.yaml',
          'indicator: tourism.guests_total,',
          'indicator: tourism.guests_total, basis: cumulative,',
        ),
      expect: [/screens\/tong-quan\.yaml:\d+ at "panels\.2\.basis"/, /period/, /ytd/],
    },
    {
      name: 'ranking on an indicator without commune figures',
      edit: (d) => replaceIn(d, 'screens/tong-quan.yaml', 'indicator: public_admin.online_rate', 'indicator: tourism.revenue'),
      expect: [/not reported per commune/],
    },
  ];
  for (const c of cases) {
    const err = withEditedConfig(c.edit);
    assert.ok(err, `${c.name}: rejected`);
    for (const re of c.expect) assert.match(err.message, re, c.name);
  }
});

test('a KPI tile on a commune of the province, in-period, loads', () => {
  const err = withEditedConfig((d) =>
    replaceIn(
      d,
      'screens/tong-quan.yaml',
      'indicator: budget.revenue_total,',
      'indicator: budget.revenue_total, area: "22333", basis: period,',
    ),
  );
  assert.equal(err, null);
});
