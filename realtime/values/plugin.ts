/**
 * Figures leaders can trust, the server side (ARCHITECTURE.md "Revisions and compliance"):
 *
 *  - `GET /api/values/history?indicator=&area=&period=` → ValueHistoryItem[]: every change of one figure the
 *    ingest published, oldest first, from the center's database. Within the caller's scope (access.ts).
 *  - `GET /api/values/implausible` (staff) → the published figures that break a plausibility rule, with the
 *    rules they broke: read from the store, so the list is exactly what the screens show.
 */
import type { ValueHistoryRepo } from '../../center/value-history.ts';
import { parsePeriod } from '../../contract/period.ts';
import type { ImplausibleValuesPayload, ValueHistoryItem } from '../../contract/trust.ts';
import { requireCaller, requireFigureScope, requireStaffUser } from '../access.ts';
import { sendError } from '../http/errors.ts';
import type { RealtimePlugin } from '../plugin.ts';

export interface ValuesPluginOptions {
  history: Pick<ValueHistoryRepo, 'list'>;
}

export function createValuesPlugin(opts: ValuesPluginOptions): RealtimePlugin {
  return {
    name: 'values',
    install({ app, store, config, log }) {
      const provinceCode = config.province.code;
      const groupOf = new Map(config.groups.flatMap((g) => g.indicators.map((i) => [i.id, g.id] as const)));
      const areas = new Set([
        provinceCode,
        ...config.province.communes.map((c) => c.code),
        ...config.province.formerCommunes.map((c) => c.code),
      ]);

      app.get('/api/values/history', async (req, res) => {
        const indicator = String(req.query.indicator ?? '');
        const area = String(req.query.area ?? '');
        const period = String(req.query.period ?? '');
        const group = groupOf.get(indicator);
        if (!group)
          return (
            requireCaller(req, res) && sendError(res, 404, 'unknown-indicator', `unknown indicator: ${indicator.slice(0, 64)}`)
          );
        if (!areas.has(area))
          return (
            requireCaller(req, res) &&
            sendError(res, 400, 'unknown-area', `neither the province nor one of its communes: ${area.slice(0, 16)}`)
          );
        if (!parsePeriod(period))
          return (
            requireCaller(req, res) &&
            sendError(res, 400, 'bad-period', `not a period code (YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY): ${period.slice(0, 16)}`)
          );
        if (!requireFigureScope(req, res, group, area, provinceCode)) return;
        try {
          const body: ValueHistoryItem[] = await opts.history.list({ indicator, area, period });
          res.set('Cache-Control', 'no-store').json(body);
        } catch (err) {
          log.error({ err, indicator, area, period }, 'value history failed');
          sendError(res, 503, 'internal', 'the center database is unavailable');
        }
      });

      app.get('/api/values/implausible', async (req, res) => {
        if (!requireStaffUser(req, res)) return;
        try {
          const values: ImplausibleValuesPayload['values'] = [];
          for (const g of config.groups) {
            for (const v of (await store.getGroup(g.id)).values) {
              if (!v.flags?.includes('implausible')) continue;
              values.push({
                group: g.id,
                indicator: v.indicator,
                area: v.area,
                period: v.period,
                value: v.value,
                status: v.status,
                reporter: v.reporter ?? null,
                updatedAt: v.updatedAt,
                checks: v.checks ?? [],
              });
            }
          }
          values.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
          res.set('Cache-Control', 'no-store').json({ count: values.length, values } satisfies ImplausibleValuesPayload);
        } catch (err) {
          log.error({ err }, 'implausible values failed');
          sendError(res, 503, 'internal', 'store unavailable');
        }
      });
    },
  };
}
