/**
 * Single sign-on routes, when config/identity.yaml names a provider:
 *   GET /api/session/oidc/start?returnTo=/tablet → 302 to the provider (state in an HttpOnly cookie)
 *   GET <redirectPath> (default /api/session/oidc/callback) → the user found or created by issuer|sub,
 *     an ioc_session cookie, 302 to returnTo; on failure 302 to `/?sso=<code>` (the sign-in page says why).
 * Never logs the callback URL (it carries the code) nor any token.
 */
import type { Express, Request, Response } from 'express';
import { serialize } from 'cookie';
import type { Queryable } from '../../center/db.ts';
import { upsertOidcUser } from '../../center/oidc-users.ts';
import { clientIp, cookiesOf, setSessionCookie } from './http.ts';
import { OidcError, type OidcLogin } from './oidc.ts';
import type { IdentityServices } from './services.ts';

const STATE_COOKIE = 'ioc_oidc';

export function installOidcRoutes(
  app: Express,
  db: Queryable,
  login: OidcLogin,
  redirectPath: string,
  ids: IdentityServices,
): void {
  const { users, sessions, audit } = ids;
  const stateCookie = (req: Request, value: string, maxAgeS: number) =>
    serialize(STATE_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: redirectPath, maxAge: maxAgeS });
  const fail = (res: Response, code: string) => res.redirect(302, `/?sso=${encodeURIComponent(code)}`);

  app.get('/api/session/oidc/start', async (req, res) => {
    const returnTo = typeof req.query.returnTo === 'string' ? req.query.returnTo : '/';
    try {
      const { redirectUrl, state } = await login.begin(returnTo);
      res.append('Set-Cookie', stateCookie(req, state.state, Math.max(1, Math.floor((state.expiresAtMs - Date.now()) / 1000))));
      res.redirect(302, redirectUrl);
    } catch (err) {
      if (err instanceof OidcError) return fail(res, err.code);
      throw err;
    }
  });

  app.get(redirectPath, async (req, res) => {
    res.append('Set-Cookie', stateCookie(req, '', 0));
    const ip = clientIp(req);
    const state = cookiesOf(req)[STATE_COOKIE];
    try {
      const identity = await login.complete(new URL(req.originalUrl, login.redirectUri), state ? { state } : undefined);
      const found = await upsertOidcUser(db, users, { ...identity, agency: identity.agency });
      if (!found.ok) {
        await audit.record({
          actor: { kind: 'anonymous', name: identity.username },
          action: 'session.sign-in',
          outcome: 'refused',
          ip,
          detail: { via: 'oidc', reason: found.reason },
        });
        return fail(res, found.reason);
      }
      const { token, expiresAt } = await sessions.create(found.user.id, { ip, userAgent: req.get('user-agent') ?? null });
      setSessionCookie(req, res, token, expiresAt);
      await audit.record({
        actor: { kind: 'user', id: found.user.id, name: found.user.name },
        action: 'session.sign-in',
        outcome: 'ok',
        ip,
        detail: { via: 'oidc', created: found.created },
      });
      res.redirect(302, identity.returnTo);
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      await audit.record({
        actor: { kind: 'anonymous' },
        action: 'session.sign-in',
        outcome: 'refused',
        ip,
        detail: { via: 'oidc', code: err.code, reason: err.reason ?? null },
      });
      fail(res, err.code);
    }
  });
}
