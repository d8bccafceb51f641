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
import { COMPLIANCE_BY, type ComplianceBy } from '../../contract/compliance.ts';
import { parsePeriod } from '../../contract/period.ts';
import { isStaff } from '../../contract/roles.ts';
import type { ComplianceRepo } from '../../center/compliance.ts';
import { sendError } from '../http/errors.ts';
import { requireCaller, requireScope } from '../access.ts';
import type { RealtimePlugin } from '../plugin.ts';

export interface CompliancePluginOptions {
  repo: ComplianceRepo;
}

export function createCompliancePlugin({ repo }: CompliancePluginOptions): RealtimePlugin {
  return {
    name: 'compliance',
    install({ app, config, log }) {
      const provinceCode = config.province.code;
      const areas = new Set([provinceCode, ...config.province.communes.map((c) => c.code)]);
      app.get('/api/compliance', async (req, res) => {
        const rawPeriod = req.query.period === undefined ? '' : String(req.query.period);
        const period = rawPeriod === '' ? repo.defaultPeriod() : parsePeriod(rawPeriod);
        if (!period)
          return requireCaller(req, res) && sendError(res, 400, 'bad-period', `not a period code: ${rawPeriod.slice(0, 16)}`);
        const by = String(req.query.by ?? 'agency');
        if (!(COMPLIANCE_BY as readonly string[]).includes(by))
          return requireCaller(req, res) && sendError(res, 400, 'invalid-payload', 'by must be agency or commune');
        const area = req.query.area === undefined ? undefined : String(req.query.area);
        if (area !== undefined && !areas.has(area))
          return (
            requireCaller(req, res) && sendError(res, 400, 'unknown-area', `not an area of the province: ${area.slice(0, 16)}`)
          );
        const p =
          area === undefined || area === provinceCode
            ? requireCaller(req, res)
            : requireScope(req, res, { areas: [area] }, provinceCode);
        if (!p) return;
        try {
          // An agency's own people see their agency (within their scope); staff see every agency.
          const agency = p.kind === 'user' && !isStaff(p.role) && p.agency ? p.agency : undefined;
          const body = await repo.report({
            period,
            by: by as ComplianceBy,
            scope: p.scope,
            ...(area !== undefined ? { area } : {}),
            ...(agency !== undefined ? { agency } : {}),
          });
          res.set('Cache-Control', 'no-store').json(body);
        } catch (err) {
          log.error({ err }, 'compliance failed');
          sendError(res, 503, 'internal', 'center database unavailable');
        }
      });
    },
  };
}
