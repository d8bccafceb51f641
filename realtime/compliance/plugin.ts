/**
 * `GET /api/compliance?period=&by=agency|commune[&area=]` (ARCHITECTURE.md "Revisions and compliance"):
 * who reported on time, late, or not at all (center/compliance.ts counts it from value_submissions).
 *
 * Scope: what is counted is what the caller may read. A commune official's answer counts only their
 * communes' figures (`by=agency`: the agencies' figures for those communes; `by=commune`: those
 * communes), never the province-level ones; `area=` another commune is 403. An agency's user (a
 * reporter code on their account) sees their own agency only, within their groups. Staff, admins and
 * whole-province users see everything; a wall screen with a compliance panel reads every group's
 * compliance (the `compliance` pseudo-group of its scope), province-wide.
 */
import type { Request, Response } from 'express';
import { COMPLIANCE_BY, type ComplianceBy } from '../../contract/compliance.ts';
import { ComplianceXlsxRequestSchema, XLSX_CONTENT_TYPE, complianceFileName } from '../../contract/exports.ts';
import { parsePeriod } from '../../contract/period.ts';
import { isStaff } from '../../contract/roles.ts';
import { areaInScope } from '../../contract/scope.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { ComplianceQuery, ComplianceRepo } from '../../center/compliance.ts';
import { sendError } from '../http/errors.ts';
import { requireCaller, requireScope, seesWholeProvince } from '../access.ts';
import type { Principal } from '../identity/principal.ts';
import type { RealtimePlugin } from '../plugin.ts';
import { writeWorkbook } from '../exports/workbook.ts';
import { complianceExportTable } from './xlsx.ts';

export interface CompliancePluginOptions {
  repo: ComplianceRepo;
  /** The export's "Xuất lúc" (default: now). */
  now?: () => Date;
}

export function createCompliancePlugin({ repo, now = () => new Date() }: CompliancePluginOptions): RealtimePlugin {
  return {
    name: 'compliance',
    install({ app, config, log, identity, principalOf }) {
      const provinceCode = config.province.code;
      const areas = new Set([provinceCode, ...config.province.communes.map((c) => c.code)]);

      /** The query a caller may ask for, or null once the answer (401, 400, 403) is sent. */
      function resolve(
        req: Request,
        res: Response,
        raw: { period: string; by: string; area: string | undefined },
      ): { p: Principal; q: ComplianceQuery } | null {
        const period = raw.period === '' ? repo.defaultPeriod() : parsePeriod(raw.period);
        if (!period) {
          if (requireCaller(req, res)) sendError(res, 400, 'bad-period', `not a period code: ${raw.period.slice(0, 16)}`);
          return null;
        }
        if (!(COMPLIANCE_BY as readonly string[]).includes(raw.by)) {
          if (requireCaller(req, res)) sendError(res, 400, 'invalid-payload', 'by must be agency or commune');
          return null;
        }
        const { area } = raw;
        if (area !== undefined && !areas.has(area)) {
          if (requireCaller(req, res)) sendError(res, 400, 'unknown-area', `not an area of the province: ${area.slice(0, 16)}`);
          return null;
        }
        const p =
          area === undefined || area === provinceCode
            ? requireCaller(req, res)
            : requireScope(req, res, { areas: [area] }, provinceCode);
        if (!p) return null;
        // An agency's own people see their agency (within their scope); staff see every agency.
        const agency = p.kind === 'user' && !isStaff(p.role) && p.agency ? p.agency : undefined;
        return {
          p,
          q: {
            period,
            by: raw.by as ComplianceBy,
            scope: p.scope,
            ...(area !== undefined ? { area } : {}),
            ...(agency !== undefined ? { agency } : {}),
          },
        };
      }

      /** "Địa bàn" of an export: the province, the asked commune, or the caller's communes. */
      function areaLabel(p: Principal, area: string | undefined): string {
        const name = (code: string) =>
          code === provinceCode
            ? config.province.fullName
            : (config.province.communes.find((c) => c.code === code)?.name ?? code);
        if (area !== undefined) return name(area);
        if (seesWholeProvince(p, provinceCode)) return config.province.fullName;
        return config.province.communes
          .filter((c) => areaInScope(p.scope, c.code, provinceCode))
          .map((c) => c.name)
          .join(', ');
      }

      app.get('/api/compliance', async (req, res) => {
        const r = resolve(req, res, {
          period: req.query.period === undefined ? '' : String(req.query.period),
          by: String(req.query.by ?? 'agency'),
          area: req.query.area === undefined ? undefined : String(req.query.area),
        });
        if (!r) return;
        try {
          res.set('Cache-Control', 'no-store').json(await repo.report(r.q));
        } catch (err) {
          log.error({ err }, 'compliance failed');
          sendError(res, 503, 'internal', 'center database unavailable');
        }
      });

      app.post('/api/compliance/xlsx', async (req, res) => {
        if (!requireCaller(req, res)) return;
        const parsed = ComplianceXlsxRequestSchema.safeParse(req.body);
        if (!parsed.success) return sendError(res, 400, 'invalid-payload', describeZodError(parsed.error));
        const body = parsed.data;
        const audit = (p: Principal, outcome: 'ok' | 'refused', detail: Record<string, unknown>) =>
          identity.audit
            .record({
              actor: { kind: p.kind === 'user' ? 'user' : 'device', id: p.id, name: p.name },
              action: 'export.xlsx',
              target: `compliance:${body.by}`,
              outcome,
              ip: req.ip ?? null,
              detail: { ...body, ...detail },
            })
            .catch((err: unknown) => log.warn({ err }, 'export audit failed'));
        const r = resolve(req, res, { period: body.period ?? '', by: body.by, area: body.area });
        if (!r) {
          // A refusal (403) leaves a trace like every other export; a malformed ask does not.
          const p = principalOf(req);
          if (p && res.statusCode === 403) await audit(p, 'refused', { reason: 'outside scope' });
          return;
        }
        try {
          const payload = await repo.report(r.q);
          const at = now();
          const file = await writeWorkbook(complianceExportTable(payload, areaLabel(r.p, body.area)), {
            provinceName: config.province.fullName,
            exportedBy: r.p.name,
            exportedAt: at,
          });
          await audit(r.p, 'ok', { period: payload.period, rows: payload.rows.length });
          res
            .status(200)
            .set('Content-Type', XLSX_CONTENT_TYPE)
            .set('Content-Disposition', `attachment; filename="${complianceFileName(body.by, payload.period)}"`)
            .set('Cache-Control', 'no-store')
            .send(file);
        } catch (err) {
          log.error({ err }, 'compliance export failed');
          sendError(res, 503, 'internal', 'center database unavailable');
        }
      });
    },
  };
}
