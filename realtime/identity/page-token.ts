/**
 * The one time a token may travel in a URL (ARCHITECTURE.md "Tokens never travel in URLs except once"):
 * a page opened as `/wall/<screen>?token=…` (a kiosk, the demo address printed at start) exchanges it for
 * the HttpOnly ioc_device cookie and is redirected to the same address without it, so the token leaves
 * the address bar, the history and every later request. An invalid token is dropped the same way, and
 * the page then shows its pairing or sign-in screen.
 */
import type { NextFunction, Request, Response } from 'express';
import { setDeviceCookie } from './http.ts';
import type { PrincipalResolver } from './resolver.ts';

export function exchangePageToken(resolver: PrincipalResolver) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = req.query.token;
    if (token === undefined) return next();
    try {
      if (typeof token === 'string' && (await resolver.isScreenCredential(token))) setDeviceCookie(req, res, token);
      const url = new URL(req.originalUrl, 'http://x');
      url.searchParams.delete('token');
      res
        .set('Cache-Control', 'no-store')
        .set('Referrer-Policy', 'no-referrer')
        .redirect(303, url.pathname + url.search);
    } catch (err) {
      next(err);
    }
  };
}
