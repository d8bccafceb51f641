/**
 * Sign-in, the session and the user's own password (ARCHITECTURE.md "Sign-in"):
 *   POST /api/session { username, password } → 204 + ioc_session cookie | 401 invalid-credentials | 429 throttled
 *   GET /api/session → SessionInfo | 401;  DELETE /api/session → 204 (the session ends on the server, its sockets close)
 *   PUT /api/session/password { current, next } → 204 (the user's other sessions end)
 * A failed sign-in never says whether the name exists: one answer, and the same time spent (center/users).
 */
import type { Express, Request, Response } from 'express';
import type { Server } from 'socket.io';
import { ChangePasswordRequestSchema, SignInRequestSchema, passwordProblems } from '../../contract/identity.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import { SESSION_COOKIE } from './resolver.ts';
import { clearCookie, clientIp, cookiesOf, principalOf, setSessionCookie } from './http.ts';
import { actorOf, apiError, requireUser } from './guard.ts';
import { secretKey, sessionInfo } from './principal.ts';
import type { IdentityServices } from './services.ts';

export interface SignInCounter {
  inc(labels: { outcome: string }): void;
}

export function installSessionRoutes(app: Express, io: Server, ids: IdentityServices, signIns: SignInCounter): void {
  const { users, sessions, audit, throttle } = ids;

  app.post('/api/session', async (req: Request, res: Response) => {
    const ip = clientIp(req);
    const body = SignInRequestSchema.safeParse(req.body);
    if (!body.success) {
      signIns.inc({ outcome: 'invalid-payload' });
      return apiError(res, 400, 'invalid-payload', describeZodError(body.error));
    }
    const { username, password } = body.data;
    const verdict = await throttle.check(username, ip);
    if (!verdict.allowed) {
      signIns.inc({ outcome: 'throttled' });
      await audit.record({
        actor: { kind: 'anonymous', name: username },
        action: 'session.sign-in',
        outcome: 'refused',
        ip,
        detail: { reason: 'throttled' },
      });
      res.set('Retry-After', String(verdict.retryAfterS));
      return apiError(res, 429, 'throttled', 'too many failed attempts; try again later');
    }
    const check = await users.checkCredentials(username, password);
    if (!check.ok) {
      await throttle.fail(username, ip);
      signIns.inc({ outcome: 'refused' });
      const actor = check.user
        ? { kind: 'user' as const, id: check.user.id, name: check.user.name }
        : { kind: 'anonymous' as const, name: username };
      await audit.record({ actor, action: 'session.sign-in', outcome: 'refused', ip, detail: { reason: check.reason } });
      return apiError(res, 401, 'invalid-credentials', 'wrong username or password');
    }
    await throttle.succeed(username, ip);
    const { token, expiresAt } = await sessions.create(check.user.id, { ip, userAgent: req.get('user-agent') ?? null });
    setSessionCookie(req, res, token, expiresAt);
    signIns.inc({ outcome: 'ok' });
    await audit.record({
      actor: { kind: 'user', id: check.user.id, name: check.user.name },
      action: 'session.sign-in',
      outcome: 'ok',
      ip,
    });
    res.status(204).end();
  });

  app.get('/api/session', (req, res) => {
    const p = principalOf(req);
    if (!p) return apiError(res, 401, 'unauthorized', 'not signed in');
    res.set('Cache-Control', 'no-store').json(sessionInfo(p));
  });

  app.delete('/api/session', async (req, res) => {
    const token = cookiesOf(req)[SESSION_COOKIE];
    const p = principalOf(req);
    if (token) {
      await sessions.end(token);
      io.in(`session:${secretKey(token)}`).disconnectSockets(true);
      clearCookie(req, res, SESSION_COOKIE);
      if (p?.kind === 'user')
        await audit.record({ actor: actorOf(p), action: 'session.sign-out', outcome: 'ok', ip: clientIp(req) });
    }
    res.status(204).end();
  });

  app.put('/api/session/password', async (req, res) => {
    const p = requireUser(req, res);
    if (!p) return;
    const token = cookiesOf(req)[SESSION_COOKIE];
    if (p.via !== 'session' || !token) return apiError(res, 403, 'forbidden', 'a program token has no password');
    const body = ChangePasswordRequestSchema.safeParse(req.body);
    if (!body.success) return apiError(res, 400, 'invalid-payload', describeZodError(body.error));
    const problems = passwordProblems(body.data.next, p.username);
    if (problems.length) return apiError(res, 400, 'weak-password', problems.join(' '));
    const ip = clientIp(req);
    const outcome = await users.changePassword(p.id, body.data.current, body.data.next);
    if (outcome === 'wrong-password') {
      await audit.record({ actor: actorOf(p), action: 'user.change-password', target: `user:${p.id}`, outcome: 'refused', ip });
      return apiError(res, 400, 'wrong-password', 'the current password is not right');
    }
    await sessions.endAllForUser(p.id, { exceptToken: token });
    io.in(`user:${p.id}`)
      .except(`session:${secretKey(token)}`)
      .disconnectSockets(true);
    await audit.record({ actor: actorOf(p), action: 'user.change-password', target: `user:${p.id}`, outcome: 'ok', ip });
    res.status(204).end();
  });
}
