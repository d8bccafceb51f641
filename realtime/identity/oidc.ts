/**
 * Single sign-on through the province's OpenID Connect provider: authorization code flow with PKCE (S256),
 * `state` and `nonce` (openid-client). Self-contained; the express wiring calls `begin` from a sign-in route
 * and `complete` from the callback route, then creates the session for the identity it returns.
 *
 * What the browser holds: only `PendingLogin.state`, in a short-lived HttpOnly, SameSite=Lax cookie scoped
 * to the callback path. The PKCE verifier and the nonce stay on the server in a `PendingStore`, keyed by
 * that state, so the cookie carries nothing a browser could misuse; comparing it with the callback's
 * `state` binds the callback to the browser that started the sign-in (no login CSRF).
 *
 * Discovery runs once, in the background from creation; a provider that is down does not stop the process:
 * calls answer `oidc-unavailable` and discovery is tried again, with backoff, on later calls.
 * Nothing here logs a token, a code, a verifier or the client secret.
 */
import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { backoffMs } from '../../contract/backoff.ts';
import type { OidcSettings } from '../../contract/config/identity.ts';
import { mapClaims, type MappedIdentity } from './oidc-claims.ts';
import { createMemoryPendingStore, type PendingStore } from './pending-store.ts';
import { safeReturnTo } from '../../contract/return-to.ts';

export type OidcErrorCode =
  'oidc-unavailable' | 'oidc-state-mismatch' | 'oidc-denied' | 'oidc-failed' | 'not-authorised' | 'invalid-return-to';

export class OidcError extends Error {
  override readonly name = 'OidcError';
  /** `reason`: a short machine word (a refusal reason or the provider's error code), never a token. */
  constructor(
    readonly code: OidcErrorCode,
    readonly reason?: string,
  ) {
    super(reason ? `${code} (${reason})` : code);
  }
}

/** What the caller keeps for the callback: `state` in a cookie; `expiresAtMs` tells the cookie's lifetime. */
export interface PendingLogin {
  state: string;
  expiresAtMs: number;
}

export interface OidcIdentity extends MappedIdentity {
  issuer: string;
  /** Where to send the browser once the session exists: the path given to `begin`, validated there. */
  returnTo: string;
}

/** pino's Logger fits. */
export interface OidcLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OidcLoginDeps {
  /** The origin browsers reach this server at (`https://ioc.khanhhoa.gov.vn`); redirect_uri = origin + redirectPath. */
  publicOrigin: string;
  /** Where `settings.clientSecretEnv` is read; process.env by default. */
  env?: Record<string, string | undefined>;
  store?: PendingStore;
  log?: OidcLog;
  /** How long a sign-in may take at the provider. */
  pendingTtlMs?: number;
  discoveryRetryBaseMs?: number;
  discoveryRetryMaxMs?: number;
  httpTimeoutMs?: number;
  now?: () => number;
}

export interface OidcLogin {
  /** The callback URL registered at the provider. */
  readonly redirectUri: string;
  begin(returnTo: string): Promise<{ redirectUrl: string; state: PendingLogin }>;
  complete(callbackUrl: URL, state: Pick<PendingLogin, 'state'> | undefined): Promise<OidcIdentity>;
}

const SILENT_LOG: OidcLog = { info() {}, warn() {} };

export function createOidcLogin(settings: OidcSettings, deps: OidcLoginDeps): OidcLogin {
  const { store = createMemoryPendingStore(), log = SILENT_LOG, now = Date.now } = deps;
  const { pendingTtlMs = 10 * 60_000, discoveryRetryBaseMs = 5_000, discoveryRetryMaxMs = 5 * 60_000 } = deps;
  const timeoutS = Math.max(1, Math.ceil((deps.httpTimeoutMs ?? 10_000) / 1000));
  const secret = (deps.env ?? process.env)[settings.clientSecretEnv];
  // A configuration error, found at start like every other one; the secret itself is never echoed.
  if (!secret) throw new Error(`${settings.clientSecretEnv} is not set: it must hold the OIDC client secret`);
  const redirectUri = new URL(settings.redirectPath, new URL(deps.publicOrigin).origin).href;
  const issuer = new URL(settings.issuer);
  const auth = settings.clientAuth === 'client_secret_post' ? client.ClientSecretPost(secret) : client.ClientSecretBasic(secret);
  // The settings schema allows plain http for a loopback issuer only (tests, a local provider).
  const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];

  let config: client.Configuration | undefined;
  let discovering: Promise<client.Configuration> | undefined;
  let failures = 0;
  let nextAttemptAtMs = 0;

  function configuration(): Promise<client.Configuration> {
    if (config) return Promise.resolve(config);
    if (discovering) return discovering;
    if (now() < nextAttemptAtMs) return Promise.reject(new OidcError('oidc-unavailable'));
    discovering = client
      .discovery(issuer, settings.clientId, undefined, auth, { timeout: timeoutS, execute })
      .then(
        (c) => {
          if (failures > 0) log.info({ issuer: settings.issuer }, 'oidc provider reachable again');
          config = c;
          failures = 0;
          return c;
        },
        (err: unknown) => {
          failures += 1;
          const retryInMs = backoffMs(failures, { baseMs: discoveryRetryBaseMs, maxMs: discoveryRetryMaxMs });
          nextAttemptAtMs = now() + retryInMs;
          log.warn({ issuer: settings.issuer, attempt: failures, retryInMs, err: errorSummary(err) }, 'oidc discovery failed');
          throw new OidcError('oidc-unavailable');
        },
      )
      .finally(() => {
        discovering = undefined;
      });
    return discovering;
  }
  configuration().catch(() => {}); // early discovery; a failure is logged and retried on use

  async function begin(returnTo: string): Promise<{ redirectUrl: string; state: PendingLogin }> {
    const path = safeReturnTo(returnTo);
    if (path === null) throw new OidcError('invalid-return-to');
    const c = await configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(c, {
      redirect_uri: redirectUri,
      scope: settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    await store.put(state, { codeVerifier, nonce, returnTo: path }, pendingTtlMs);
    return { redirectUrl: url.href, state: { state, expiresAtMs: now() + pendingTtlMs } };
  }

  async function complete(callbackUrl: URL, pending: Pick<PendingLogin, 'state'> | undefined): Promise<OidcIdentity> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || typeof pending?.state !== 'string' || !sameText(state, pending.state))
      throw new OidcError('oidc-state-mismatch');
    const entry = await store.take(state); // one use: a replayed callback finds nothing
    if (!entry) throw new OidcError('oidc-state-mismatch');
    const error = callbackUrl.searchParams.get('error');
    if (error === 'access_denied') throw new OidcError('oidc-denied');
    if (error) throw new OidcError('oidc-failed', errorCode(error));

    const c = await configuration();
    // The callback's parameters on the registered redirect_uri: the Host a proxy passed on does not matter.
    const current = new URL(redirectUri);
    current.search = callbackUrl.search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(c, current, {
        pkceCodeVerifier: entry.codeVerifier,
        expectedState: state,
        expectedNonce: entry.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcError('oidc-failed', 'no-id-token');
      claims = { ...idClaims };
      if (settings.userinfo && c.serverMetadata().userinfo_endpoint)
        claims = { ...claims, ...(await client.fetchUserInfo(c, tokens.access_token, idClaims.sub)) };
    } catch (err) {
      const failure = toOidcError(err);
      log.warn({ code: failure.code, reason: failure.reason }, 'oidc sign-in failed');
      throw failure;
    }

    const mapped = mapClaims(claims, settings.mapping);
    if ('refused' in mapped) {
      log.info({ subject: claims.sub, reason: mapped.refused }, 'oidc identity not authorised');
      throw new OidcError('not-authorised', mapped.refused);
    }
    return { ...mapped, issuer: settings.issuer, returnTo: entry.returnTo };
  }

  return { redirectUri, begin, complete };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A provider's error code is a short word; anything else is not repeated. */
function errorCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9_]{1,64}$/i.test(value) ? value : 'provider-error';
}

function toOidcError(err: unknown): OidcError {
  if (err instanceof OidcError) return err;
  if (isUnreachable(err)) return new OidcError('oidc-unavailable');
  if (err instanceof client.ResponseBodyError) return new OidcError('oidc-failed', errorCode(err.error));
  if (err instanceof client.ClientError) return new OidcError('oidc-failed', errorCode(err.code));
  return new OidcError('oidc-failed');
}

/** Refused connections, DNS failures, timeouts and 5xx answers: the provider, not the sign-in, is at fault. */
function isUnreachable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return true;
  if (err instanceof TypeError && err.message === 'fetch failed') return true;
  const cause: unknown = err.cause;
  if (cause instanceof Response) return cause.status >= 500;
  return isUnreachable(cause, depth + 1);
}

/** For logs: the kind of failure, never a body (which could echo a code or a token). */
function errorSummary(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown';
  const code = (err as { code?: unknown }).code;
  const causeCode = (err.cause as { code?: unknown } | undefined)?.code;
  return [err.name, typeof code === 'string' ? code : '', typeof causeCode === 'string' ? causeCode : '']
    .filter(Boolean)
    .join(' ');
}
