import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeZodError } from '../zod-issues.ts';
import { IdentitySettingsSchema, OidcSettingsSchema } from './identity.ts';

const minimal = {
  issuer: 'https://sso.khanhhoa.gov.vn/realms/ioc',
  clientId: 'ioc',
  clientSecretEnv: 'IOC_OIDC_CLIENT_SECRET',
  mapping: { roles: [{ claim: 'groups', value: 'ioc-admins', role: 'admin' }] },
};

test('identity settings: defaults', () => {
  const s = OidcSettingsSchema.parse(minimal);
  assert.equal(s.redirectPath, '/api/session/oidc/callback');
  assert.deepEqual(s.scopes, ['openid', 'profile', 'email']);
  assert.equal(s.clientAuth, 'client_secret_basic');
  assert.equal(s.userinfo, true);
  assert.equal(s.mapping.usernameClaim, 'preferred_username');
  assert.equal(s.mapping.nameClaim, 'name');
  assert.deepEqual(IdentitySettingsSchema.parse({}), {});
});

test('identity settings: http is accepted for a loopback issuer only', () => {
  for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000/oidc', 'http://[::1]:4000'])
    assert.ok(OidcSettingsSchema.safeParse({ ...minimal, issuer }).success, issuer);
});

const invalid: { what: string; input: unknown; says: RegExp }[] = [
  {
    what: 'plain http to a real host',
    input: { ...minimal, issuer: 'http://sso.example' },
    says: /^issuer: the issuer must use https/,
  },
  { what: 'not a URL', input: { ...minimal, issuer: 'sso' }, says: /^issuer: the issuer URL/ },
  { what: 'a query on the issuer', input: { ...minimal, issuer: 'https://sso.example/?x=1' }, says: /no query/ },
  { what: 'a secret in YAML', input: { ...minimal, clientSecret: 's3cr3t' }, says: /clientSecret/ },
  {
    what: 'a secret where the env name goes',
    input: { ...minimal, clientSecretEnv: 'hunter2!' },
    says: /^clientSecretEnv: the name of an environment variable/,
  },
  {
    what: 'a redirect path to another host',
    input: { ...minimal, redirectPath: '//evil/cb' },
    says: /^redirectPath: a path on this server/,
  },
  { what: 'scopes without openid', input: { ...minimal, scopes: ['profile'] }, says: /^scopes: must include openid/ },
  { what: 'no rules', input: { ...minimal, mapping: { roles: [] } }, says: /^mapping.roles: at least one rule/ },
  {
    what: 'an unknown role',
    input: { ...minimal, mapping: { roles: [{ claim: 'groups', value: 'x', role: 'root' }] } },
    says: /^mapping.roles.0.role/,
  },
  {
    what: 'a scope on a staff rule',
    input: { ...minimal, mapping: { roles: [{ claim: 'groups', value: 'x', role: 'staff', scope: { groups: ['budget'] } }] } },
    says: /^mapping.roles.0.scope: staff and admins read everything/,
  },
  {
    what: 'an agency rule without an agency',
    input: { ...minimal, mapping: { roles: [{ claim: 'groups', value: 'x', role: 'agency' }] } },
    says: /^mapping.roles.0.agency: an agency rule needs/,
  },
  {
    what: 'an agency on a leader rule',
    input: {
      ...minimal,
      mapping: { roles: [{ claim: 'groups', value: 'x', role: 'leader', agency: 'STC', scope: { groups: '*', areas: '*' } }] },
    },
    says: /^mapping.roles.0.agency: only a rule with role: agency/,
  },
  {
    what: 'a malformed area in a rule scope',
    input: { ...minimal, mapping: { roles: [{ claim: 'g', value: 'x', role: 'viewer', scope: { areas: [56] } }] } },
    says: /^mapping.roles.0.scope.areas/,
  },
];

for (const c of invalid) {
  test(`identity settings refused: ${c.what}`, () => {
    const r = OidcSettingsSchema.safeParse(c.input);
    assert.equal(r.success, false);
    assert.match(describeZodError(r.error!), c.says);
  });
}
