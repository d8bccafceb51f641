import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scope } from '../../../contract/scope.ts';
import type { Role } from '../../../contract/roles.ts';
import { draftFromScope, matchesFilter, scopeFromDraft, scopeSummary, toggled, type ScopeDraft } from './scope-model.ts';

const P = '56';

test('a stored scope becomes a draft and back unchanged', () => {
  const cases: [Scope, ScopeDraft][] = [
    [
      { groups: '*', areas: '*' },
      { allGroups: true, groups: [], areaMode: 'all', communes: [] },
    ],
    [
      { groups: ['budget', 'health'], areas: ['56'] },
      { allGroups: false, groups: ['budget', 'health'], areaMode: 'province', communes: [] },
    ],
    [
      { groups: ['budget', 'alerts'], areas: ['22333', '22366'] },
      { allGroups: false, groups: ['budget', 'alerts'], areaMode: 'communes', communes: ['22333', '22366'] },
    ],
    [
      { groups: '*', areas: ['22333'] },
      { allGroups: true, groups: [], areaMode: 'communes', communes: ['22333'] },
    ],
  ];
  for (const [scope, draft] of cases) {
    assert.deepEqual(draftFromScope(scope, P), draft, JSON.stringify(scope));
    assert.deepEqual(scopeFromDraft(draft, P), { ok: true, scope }, JSON.stringify(scope));
  }
});

test('the province alongside communes reads as the whole province', () => {
  assert.deepEqual(draftFromScope({ groups: '*', areas: ['56', '22333'] }, P), {
    allGroups: true,
    groups: [],
    areaMode: 'province',
    communes: ['22333'],
  });
});

test('a draft becomes a scope, or says what is missing', () => {
  const d = (over: Partial<ScopeDraft>): ScopeDraft => ({ allGroups: true, groups: [], areaMode: 'all', communes: [], ...over });
  const cases: [string, ScopeDraft, ReturnType<typeof scopeFromDraft>][] = [
    ['everything', d({}), { ok: true, scope: { groups: '*', areas: '*' } }],
    [
      'all groups keeps the chosen ones aside',
      d({ groups: ['budget'], areaMode: 'province', communes: ['22333'] }),
      { ok: true, scope: { groups: '*', areas: ['56'] } },
    ],
    [
      'duplicates dropped',
      d({ allGroups: false, groups: ['budget', 'budget'], areaMode: 'communes', communes: ['22333', '22333', '56'] }),
      { ok: true, scope: { groups: ['budget'], areas: ['22333'] } },
    ],
    [
      'no group',
      d({ allGroups: false }),
      { ok: false, problems: { groups: 'Chọn ít nhất một nhóm chỉ tiêu, hoặc “Tất cả các nhóm”.' } },
    ],
    ['no commune', d({ areaMode: 'communes' }), { ok: false, problems: { areas: 'Chọn ít nhất một xã, phường, hoặc cả tỉnh.' } }],
    [
      'both',
      d({ allGroups: false, areaMode: 'communes', communes: ['56'] }),
      {
        ok: false,
        problems: {
          groups: 'Chọn ít nhất một nhóm chỉ tiêu, hoặc “Tất cả các nhóm”.',
          areas: 'Chọn ít nhất một xã, phường, hoặc cả tỉnh.',
        },
      },
    ],
  ];
  for (const [name, draft, want] of cases) assert.deepEqual(scopeFromDraft(draft, P), want, name);
});

test('toggled adds at the end or removes', () => {
  assert.deepEqual(toggled(['a', 'b'], 'c', true), ['a', 'b', 'c']);
  assert.deepEqual(toggled(['a', 'b'], 'a', true), ['b', 'a']);
  assert.deepEqual(toggled(['a', 'b'], 'a', false), ['b']);
  assert.deepEqual(toggled([], 'x', false), []);
});

test('the summary names few groups and communes, counts many, and says staff read everything', () => {
  const names = {
    groups: new Map([
      ['budget', 'Ngân sách'],
      ['health', 'Y tế'],
    ]),
    communes: new Map([
      ['22333', 'Phường Bắc Nha Trang'],
      ['22366', 'Phường Nha Trang'],
    ]),
    province: { code: P, name: 'Khánh Hòa' },
  };
  const cases: [Role, Scope, string][] = [
    ['viewer', { groups: '*', areas: '*' }, 'Mọi nhóm chỉ tiêu · Mọi địa bàn'],
    ['leader', { groups: '*', areas: ['56'] }, 'Mọi nhóm chỉ tiêu · Toàn tỉnh Khánh Hòa'],
    ['viewer', { groups: ['budget', 'alerts'], areas: ['22333'] }, 'Ngân sách, Cảnh báo camera · Phường Bắc Nha Trang'],
    ['agency', { groups: ['budget', 'health', 'tax'], areas: ['22333', '22366', '22390'] }, '3 nhóm chỉ tiêu · 3 xã, phường'],
    ['viewer', { groups: ['gone'], areas: ['99999'] }, 'gone · 99999'],
    ['viewer', { groups: [], areas: [] }, 'Không nhóm nào · Không địa bàn nào'],
    ['staff', { groups: ['budget'], areas: ['22333'] }, 'Toàn bộ (theo vai trò)'],
    ['admin', { groups: '*', areas: '*' }, 'Toàn bộ (theo vai trò)'],
  ];
  for (const [role, scope, want] of cases) assert.equal(scopeSummary(role, scope, names), want, JSON.stringify(scope));
});

test('the commune filter ignores case and accents', () => {
  const cases: [string, string, boolean][] = [
    ['Phường Bắc Nha Trang', 'bac nha', true],
    ['Phường Bắc Nha Trang', 'BẮC', true],
    ['Xã Đại Lãnh', 'dai lanh', true],
    ['Xã Đại Lãnh', '', true],
    ['Xã Đại Lãnh', '  ', true],
    ['Xã Đại Lãnh', 'nha trang', false],
  ];
  for (const [label, filter, want] of cases) assert.equal(matchesFilter(label, filter), want, `${label} / ${filter}`);
});
