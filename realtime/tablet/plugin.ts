/**
 * The tablet's and the map's server side, as a RealtimePlugin (realtime/plugin.ts):
 *
 *  - `GET /api/tablet` → TabletPayload: the province, its communes and the indicator groups that have
 *    commune figures (what the drill-down shows).
 *  - `GET /api/tablet/history?area=<commune>&group=<group>` → the commune's figures before the 1 July
 *    2025 reform, re-aggregated from its former units through the crosswalk (contract/crosswalk.ts).
 *  - `GET /api/map/values?indicator=<id>&period=<code>` → every commune's figure for one period: their
 *    own after the reform, through the crosswalk before it (approximate ones listed).
 *  - `GET /api/tablet/rollup?indicator=<id>&period=<selection>` → the province's and every in-scope
 *    commune's roll-up (contract/rollup.ts) for a period picked on the tablet (`2026-Q3`, `2026-9M`,
 *    `2026-10-YTD`): the ranking, the map and the side-by-side comparison. Server-side because the
 *    province snapshot carries the communes' latest period only, not their series.
 *  - `GET /api/tablet/displays` → the wall displays a meeting may drive (those who may present).
 *
 * Why here and not in the socket snapshot: the store already holds the former units' rows (ingest
 * accepts them for periods before the reform), so the server aggregates once from data it has, every
 * client gets the same figures, and a tablet does not download 194 former units' series. Pre-reform
 * figures are closed history (a revision is rare), so a request/response is enough; the live socket
 * contract (`group:subscribe {area}` = the commune's own series) stays as it is.
 */
import { asIndicatorValues, crosswalkFigures, isBeforeReform, predecessorsOf } from '../../contract/crosswalk.ts';
import { groupInfos } from '../../contract/group-info.ts';
import type { HistoryPayload, MapValuesPayload, TabletPayload } from '../../contract/http.ts';
import { parsePeriod } from '../../contract/period.ts';
import { PeriodSelectionSchema } from '../../contract/meetings.ts';
import { canPresent } from '../../contract/roles.ts';
import type { MeetingDisplay, TabletRollupPayload } from '../../contract/rollup.ts';
import { rollupRows } from '../../contract/rollup-rows.ts';
import { sendError } from '../http/errors.ts';
import { requireCaller, requireScope, visibleValues } from '../access.ts';
import { areaInScope, filterGroupsByScope } from '../../contract/scope.ts';
import { provinceInfo } from '../payloads.ts';
import type { RealtimePlugin } from '../plugin.ts';

export function createTabletPlugin(): RealtimePlugin {
  return {
    name: 'tablet',
    install({ app, store, config, log }) {
      const provinceCode = config.province.code;
      const infos = groupInfos(config);
      const withCommunes = infos.filter((g) => g.indicators.some((i) => i.communeLevel));
      const communeCodes = new Set(config.province.communes.map((c) => c.code));
      const predecessors = predecessorsOf(config.province.formerCommunes);
      const indicators = new Map(config.groups.flatMap((g) => g.indicators.map((i) => [i.id, { ind: i, group: g.id }] as const)));
      const payload: TabletPayload = {
        province: provinceInfo(config),
        groups: withCommunes,
        defaultIndicator: withCommunes.flatMap((g) => g.indicators).find((i) => i.communeLevel && !i.neutral)?.id ?? null,
      };

      // The drill-down lists only what the caller may open: their groups, and their communes.
      app.get('/api/tablet', (req, res) => {
        const p = requireCaller(req, res);
        if (!p) return;
        // The whole catalog for those who see the province (a chairman asks about tourism too); a commune
        // official, who sees no province figures, only the groups with commune figures.
        const provinceWide = areaInScope(p.scope, provinceCode, provinceCode);
        const groups = filterGroupsByScope(provinceWide ? infos : payload.groups, p.scope);
        const communes = payload.province.communes.filter((c) => areaInScope(p.scope, c.code, provinceCode));
        const defaultIndicator = groups.flatMap((g) => g.indicators).find((i) => i.communeLevel && !i.neutral)?.id ?? null;
        res.json({ ...payload, province: { ...payload.province, communes }, groups, defaultIndicator } satisfies TabletPayload);
      });

      app.get('/api/tablet/history', async (req, res) => {
        const area = String(req.query.area ?? '');
        const group = String(req.query.group ?? '');
        if (!communeCodes.has(area))
          return (
            requireCaller(req, res) && sendError(res, 400, 'unknown-area', `not a commune of the province: ${area.slice(0, 16)}`)
          );
        if (!infos.some((g) => g.id === group))
          return requireCaller(req, res) && sendError(res, 400, 'unknown-group', `unknown group: ${group.slice(0, 64)}`);
        if (!requireScope(req, res, { groups: [group], areas: [area] }, provinceCode)) return;
        try {
          const snap = await store.getGroup(group);
          const pred = predecessors.get(area) ?? [];
          const figures = config.groups
            .find((g) => g.id === group)!
            .indicators.filter((i) => i.communeLevel)
            .flatMap((i) => crosswalkFigures({ id: i.id, aggregation: i.aggregation, unit: i.unit }, area, pred, snap.values));
          const body: HistoryPayload = { area, group, figures, values: asIndicatorValues(figures) };
          res.set('Cache-Control', 'no-store').json(body);
        } catch (err) {
          log.error({ err, group }, 'history failed');
          sendError(res, 503, 'internal', 'store unavailable');
        }
      });

      app.get('/api/tablet/rollup', async (req, res) => {
        const id = String(req.query.indicator ?? '');
        const period = String(req.query.period ?? '');
        const found = indicators.get(id);
        if (!found)
          return requireCaller(req, res) && sendError(res, 400, 'unknown-indicator', `unknown indicator: ${id.slice(0, 64)}`);
        if (!PeriodSelectionSchema.safeParse(period).success)
          return requireCaller(req, res) && sendError(res, 400, 'bad-period', `not a period selection: ${period.slice(0, 16)}`);
        const p = requireScope(req, res, { groups: [found.group] }, provinceCode);
        if (!p) return;
        try {
          const snap = await store.getGroup(found.group);
          const areas = [provinceCode, ...config.province.communes.map((c) => c.code)].filter((a) =>
            areaInScope(p.scope, a, provinceCode),
          );
          const rows = rollupRows(snap.values, { id, aggregation: found.ind.aggregation, unit: found.ind.unit }, period, areas);
          const body: TabletRollupPayload = { indicator: id, period, rows };
          res.set('Cache-Control', 'no-store').json(body);
        } catch (err) {
          log.error({ err, indicator: id }, 'rollup failed');
          sendError(res, 503, 'internal', 'store unavailable');
        }
      });

      // A meeting drives displays: the list is for those who may present (contract/roles.ts canPresent).
      const displays: MeetingDisplay[] = config.walls.flatMap((w) =>
        w.displays.map((d) => ({ id: d.id, name: d.name, wall: w.id, wallName: w.name })),
      );
      app.get('/api/tablet/displays', (req, res) => {
        const p = requireCaller(req, res);
        if (!p) return;
        if (p.kind !== 'user' || !canPresent(p.role)) return sendError(res, 403, 'forbidden', 'only those who may present');
        res.set('Cache-Control', 'no-store').json(displays);
      });

      app.get('/api/map/values', async (req, res) => {
        const id = String(req.query.indicator ?? '');
        const period = String(req.query.period ?? '');
        const found = indicators.get(id);
        if (!found || !found.ind.communeLevel)
          return (
            requireCaller(req, res) &&
            sendError(res, 400, 'unknown-indicator', `not a commune-level indicator: ${id.slice(0, 64)}`)
          );
        if (!parsePeriod(period))
          return requireCaller(req, res) && sendError(res, 400, 'bad-period', `not a period code: ${period.slice(0, 16)}`);
        const p = requireScope(req, res, { groups: [found.group] }, provinceCode);
        if (!p) return;
        try {
          const snap = await store.getGroup(found.group);
          const body: MapValuesPayload = {
            indicator: id,
            period,
            values: [],
            approximate: [],
            crosswalk: isBeforeReform(period),
          };
          if (body.crosswalk) {
            const mine = snap.values.filter((v) => v.indicator === id && v.period === period);
            for (const c of config.province.communes) {
              const [fig] = crosswalkFigures(
                { id, aggregation: found.ind.aggregation, unit: found.ind.unit },
                c.code,
                predecessors.get(c.code) ?? [],
                mine,
              );
              if (!fig) continue;
              body.values.push(...asIndicatorValues([fig]));
              if (fig.approximate) body.approximate.push(c.code);
            }
          } else {
            body.values = snap.values.filter((v) => v.indicator === id && v.period === period && communeCodes.has(v.area));
          }
          body.values = visibleValues(p, body.values, provinceCode);
          body.approximate = body.approximate.filter((a) => areaInScope(p.scope, a, provinceCode));
          res.set('Cache-Control', 'no-store').json(body);
        } catch (err) {
          log.error({ err, indicator: id }, 'map values failed');
          sendError(res, 503, 'internal', 'store unavailable');
        }
      });
    },
  };
}
