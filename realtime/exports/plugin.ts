/**
 * `POST /api/exports/xlsx` (contract/exports.ts): a tile, a table or a ranking as an XLSX file, from the
 * store's snapshot of the group, within the caller's scope (realtime/access.ts: the group and the area
 * must be in scope, and the figures are filtered to the communes the caller may see), audited as
 * `export.xlsx` — refused ones too, so an attempt outside one's scope leaves a trace.
 */
import type { Request, Response } from 'express';
import { Counter } from 'prom-client';
import { XLSX_CONTENT_TYPE, XlsxExportRequestSchema, exportFileName } from '../../contract/exports.ts';
import { groupInfos } from '../../contract/group-info.ts';
import { areaInScope } from '../../contract/scope.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import { refusal, requireCaller, visibleValues } from '../access.ts';
import { sendError } from '../http/errors.ts';
import type { Principal } from '../identity/principal.ts';
import type { RealtimePlugin } from '../plugin.ts';
import { buildExport } from './table.ts';
import { writeWorkbook } from './workbook.ts';

export interface ExportsPluginOptions {
  now?: () => Date;
}

export function createExportsPlugin(opts: ExportsPluginOptions = {}): RealtimePlugin {
  const now = opts.now ?? (() => new Date());
  return {
    name: 'exports',
    install({ app, store, config, log, registry, identity }) {
      const groups = groupInfos(config);
      const provinceCode = config.province.code;
      const exports = new Counter({
        name: 'ioc_exports_total',
        help: 'XLSX exports, by kind and outcome',
        labelNames: ['kind', 'outcome'],
        registers: [registry],
      });
      const audit = (req: Request, p: Principal, outcome: 'ok' | 'refused', detail: Record<string, unknown>) =>
        identity.audit
          .record({
            actor: { kind: p.kind === 'user' ? 'user' : 'device', id: p.id, name: p.name },
            action: 'export.xlsx',
            target: typeof detail.indicator === 'string' ? `indicator:${detail.indicator}` : `group:${String(detail.group)}`,
            outcome,
            ip: req.ip ?? null,
            detail,
          })
          .catch((err: unknown) => log.warn({ err }, 'export audit failed'));

      app.post('/api/exports/xlsx', async (req: Request, res: Response) => {
        const p = requireCaller(req, res);
        if (!p) return;
        const parsed = XlsxExportRequestSchema.safeParse(req.body);
        if (!parsed.success) {
          exports.inc({ kind: 'unknown', outcome: 'invalid' });
          return sendError(res, 400, 'invalid-payload', describeZodError(parsed.error));
        }
        const body = parsed.data;
        const why = refusal(p, { groups: [body.group], areas: body.area ? [body.area] : [] }, provinceCode);
        if (why) {
          exports.inc({ kind: body.kind, outcome: 'forbidden' });
          await audit(req, p, 'refused', { ...body, reason: why });
          return sendError(res, 403, 'forbidden', why);
        }
        try {
          const snap = await store.getGroup(body.group).catch(() => null);
          const visible = snap ? visibleValues(p, snap.values, provinceCode) : [];
          const communesInScope = config.province.communes.filter((c) => areaInScope(p.scope, c.code, provinceCode)).length;
          const at = now();
          const result = buildExport(body, visible, { config, groups, now: at, communesInScope });
          if (!result.ok) {
            exports.inc({ kind: body.kind, outcome: result.code });
            return sendError(res, result.status, result.code, result.message);
          }
          const file = await writeWorkbook(result.table, {
            provinceName: config.province.fullName,
            exportedBy: p.name,
            exportedAt: at,
          });
          await audit(req, p, 'ok', { ...body, rows: result.table.rows.length, period: result.table.period });
          exports.inc({ kind: body.kind, outcome: 'ok' });
          const name = exportFileName(body, result.table.period);
          res
            .status(200)
            .set('Content-Type', XLSX_CONTENT_TYPE)
            .set('Content-Disposition', `attachment; filename="${name}"`)
            .set('Cache-Control', 'no-store')
            .send(file);
        } catch (err) {
          log.error({ err, group: body.group }, 'xlsx export failed');
          exports.inc({ kind: body.kind, outcome: 'failed' });
          sendError(res, 500, 'internal', 'the export failed');
        }
      });
    },
  };
}
