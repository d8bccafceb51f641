/**
 * Identity on the server, installed before every other route: the JSON body parser of /api (bounded), the
 * refusal of tokens in API query strings, the middleware that resolves who is asking, the one-time page
 * token exchange, and the sign-in, pairing, device, user, audit and (when configured) single sign-on routes.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../../contract/config.ts';
import type { IoServer } from '../plugin.ts';
import { PAGE_ROUTES } from '../http/static.ts';
import { sameOriginRequest } from '../socket/origin.ts';
import { installDeviceRoutes } from './device-routes.ts';
import { apiError } from './guard.ts';
import { identify } from './http.ts';
import { exchangePageToken } from './page-token.ts';
import { installSessionRoutes } from './session-routes.ts';
import type { IdentityServices } from './services.ts';
import { installUserRoutes } from './user-routes.ts';

/** Every JSON body of the API is small; larger is a mistake or an attack (413). Feed webhooks read their own. */
export const API_JSON_LIMIT = '64kb';

export interface IdentityInstallOptions {
  /** Extra routes that need the principal (e.g. single sign-on), installed after the middleware. */
  extraRoutes?: (app: Express) => void;
}

export function installIdentity(
  app: Express,
  io: IoServer,
  config: Config,
  registry: Registry,
  ids: IdentityServices,
  opts: IdentityInstallOptions = {},
): void {
  const signIns = new Counter({
    name: 'ioc_sign_ins_total',
    help: 'Sign-in attempts by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const refusedQuery = new Counter({
    name: 'ioc_token_in_url_refused_total',
    help: 'API calls refused for a token in the query string',
    registers: [registry],
  });

  const json = express.json({ limit: API_JSON_LIMIT });
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/feeds/')) return next();
    // Tokens travel as `Authorization: Bearer` only: a URL ends up in logs, history and Referer headers.
    if (req.query.token !== undefined) {
      refusedQuery.inc();
      return apiError(res, 400, 'token-in-url', 'send the token as an Authorization: Bearer header, never in the URL');
    }
    // Defence in depth beside SameSite cookies: a browser page of another site never changes anything here.
    if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOriginRequest(req))
      return apiError(res, 403, 'forbidden', 'cross-site request refused');
    json(req, res, next);
  });
  // Who is asking matters on /api only: static assets and page shells never look a session up.
  app.use('/api', identify(ids.resolver));
  app.get(PAGE_ROUTES, exchangePageToken(ids.resolver));

  installSessionRoutes(app, io, ids, signIns);
  installDeviceRoutes(app, io, config, ids);
  installUserRoutes(app, io, ids);
  opts.extraRoutes?.(app);
}
