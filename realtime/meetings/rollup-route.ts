/**
 * `GET /api/meetings/:id/rollup?indicator=&period=<selection>` — every area's roll-up of one indicator
 * for a period the presenter picked (contract/rollup-rows.ts, the same code as the tablet's
 * `GET /api/tablet/rollup`), read the way the meeting reads: from the figures frozen at `frozenAt` while
 * the meeting is frozen, from the live store otherwise. The wall's commune ranking and map need it: a
 * province subscription carries the communes' latest period only, not their series.
 *
 * Scope: the caller must be a member (or staff) or one of the meeting's displays (access.ts
 * meetingReadScope), and reads within both their scope and the meeting's; an indicator of a group outside
 * it is 403. Unknown indicator 400 `unknown-indicator`, a period that is not a selection 400 `bad-period`.
 */
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../contract/config.ts';
import type { MeetingRollupPayload } from '../../contract/meeting-pack.ts';
import { PeriodSelectionSchema } from '../../contract/meetings.ts';
import type { IndicatorValue } from '../../contract/messages.ts';
import { rollupRows } from '../../contract/rollup-rows.ts';
import { areaInScope, filterValuesByScope, groupInScope, intersectScope, type Scope } from '../../contract/scope.ts';
import type { Store } from '../../store/store.ts';
import { requireCaller } from '../access.ts';
import { sendError } from '../http/errors.ts';
import type { MeetingService } from './service.ts';
import { checkView, viewCatalogOf } from './views.ts';

/** The roll-up rows of one indicator from a group's values, for a reader of `scope`. */
export function meetingRollup(
  config: Config,
  values: readonly IndicatorValue[],
  ind: { id: string; aggregation: string; unit: string },
  period: string,
  scope: Scope,
  frozenAt: string | null,
): MeetingRollupPayload {
  const provinceCode = config.province.code;
  const areas = [provinceCode, ...config.province.communes.map((c) => c.code)].filter((a) => areaInScope(scope, a, provinceCode));
  const visible = filterValuesByScope(values, scope, provinceCode);
  return { indicator: ind.id, period, rows: rollupRows(visible, ind, period, areas), frozenAt };
}

export function installMeetingRollupRoute(deps: {
  app: Express;
  config: Config;
  log: Logger;
  store: Store;
  service: MeetingService;
}): void {
  const { app, config, log, store, service } = deps;
  const provinceCode = config.province.code;
  const catalog = viewCatalogOf(config);
  const indicators = new Map(config.groups.flatMap((g) => g.indicators.map((i) => [i.id, { ind: i, group: g.id }] as const)));

  app.get('/api/meetings/:id/rollup', async (req: Request<{ id: string }>, res: Response) => {
    const p = requireCaller(req, res);
    if (!p) return;
    const id = String(req.query.indicator ?? '');
    const period = String(req.query.period ?? '');
    const found = indicators.get(id);
    if (!found) return sendError(res, 400, 'unknown-indicator', `unknown indicator: ${id.slice(0, 64)}`);
    const problem = PeriodSelectionSchema.safeParse(period).success
      ? checkView({ group: found.group, indicator: id, period }, catalog)
      : { code: 'bad-period' as const, message: `not a period selection: ${period.slice(0, 16)}` };
    if (problem) return sendError(res, 400, problem.code, problem.message);
    try {
      const meetingId = req.params.id.slice(0, 64);
      const m = await service.get(meetingId);
      if (!m) return sendError(res, 404, 'not-found', 'no such active meeting');
      const figures = await service.figures(p, meetingId, [found.group]);
      if (!figures.ok) return sendError(res, figures.code === 'not-found' ? 404 : 403, figures.code, figures.message);
      const scope = intersectScope(figures.scope, m.scope, provinceCode);
      if (!groupInScope(scope, found.group)) return sendError(res, 403, 'forbidden', 'the group is outside the meeting');
      const values = figures.frozen
        ? (figures.frozen.find((s) => s.group === found.group)?.values ?? [])
        : (await store.getGroup(found.group)).values;
      const body = meetingRollup(config, values, found.ind, period, scope, figures.frozenAt);
      res.set('Cache-Control', 'no-store').json(body);
    } catch (err) {
      log.error({ err, indicator: id }, 'meeting rollup failed');
      sendError(res, 503, 'internal', 'store unavailable');
    }
  });
}
