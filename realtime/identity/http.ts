/**
 * Identity on HTTP: one middleware resolves who is asking once per request (cookies or a Bearer
 * credential) and keeps it for every route (`principalOf`); the `ioc_session` / `ioc_device` cookies are
 * set and cleared here only. Tokens are taken from `Authorization: Bearer` on /api, never from a query
 * string (feed webhooks keep `?key=`, read by their own route).
 */
import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookies, serialize } from 'cookie';
import type { Principal } from './principal.ts';
import { DEVICE_COOKIE, SESSION_COOKIE, type PrincipalResolver } from './resolver.ts';

const principals = new WeakMap<Request, Principal | null>();

/** Who sent the request, as resolved by `identify` (null: nobody, or a credential that is not valid). */
export function principalOf(req: Request): Principal | null {
  return principals.get(req) ?? null;
}

export function bearerOf(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return m?.[1];
}

export function cookiesOf(req: Request): Record<string, string | undefined> {
  const header = req.get('cookie');
  return header ? parseCookies(header) : {};
}

export function clientIp(req: Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}

export function identify(resolver: PrincipalResolver) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const cookies = cookiesOf(req);
      principals.set(
        req,
        await resolver.resolve({
          sessionCookie: cookies[SESSION_COOKIE],
          deviceCookie: cookies[DEVICE_COOKIE],
          bearer: bearerOf(req),
        }),
      );
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** A device credential lives for as long as the screen does: it is revoked, never expired (ten years). */
const DEVICE_COOKIE_MAX_AGE_S = 10 * 365 * 24 * 3600;

function cookie(req: Request, name: string, value: string, maxAgeS: number | null): string {
  return serialize(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    ...(maxAgeS === null ? {} : { maxAge: maxAgeS }),
  });
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  const maxAgeS = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  res.append('Set-Cookie', cookie(req, SESSION_COOKIE, token, maxAgeS));
}

export function setDeviceCookie(req: Request, res: Response, credential: string): void {
  res.append('Set-Cookie', cookie(req, DEVICE_COOKIE, credential, DEVICE_COOKIE_MAX_AGE_S));
}

export function clearCookie(req: Request, res: Response, name: typeof SESSION_COOKIE | typeof DEVICE_COOKIE): void {
  res.append('Set-Cookie', cookie(req, name, '', 0));
}
