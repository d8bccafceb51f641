/**
 * GET /api/screens/:screen for a page opened as a screen: its layout, the province and the groups its
 * panels use. A device reads only the screen it is; people may open any page (the figures on it are
 * still cut to their scope by the subscriptions). Wall displays (config/walls) pass on to the screens plugin.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import type { ScreenPayload } from '../../contract/http.ts';
import { groupInfos } from '../../contract/group-info.ts';
import { requireCaller } from '../access.ts';
import type { RealtimeCore } from '../core.ts';
import { canActAsScreen } from '../identity/principal.ts';
import { groupsUsedBy, provinceInfo } from '../payloads.ts';
import { sendError } from './errors.ts';
import { derivedFrom } from '../config-derived.ts';

export function installScreenRoutes(app: Express, { config }: Pick<RealtimeCore, 'config'>): void {
  // Recomputed when the workspace publishes (config-derived.ts).
  const infos = derivedFrom(
    () => [config.groups],
    () => groupInfos(config),
  );
  const displayIds = derivedFrom(
    () => [config.walls],
    () => new Set(config.walls.flatMap((w) => w.displays.map((d) => d.id))),
  );

  app.get('/api/screens/:screen', (req: Request<{ screen: string }>, res: Response, next: NextFunction) => {
    const principal = requireCaller(req, res);
    if (!principal) return;
    const screen = config.screens.find((s) => s.id === req.params.screen);
    if (!screen && displayIds().has(req.params.screen)) return next();
    if (!screen) return sendError(res, 404, 'unknown-screen', `unknown screen: ${req.params.screen}`);
    if (principal.kind === 'device' && !canActAsScreen(principal, screen.id))
      return sendError(res, 403, 'forbidden', 'this device shows another screen');
    const payload: ScreenPayload = { screen, province: provinceInfo(config), groups: groupsUsedBy([screen], infos()) };
    res.json(payload);
  });
}
