/**
 * Accounts and the audit log, for admins:
 *   GET /api/users → UserInfo[];  POST /api/users (CreateUserRequest) → 201 UserInfo
 *   PATCH /api/users/:id (UpdateUserRequest) → UserInfo;  POST /api/users/:id/password { password } → 204
 *   GET /api/audit?actor=&action=&target=&from=&to=&limit=&before= → AuditPage
 * Disabling a user or resetting their password ends their sessions and closes their sockets everywhere.
 */
import type { Express, Response } from 'express';
import type { Server } from 'socket.io';
import {
  AuditQuerySchema,
  CreateUserRequestSchema,
  ResetPasswordRequestSchema,
  UpdateUserRequestSchema,
} from '../../contract/identity.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import { auditSearchFromQuery } from '../../center/audit.ts';
import { UserError } from '../../center/users.ts';
import { toUserInfo } from '../../center/user-rows.ts';
import { clientIp } from './http.ts';
import { actorOf, apiError, requireAdmin } from './guard.ts';
import type { IdentityServices } from './services.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function userError(res: Response, err: unknown): void {
  if (!(err instanceof UserError)) throw err;
  const status = err.code === 'username-taken' || err.code === 'last-admin' ? 409 : 400;
  const code = err.code === 'agency-needs-reporter' ? 'invalid-payload' : err.code;
  apiError(res, status, code, err.problems.join(' '));
}

export function installUserRoutes(app: Express, io: Server, ids: IdentityServices): void {
  const { users, sessions, audit } = ids;
  const cutOff = async (id: string) => {
    await sessions.endAllForUser(id);
    io.in(`user:${id}`).disconnectSockets(true);
  };

  app.get('/api/users', async (req, res) => {
    if (!requireAdmin(req, res)) return;
    res.json((await users.list()).map(toUserInfo));
  });

  app.post('/api/users', async (req, res) => {
    const p = requireAdmin(req, res);
    if (!p) return;
    const body = CreateUserRequestSchema.safeParse(req.body);
    if (!body.success) return apiError(res, 400, 'invalid-payload', describeZodError(body.error));
    try {
      const u = await users.create({ ...body.data, mustChangePassword: true });
      await audit.record({
        actor: actorOf(p),
        action: 'user.create',
        target: `user:${u.id}`,
        outcome: 'ok',
        ip: clientIp(req),
        detail: { username: u.username, role: u.role, scope: u.scope },
      });
      res.status(201).json(toUserInfo(u));
    } catch (err) {
      userError(res, err);
    }
  });

  app.patch('/api/users/:id', async (req, res) => {
    const p = requireAdmin(req, res);
    if (!p) return;
    if (!ID.test(req.params.id)) return apiError(res, 400, 'invalid-payload', 'bad user id');
    const body = UpdateUserRequestSchema.safeParse(req.body);
    if (!body.success) return apiError(res, 400, 'invalid-payload', describeZodError(body.error));
    try {
      const u = await users.update(req.params.id, body.data);
      if (!u) return apiError(res, 404, 'not-found', 'no such user');
      // A changed role or scope applies to new requests at once; open sockets would keep the old one.
      if (body.data.disabled || body.data.role || body.data.scope) await cutOff(u.id);
      await audit.record({
        actor: actorOf(p),
        action: 'user.update',
        target: `user:${u.id}`,
        outcome: 'ok',
        ip: clientIp(req),
        detail: body.data,
      });
      res.json(toUserInfo(u));
    } catch (err) {
      userError(res, err);
    }
  });

  app.post('/api/users/:id/password', async (req, res) => {
    const p = requireAdmin(req, res);
    if (!p) return;
    if (!ID.test(req.params.id)) return apiError(res, 400, 'invalid-payload', 'bad user id');
    const body = ResetPasswordRequestSchema.safeParse(req.body);
    if (!body.success) return apiError(res, 400, 'invalid-payload', describeZodError(body.error));
    try {
      if (!(await users.setPassword(req.params.id, body.data.password, { mustChange: true })))
        return apiError(res, 404, 'not-found', 'no such user');
      await cutOff(req.params.id);
      await audit.record({
        actor: actorOf(p),
        action: 'user.reset-password',
        target: `user:${req.params.id}`,
        outcome: 'ok',
        ip: clientIp(req),
      });
      res.status(204).end();
    } catch (err) {
      userError(res, err);
    }
  });

  app.get('/api/audit', async (req, res) => {
    if (!requireAdmin(req, res)) return;
    const q = AuditQuerySchema.safeParse(req.query);
    if (!q.success) return apiError(res, 400, 'invalid-payload', describeZodError(q.error));
    res.set('Cache-Control', 'no-store').json(await audit.search(auditSearchFromQuery(q.data)));
  });
}
