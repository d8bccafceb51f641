/** GET /api/groups (the catalog) and GET /api/groups/:group/snapshot (what a subscription would get). */
import type { Express, Request, Response } from 'express';
import { groupInfos } from '../../contract/group-info.ts';
import type { RealtimeCore } from '../core.ts';
import { scopedSnapshot } from '../snapshot-scope.ts';
import { sendError, sendUnauthorized } from './errors.ts';

export function installGroupRoutes(
  app: Express,
  {
    config,
    catalog,
    cache,
    log,
    now,
    principalOf,
  }: Pick<RealtimeCore, 'config' | 'catalog' | 'cache' | 'log' | 'now' | 'principalOf'>,
): void {
  const infos = groupInfos(config);

  app.get('/api/groups', (_req, res) => {
    res.json(infos);
  });

  app.get('/api/groups/:group/snapshot', async (req: Request<{ group: string }>, res: Response) => {
    if (!principalOf(req)) return sendUnauthorized(res);
    const group = req.params.group;
    if (!catalog.groupIds.has(group)) return sendError(res, 404, 'unknown-group', `unknown group: ${group}`);
    const area = typeof req.query.area === 'string' ? req.query.area : catalog.provinceCode;
    if (!catalog.areaCodes.has(area)) return sendError(res, 400, 'unknown-area', `unknown area: ${area}`);
    try {
      const [state] = await cache.current([group]);
      res.json(scopedSnapshot(group, state!, { area, provinceCode: catalog.provinceCode, now: now() }));
    } catch (err) {
      log.error({ err, group }, 'snapshot failed');
      sendError(res, 503, 'internal', 'store unavailable');
    }
  });
}
