import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClaimMappingSchema } from '../../contract/config/identity.ts';
import { mapClaims, readClaim, type ClaimsOutcome } from './oidc-claims.ts';

const mapping = ClaimMappingSchema.parse({
  scopeGroupsClaim: 'ioc_groups',
  scopeAreasClaim: 'ioc_areas',
  agencyClaim: 'ioc_agency',
  roles: [
    { claim: 'groups', value: 'ioc-admins', role: 'admin' },
    { claim: 'realm_access.roles', value: 'ioc-staff', role: 'staff' },
    { claim: 'groups', value: 'lanh-dao', role: 'leader', scope: { groups: '*', areas: ['56'] } },
    { claim: 'groups', value: 'so-tai-chinh', role: 'agency', agency: 'STC', scope: { groups: ['budget'], areas: '*' } },
    { claim: 'groups', value: 'doanh-nghiep', role: 'agency', scope: { groups: ['budget'], areas: '*' } },
    { claim: 'groups', value: 'can-bo-xa', role: 'viewer' },
    { claim: 'email_verified', value: true, role: 'viewer', scope: { groups: ['economy'], areas: ['56'] } },
  ],
});

const who = { sub: 's-1', preferred_username: 'lan', name: 'Nguyễn Thị Lan' };
const everything = { groups: '*', areas: '*' } as const;

const cases: { what: string; claims: Record<string, unknown>; want: ClaimsOutcome }[] = [
  {
    what: 'admin by group; staff-level scope whatever the claims say',
    claims: { ...who, groups: ['ioc-admins', 'lanh-dao'], ioc_groups: ['budget'] },
    want: { subject: 's-1', username: 'lan', name: 'Nguyễn Thị Lan', role: 'admin', scope: everything },
  },
  {
    what: 'staff by a nested claim (Keycloak realm roles)',
    claims: { ...who, realm_access: { roles: ['ioc-staff'] } },
    want: { subject: 's-1', username: 'lan', name: 'Nguyễn Thị Lan', role: 'staff', scope: everything },
  },
  {
    what: 'first match wins: a leader who is also a viewer is a leader, with the rule scope',
    claims: { ...who, groups: ['can-bo-xa', 'lanh-dao'] },
    want: { subject: 's-1', username: 'lan', name: 'Nguyễn Thị Lan', role: 'leader', scope: { groups: '*', areas: ['56'] } },
  },
  {
    what: 'scope claims win over the rule scope; a string claim is split',
    claims: { ...who, groups: 'lanh-dao', ioc_groups: 'budget, economy', ioc_areas: ['56001', '56001'] },
    want: {
      subject: 's-1',
      username: 'lan',
      name: 'Nguyễn Thị Lan',
      role: 'leader',
      scope: { groups: ['budget', 'economy'], areas: ['56001'] },
    },
  },
  {
    what: 'agency from the rule',
    claims: { ...who, groups: ['so-tai-chinh'] },
    want: {
      subject: 's-1',
      username: 'lan',
      name: 'Nguyễn Thị Lan',
      role: 'agency',
      scope: { groups: ['budget'], areas: '*' },
      agency: 'STC',
    },
  },
  {
    what: 'agency from the claim',
    claims: { ...who, groups: ['doanh-nghiep'], ioc_agency: 'SKHDT' },
    want: {
      subject: 's-1',
      username: 'lan',
      name: 'Nguyễn Thị Lan',
      role: 'agency',
      scope: { groups: ['budget'], areas: '*' },
      agency: 'SKHDT',
    },
  },
  {
    what: 'a boolean claim matches its YAML value; the name falls back to the username',
    claims: { sub: 's-2', preferred_username: ' xa ', email_verified: true },
    want: { subject: 's-2', username: 'xa', name: 'xa', role: 'viewer', scope: { groups: ['economy'], areas: ['56'] } },
  },
  { what: 'no rule matches', claims: { ...who, groups: ['visitors'] }, want: { refused: 'no-matching-rule' } },
  { what: 'no claims to match at all', claims: who, want: { refused: 'no-matching-rule' } },
  {
    what: 'a value inside a string is not a match',
    claims: { ...who, groups: 'ioc-admins-old' },
    want: { refused: 'no-matching-rule' },
  },
  { what: 'no subject', claims: { preferred_username: 'lan', groups: ['ioc-admins'] }, want: { refused: 'missing-subject' } },
  { what: 'no username', claims: { sub: 's-1', groups: ['ioc-admins'] }, want: { refused: 'missing-username' } },
  {
    what: 'an empty username',
    claims: { sub: 's-1', preferred_username: '  ', groups: ['ioc-admins'] },
    want: { refused: 'missing-username' },
  },
  {
    what: 'a viewer rule without scope and no scope claims',
    claims: { ...who, groups: ['can-bo-xa'] },
    want: { refused: 'missing-scope' },
  },
  {
    what: 'a viewer with only one side of the scope in claims',
    claims: { ...who, groups: ['can-bo-xa'], ioc_groups: ['budget'] },
    want: { refused: 'missing-scope' },
  },
  {
    what: 'a viewer scoped by claims only',
    claims: { ...who, groups: ['can-bo-xa'], ioc_groups: ['budget'], ioc_areas: '56001' },
    want: {
      subject: 's-1',
      username: 'lan',
      name: 'Nguyễn Thị Lan',
      role: 'viewer',
      scope: { groups: ['budget'], areas: ['56001'] },
    },
  },
  {
    what: 'a claim cannot grant every group',
    claims: { ...who, groups: ['lanh-dao'], ioc_groups: '*' },
    want: { refused: 'invalid-scope-claim' },
  },
  {
    what: 'a malformed area code in the claim',
    claims: { ...who, groups: ['lanh-dao'], ioc_areas: ['Nha Trang'] },
    want: { refused: 'invalid-scope-claim' },
  },
  {
    what: 'a scope claim of the wrong type',
    claims: { ...who, groups: ['lanh-dao'], ioc_groups: 7 },
    want: { refused: 'invalid-scope-claim' },
  },
  {
    what: 'an agency rule with neither a rule agency nor a claim',
    claims: { ...who, groups: ['doanh-nghiep'] },
    want: { refused: 'missing-agency' },
  },
  {
    what: 'a malformed agency claim is refused, not replaced',
    claims: { ...who, groups: ['so-tai-chinh'], ioc_agency: 'stc; drop' },
    want: { refused: 'invalid-agency-claim' },
  },
];

for (const c of cases) {
  test(`mapClaims: ${c.what}`, () => {
    assert.deepEqual(mapClaims(c.claims, mapping), c.want);
  });
}

test('readClaim: an exact claim name with dots wins over a nested path', () => {
  const claims = { 'https://ioc/groups': ['a'], realm_access: { roles: ['b'] }, 'a.b': 1, a: { b: 2 } };
  assert.deepEqual(readClaim(claims, 'https://ioc/groups'), ['a']);
  assert.deepEqual(readClaim(claims, 'realm_access.roles'), ['b']);
  assert.equal(readClaim(claims, 'a.b'), 1);
  assert.equal(readClaim(claims, 'realm_access.roles.length'), undefined);
  assert.equal(readClaim(claims, 'constructor'), undefined);
});
