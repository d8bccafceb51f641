/**
 * Single sign-on against a real OpenID provider (oidc-provider) on 127.0.0.1. The provider's login step is
 * completed by the test itself: its interaction URL points at a handler here that signs in whichever
 * account `nextLogin` names (or denies), and the browser is played by fetch with a cookie jar.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderContext } from 'oidc-provider';
import { eventually } from '../../testing/eventually.ts';
import { OidcSettingsSchema, type OidcSettingsInput } from '../../contract/config/identity.ts';
import { createOidcLogin, OidcError, type OidcLog, type OidcLoginDeps } from './oidc.ts';
import { installOidcRoutes } from './oidc-routes.ts';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../../contract/load-config.ts';
import { createMemoryStore } from '../../store/memory-store.ts';
import { openTestIdentity } from '../../testing/identity.ts';
import { createRealtimeServer } from '../app.ts';

const PUBLIC_ORIGIN = 'https://ioc.test';
const CALLBACK = `${PUBLIC_ORIGIN}/api/session/oidc/callback`;
const SECRET = 'test-client-secret-0123456789abcdef';
const ENV = { IOC_OIDC_CLIENT_SECRET: SECRET };

const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'lan-sub': { preferred_username: 'lan', name: 'Nguyễn Thị Lan', groups: ['ioc-lanh-dao'], email: 'lan@khanhhoa.gov.vn' },
  'khach-sub': { preferred_username: 'khach', name: 'Khách', groups: ['visitors'] },
};

const MAPPING = {
  roles: [
    { claim: 'groups', value: 'ioc-admins', role: 'admin' },
    { claim: 'groups', value: 'ioc-lanh-dao', role: 'leader', scope: { groups: '*', areas: ['56'] } },
  ],
} as const;

let nextLogin: string | 'deny' = 'lan-sub';

function startProvider(port = 0): Promise<{ server: Server; issuer: string }> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: 'ioc',
            client_secret: SECRET,
            redirect_uris: [CALLBACK],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
        cookies: { keys: ['test-cookie-key-0123456789'] },
        ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
        claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
        async findAccount(_ctx: unknown, sub: string) {
          const claims = ACCOUNTS[sub];
          return claims && { accountId: sub, claims: async () => ({ sub, ...claims }) };
        },
        // A first-party client: consent is implied, so only the login step is interactive.
        async loadExistingGrant(ctx: ProviderContext) {
          const { client, session, result, provider: p } = ctx.oidc;
          const id = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
          if (id) return p.Grant.find(id);
          const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
          grant.addOIDCScope('openid profile email');
          await grant.save();
          return grant;
        },
      });
      const handle = provider.callback();
      server.on('request', (req, res) => {
        if (!req.url?.startsWith('/interaction/')) return handle(req, res);
        void (async () => {
          await provider.interactionDetails(req, res);
          const result =
            nextLogin === 'deny'
              ? { error: 'access_denied', error_description: 'the user said no' }
              : { login: { accountId: nextLogin } };
          await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
        })().catch((err: unknown) => {
          res.statusCode = 500;
          res.end(String(err));
        });
      });
      resolve({ server, issuer });
    });
  });
}

const servers: Server[] = [];
after(() => {
  for (const s of servers) {
    s.close();
    s.closeAllConnections();
  }
});

/** The browser: follows the provider's redirects with its cookies until it is sent back to the callback. */
async function browse(start: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
    await res.arrayBuffer();
    const location = res.headers.get('location');
    assert.ok(location, `hop ${hop}: ${res.status} without a Location`);
    const next = new URL(location, url);
    if (next.href.startsWith(CALLBACK)) return next;
    url = next.href;
  }
  throw new Error('too many redirects');
}

function capturingLog(): OidcLog & { lines: string[] } {
  const lines: string[] = [];
  const push = (obj: object, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`);
  return { lines, info: push, warn: push };
}

async function login(issuer: string, deps: Partial<OidcLoginDeps> = {}, extra: Partial<OidcSettingsInput> = {}) {
  const settings = OidcSettingsSchema.parse({
    issuer,
    clientId: 'ioc',
    clientSecretEnv: 'IOC_OIDC_CLIENT_SECRET',
    mapping: MAPPING,
    ...extra,
  });
  return createOidcLogin(settings, { publicOrigin: PUBLIC_ORIGIN, env: ENV, ...deps });
}

/** A login whose discovery has succeeded: it may first meet a keep-alive socket the provider just closed
 * (ECONNRESET), which the module retries on use, so the tests wait for it once here. */
async function readyLogin(issuer: string, log: OidcLog) {
  const oidc = await login(issuer, { log, discoveryRetryBaseMs: 20 });
  await eventually(
    () =>
      oidc.begin('/').then(
        () => true,
        () => false,
      ),
    'discovery done',
  );
  return oidc;
}

async function rejectsWith(p: Promise<unknown>, code: string, reason?: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof OidcError, String(err));
    assert.equal(err.code, code);
    if (reason !== undefined) assert.equal(err.reason, reason);
    return true;
  });
}

const provider = await startProvider();
servers.push(provider.server);

test('a full sign-in yields the mapped identity, and the logs carry no code or token', async () => {
  nextLogin = 'lan-sub';
  const log = capturingLog();
  const oidc = await readyLogin(provider.issuer, log);
  assert.equal(oidc.redirectUri, CALLBACK);
  const { redirectUrl, state } = await oidc.begin('/wall/tong-quan?x=1');
  const auth = new URL(redirectUrl);
  assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(auth.searchParams.get('state'), state.state);
  assert.ok(auth.searchParams.get('nonce'));
  assert.equal(auth.searchParams.get('redirect_uri'), CALLBACK);
  assert.ok(!redirectUrl.includes(SECRET));

  const callback = await browse(redirectUrl);
  const code = callback.searchParams.get('code');
  assert.ok(code);
  const identity = await oidc.complete(callback, { state: state.state });
  assert.deepEqual(identity, {
    subject: 'lan-sub',
    username: 'lan',
    name: 'Nguyễn Thị Lan',
    role: 'leader',
    scope: { groups: '*', areas: ['56'] },
    issuer: provider.issuer,
    returnTo: '/wall/tong-quan?x=1',
  });
  // The callback works once: a replay finds no sign-in under way.
  await rejectsWith(oidc.complete(callback, { state: state.state }), 'oidc-state-mismatch');
  for (const line of log.lines) {
    assert.ok(!line.includes(code), line);
    assert.ok(!line.includes(SECRET), line);
  }
});

test('an account that matches no rule is refused', async () => {
  nextLogin = 'khach-sub';
  const log = capturingLog();
  const oidc = await readyLogin(provider.issuer, log);
  const { redirectUrl, state } = await oidc.begin('/');
  await rejectsWith(oidc.complete(await browse(redirectUrl), state), 'not-authorised', 'no-matching-rule');
  assert.ok(log.lines.some((l) => l.includes('no-matching-rule') && l.includes('khach-sub')));
});

test('a tampered or unknown state is refused', async () => {
  nextLogin = 'lan-sub';
  const oidc = await login(provider.issuer);
  const { redirectUrl, state } = await oidc.begin('/');
  const callback = await browse(redirectUrl);
  const tampered = new URL(callback);
  tampered.searchParams.set('state', 'x' + state.state.slice(1));
  await rejectsWith(oidc.complete(tampered, state), 'oidc-state-mismatch');
  await rejectsWith(oidc.complete(tampered, { state: tampered.searchParams.get('state')! }), 'oidc-state-mismatch');
  await rejectsWith(oidc.complete(callback, undefined), 'oidc-state-mismatch');
  await rejectsWith(oidc.complete(callback, { state: 'another-browser' }), 'oidc-state-mismatch');
  // Another login object (another node without a shared store) never saw this state.
  const other = await login(provider.issuer);
  await rejectsWith(other.complete(callback, state), 'oidc-state-mismatch');
  // The genuine pair still works: refusing a forgery did not consume the sign-in.
  assert.equal((await oidc.complete(callback, state)).username, 'lan');
});

test('access_denied at the provider answers oidc-denied', async () => {
  nextLogin = 'deny';
  const oidc = await login(provider.issuer);
  const { redirectUrl, state } = await oidc.begin('/');
  const callback = await browse(redirectUrl);
  assert.equal(callback.searchParams.get('error'), 'access_denied');
  await rejectsWith(oidc.complete(callback, state), 'oidc-denied');
});

test('a forged code or a provider error answers oidc-failed, and the logs name only the error code', async () => {
  nextLogin = 'lan-sub';
  const log = capturingLog();
  const oidc = await readyLogin(provider.issuer, log);
  const first = await oidc.begin('/');
  const forged = await browse(first.redirectUrl);
  forged.searchParams.set('code', 'forged-code-value');
  await rejectsWith(oidc.complete(forged, first.state), 'oidc-failed', 'invalid_grant');
  assert.ok(log.lines.every((l) => !l.includes('forged-code-value')));

  const second = await oidc.begin('/');
  const errored = new URL(`${CALLBACK}?error=server_error&error_description=boom&state=${second.state.state}`);
  await rejectsWith(oidc.complete(errored, second.state), 'oidc-failed', 'server_error');
});

test('returnTo must be a same-origin path', async () => {
  const oidc = await login(provider.issuer);
  for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', ''])
    await rejectsWith(oidc.begin(bad), 'invalid-return-to');
});

test('a provider down at start: no throw until used, then oidc-unavailable, then a retry succeeds', async () => {
  const probe = await startProvider();
  const { port } = probe.server.address() as AddressInfo;
  await new Promise((r) => {
    probe.server.close(r);
    probe.server.closeAllConnections();
  });
  const log = capturingLog();
  const oidc = await login(`http://127.0.0.1:${port}`, { log, discoveryRetryBaseMs: 500, discoveryRetryMaxMs: 500 });
  await rejectsWith(oidc.begin('/'), 'oidc-unavailable');
  assert.ok(log.lines.some((l) => l.startsWith('oidc discovery failed')));
  // Within the backoff, calls fail fast without another request.
  await rejectsWith(oidc.begin('/'), 'oidc-unavailable');
  assert.equal(log.lines.filter((l) => l.startsWith('oidc discovery failed')).length, 1);

  const revived = await startProvider(port);
  servers.push(revived.server);
  nextLogin = 'lan-sub';
  const started = await eventually(() => oidc.begin('/after'), 'discovery to be retried');
  const identity = await oidc.complete(await browse(started.redirectUrl), started.state);
  assert.equal(identity.role, 'leader');
  assert.equal(identity.returnTo, '/after');
});

test('a missing client secret is a configuration error at creation, naming the variable only', async () => {
  await assert.rejects(login(provider.issuer, { env: {} }), /IOC_OIDC_CLIENT_SECRET is not set/);
});

test('through the server: start → provider → callback gives a session cookie for the mapped user, audited; a refusal returns to the sign-in page', async () => {
  const config = loadConfig('config');
  const identity = await openTestIdentity(config);
  const log = capturingLog();
  const oidc = await readyLogin(provider.issuer, log);
  const server = await createRealtimeServer({
    store: createMemoryStore(),
    config,
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    identity,
    identityRoutes: (app) => installOidcRoutes(app, identity.db, oidc, '/api/session/oidc/callback', identity),
  });
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  try {
    const signInVia = async (account: string) => {
      nextLogin = account;
      const start = await fetch(`${base}/api/session/oidc/start?returnTo=/tablet`, { redirect: 'manual' });
      assert.equal(start.status, 302);
      assert.ok(
        start.headers.get('location')?.startsWith(provider.issuer),
        `to the provider: ${start.headers.get('location')} ${log.lines.join(' | ')}`,
      );
      const stateCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
      assert.match(start.headers.getSetCookie()[0]!, /HttpOnly/i);
      const callback = await browse(start.headers.get('location')!);
      // The provider sends the browser to the public address; here the server listens on loopback.
      return fetch(`${base}${callback.pathname}${callback.search}`, { redirect: 'manual', headers: { cookie: stateCookie } });
    };
    const done = await signInVia('lan-sub');
    assert.equal(done.status, 302);
    assert.equal(done.headers.get('location'), '/tablet');
    const session = done.headers
      .getSetCookie()
      .find((c) => c.startsWith('ioc_session='))!
      .split(';')[0]!;
    const me = (await (await fetch(`${base}/api/session`, { headers: { cookie: session } })).json()) as Record<string, unknown>;
    assert.deepEqual(
      [me.username, me.name, me.role, me.scope],
      ['lan', 'Nguyễn Thị Lan', 'leader', { groups: '*', areas: ['56'] }],
    );
    const again = await signInVia('lan-sub');
    assert.equal(again.status, 302, 'a second sign-in finds the same person');
    assert.equal((await identity.users.list()).filter((u) => u.username === 'lan').length, 1);

    const refused = await signInVia('khach-sub');
    assert.equal(refused.headers.get('location'), '/?sso=not-authorised');
    assert.ok(!refused.headers.getSetCookie().some((c) => c.startsWith('ioc_session=')));
    const { entries } = await identity.audit.search({ action: 'session.sign-in' });
    assert.ok(entries.some((e) => e.outcome === 'ok' && e.detail?.via === 'oidc'));
    assert.ok(entries.some((e) => e.outcome === 'refused' && e.detail?.code === 'not-authorised'));
  } finally {
    await server.close();
    await identity.close();
  }
});
