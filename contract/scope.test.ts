import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  areaInScope,
  effectiveScope,
  filterGroupsByScope,
  filterValuesByScope,
  groupInScope,
  intersectScope,
  scopeForDevice,
  type Scope,
} from './scope.ts';

const P = '56';
const all: Scope = { groups: '*', areas: '*' };
const province: Scope = { groups: ['budget', 'tax'], areas: [P] };
const commune: Scope = { groups: ['budget', 'health'], areas: ['22333', '22366'] };
const empty: Scope = { groups: [], areas: [] };

test('groupInScope', () => {
  const cases: [Scope, string, boolean][] = [
    [all, 'budget', true],
    [province, 'budget', true],
    [province, 'health', false],
    [commune, 'health', true],
    [empty, 'budget', false],
  ];
  for (const [scope, group, want] of cases) assert.equal(groupInScope(scope, group), want, `${JSON.stringify(scope)} ${group}`);
});

test('areaInScope: the province code covers every commune; communes never cover the province', () => {
  const cases: [Scope, string, boolean][] = [
    [all, P, true],
    [all, '22333', true],
    [province, P, true],
    [province, '22333', true],
    [commune, '22333', true],
    [commune, '22366', true],
    [commune, '22390', false],
    [commune, P, false],
    [empty, P, false],
    [empty, '22333', false],
  ];
  for (const [scope, area, want] of cases)
    assert.equal(areaInScope(scope, area, P), want, `${JSON.stringify(scope.areas)} ${area}`);
});

test('filterValuesByScope: a commune officer’s province subscription carries only their communes', () => {
  const values = [{ area: P }, { area: '22333' }, { area: '22366' }, { area: '22390' }];
  const cases: [Scope, string[]][] = [
    [all, [P, '22333', '22366', '22390']],
    [province, [P, '22333', '22366', '22390']],
    [commune, ['22333', '22366']],
    [{ groups: '*', areas: ['22390'] }, ['22390']],
    [empty, []],
  ];
  for (const [scope, want] of cases)
    assert.deepEqual(
      filterValuesByScope(values, scope, P).map((v) => v.area),
      want,
      JSON.stringify(scope.areas),
    );
  const copy = filterValuesByScope(values, all, P);
  assert.notEqual(copy, values, 'a new array, never the caller’s');
});

test('filterGroupsByScope keeps the order of the list', () => {
  const groups = [{ id: 'tax' }, { id: 'health' }, { id: 'budget' }];
  assert.deepEqual(
    filterGroupsByScope(groups, commune).map((g) => g.id),
    ['health', 'budget'],
  );
  assert.equal(filterGroupsByScope(groups, all).length, 3);
});

test('scopeForDevice: the pages’ groups, deduplicated, province-wide', () => {
  assert.deepEqual(scopeForDevice(['tax', 'budget', 'tax']), { groups: ['budget', 'tax'], areas: '*' });
  assert.deepEqual(scopeForDevice(new Set<string>()), { groups: [], areas: '*' });
});

test('effectiveScope: staff and admins read everything', () => {
  const cases: [Parameters<typeof effectiveScope>[0], Scope][] = [
    ['viewer', commune],
    ['leader', commune],
    ['agency', commune],
    ['staff', all],
    ['admin', all],
  ];
  for (const [role, want] of cases) assert.deepEqual(effectiveScope(role, commune), want, role);
});

test('intersectScope', () => {
  const cases: [Scope, Scope, Scope][] = [
    [all, all, all],
    [all, commune, commune],
    [commune, all, commune],
    [province, commune, { groups: ['budget'], areas: ['22333', '22366'] }],
    [commune, province, { groups: ['budget'], areas: ['22333', '22366'] }],
    [province, all, { groups: ['budget', 'tax'], areas: [P] }],
    [all, province, { groups: ['budget', 'tax'], areas: [P] }],
    [commune, { groups: ['health'], areas: ['22366', '22390'] }, { groups: ['health'], areas: ['22366'] }],
    [commune, empty, empty],
    [
      { groups: '*', areas: [P, '22333'] },
      { groups: '*', areas: ['22390'] },
      { groups: '*', areas: ['22390'] },
    ],
  ];
  for (const [a, b, want] of cases)
    assert.deepEqual(intersectScope(a, b, P), want, `${JSON.stringify(a)} ∩ ${JSON.stringify(b)}`);
  const out = intersectScope(commune, all, P);
  assert.notEqual(out.areas, commune.areas, 'the result shares no array with its inputs');
});
