/**
 * GET /api/groups (the caller's groups of the catalog) and GET /api/groups/:group/snapshot (what a
 * subscription would get, inside the caller's scope).
 */
import type { Express, Request, Response } from 'express';
import { groupInfos } from '../../contract/group-info.ts';
import { filterGroupsByScope } from '../../contract/scope.ts';
import { requireCaller, requireScope, visibleValues } from '../access.ts';
import type { RealtimeCore } from '../core.ts';
import { scopedSnapshot } from '../snapshot-scope.ts';
import { sendError } from './errors.ts';
import { derivedFrom } from '../config-derived.ts';

export function installGroupRoutes(
  app: Express,
  { config, catalog, cache, log, now }: Pick<RealtimeCore, 'config' | 'catalog' | 'cache' | 'log' | 'now'>,
): void {
  const infos = derivedFrom(
    () => [config.groups],
    () => groupInfos(config),
  );

  app.get('/api/groups', (req, res) => {
    const p = requireCaller(req, res);
    if (p) res.json(filterGroupsByScope(infos(), p.scope));
  });

  app.get('/api/groups/:group/snapshot', async (req: Request<{ group: string }>, res: Response) => {
    const group = req.params.group;
    const area = typeof req.query.area === 'string' ? req.query.area : catalog.provinceCode;
    if (!catalog.groupIds.has(group))
      return requireCaller(req, res) && sendError(res, 404, 'unknown-group', `unknown group: ${group}`);
    if (!catalog.areaCodes.has(area))
      return requireCaller(req, res) && sendError(res, 400, 'unknown-area', `unknown area: ${area}`);
    const p = requireScope(req, res, { groups: [group], areas: [area] }, catalog.provinceCode);
    if (!p) return;
    try {
      const [state] = await cache.current([group]);
      const snap = scopedSnapshot(group, state!, { area, provinceCode: catalog.provinceCode, now: now() });
      res.json({ ...snap, values: visibleValues(p, snap.values, catalog.provinceCode) });
    } catch (err) {
      log.error({ err, group }, 'snapshot failed');
      sendError(res, 503, 'internal', 'store unavailable');
    }
  });
}
