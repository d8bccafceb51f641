import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { View } from '../../contract/meetings.ts';
import { checkView, type ViewCatalog } from './views.ts';

const cat: ViewCatalog = {
  provinceCode: '56',
  groups: new Map([['public_investment', new Set(['public_investment.disbursement_pct'])]]),
  areaCodes: new Set(['56', '22333', '22334']),
};

test('views are checked against the catalog, each problem with its code', () => {
  const cases: [string, View, string | null][] = [
    ['a group', { group: 'public_investment' }, null],
    [
      'an indicator of a commune',
      { group: 'public_investment', indicator: 'public_investment.disbursement_pct', area: '22333' },
      null,
    ],
    ['a roll-up period', { group: 'public_investment', period: '2026-9M' }, null],
    ['a comparison of communes', { group: 'public_investment', compare: { areas: ['22333', '22334'] } }, null],
    ['unknown group', { group: 'nope' }, 'unknown-group'],
    ['indicator of another group', { group: 'public_investment', indicator: 'budget.revenue_total' }, 'unknown-indicator'],
    ['unknown area', { group: 'public_investment', area: '99999' }, 'unknown-area'],
    ['unknown compared area', { group: 'public_investment', compare: { areas: ['22333', '01001'] } }, 'unknown-area'],
    ['a year with no figures', { group: 'public_investment', period: '1900-10' }, 'bad-period'],
    ['the same period twice', { group: 'public_investment', compare: { periods: ['2026-Q3', '2026-Q3'] } }, 'bad-period'],
  ];
  for (const [name, view, code] of cases) assert.equal(checkView(view, cat)?.code ?? null, code, name);
});
