/**
 * The meeting pack (ARCHITECTURE.md "Exports"): `POST /api/exports/pdf { views, meeting? }` →
 * application/pdf, rendered on this node by headless Chromium from the dashboard's `/print` page.
 *
 * The page acts with the caller's scope and nothing more: the server reads the figures itself, with the
 * caller's scope (frozen ones when the meeting is frozen), into a print job, and mints a credential for
 * that one job — random, valid for JOB_TTL_MS, sent by the headless browser as `Authorization: Bearer`
 * (never in a URL), opening only `GET /api/exports/pdf/jobs/:id`, and dropped when the PDF is done. The
 * print page is static and gets everything it shows from that one answer, so nothing it renders can
 * reach beyond what the caller could read. Audited as `export.pdf` (done and refused).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../contract/config.ts';
import type { GroupInfo } from '../../contract/http.ts';
import { PdfExportSchema, type View } from '../../contract/meetings.ts';
import type { PrintJob } from '../../contract/meeting-pack.ts';
import type { GroupSnapshot } from '../../contract/messages.ts';
import { describeZodError } from '../../contract/zod-issues.ts';
import type { Store } from '../../store/store.ts';
import { meetingReadScope, refusal, requireCaller, visibleValues } from '../access.ts';
import { sendError } from '../http/errors.ts';
import { bearerOf, clientIp } from '../identity/http.ts';
import type { IdentityServices } from '../identity/services.ts';
import type { Principal } from '../identity/principal.ts';
import { provinceInfo } from '../payloads.ts';
import { scopedSnapshot } from '../snapshot-scope.ts';
import { filterGroupsByScope } from '../../contract/scope.ts';
import { frozenSnapshots } from './frozen.ts';
import { createPdfRenderer, type PdfRenderer } from './pdf-renderer.ts';
import type { MeetingService } from './service.ts';
import { meetingRollup } from './rollup-route.ts';
import { checkView, viewAreas, viewPeriods } from './views.ts';
import { reportedAtCadence, selectionAtCadence } from '../../contract/cadence-selection.ts';
import { vnIsoString } from '../../contract/vn-time.ts';

export interface PdfOptions {
  /** Chromium (default /usr/bin/chromium or CHROMIUM_PATH). */
  executablePath?: string;
  /** Pages rendered at once on this node (default 2: the machine has few cores). */
  maxConcurrent?: number;
  /** A renderer built elsewhere (tests, benches). */
  renderer?: PdfRenderer;
}

/** Long enough for a 40-page pack on a busy machine; a leaked credential is worthless soon after. */
const JOB_TTL_MS = 120_000;
const READY = '[data-print-ready="1"]';
const FAILED = '[data-print-error]';

interface Job {
  body: PrintJob;
  secret: Buffer;
  expiresAt: number;
}

export function installPdfRoutes(deps: {
  app: Express;
  config: Config;
  log: Logger;
  identity: IdentityServices;
  store: Store;
  service: MeetingService;
  infos: GroupInfo[];
  options: PdfOptions | undefined;
}): { close(): Promise<void> } {
  const { app, config, log, identity, store, service, infos } = deps;
  const provinceCode = config.province.code;
  const catalog = {
    provinceCode,
    groups: new Map(config.groups.map((g) => [g.id, new Set(g.indicators.map((i) => i.id))])),
    areaCodes: new Set([provinceCode, ...config.province.communes.map((c) => c.code)]),
  };
  const indicators = new Map(config.groups.flatMap((g) => g.indicators.map((i) => [i.id, i] as const)));
  const renderer = deps.options ? (deps.options.renderer ?? createPdfRenderer(deps.options)) : null;
  const jobs = new Map<string, Job>();

  const audit = (p: Principal, outcome: 'ok' | 'refused' | 'failed', ip: string | null, detail: object) =>
    identity.audit
      .record({
        actor: { kind: p.kind, id: p.id, name: p.name },
        action: 'export.pdf',
        target: null,
        outcome,
        ip,
        detail: { ...detail },
      })
      .catch((err: unknown) => log.warn({ err }, 'export not audited'));

  /** The snapshot of a group at an area, as this reader may see it. */
  async function liveSnapshot(reader: Principal, group: string, area: string, at: Date): Promise<GroupSnapshot> {
    const s = await store.getGroup(group);
    const values = new Map(s.values.map((v, i) => [String(i), v]));
    const snap = scopedSnapshot(group, { version: s.version, at: s.at, values }, { area, provinceCode, now: at });
    return { ...snap, values: visibleValues(reader, snap.values, provinceCode) };
  }

  app.post('/api/exports/pdf', async (req: Request, res: Response) => {
    const p = requireCaller(req, res);
    if (!p) return;
    const ip = clientIp(req);
    const parsed = PdfExportSchema.safeParse(req.body);
    if (!parsed.success) {
      void audit(p, 'refused', ip, { code: 'invalid-payload' });
      return sendError(res, 400, 'invalid-payload', describeZodError(parsed.error));
    }
    const { views, meeting: meetingId } = parsed.data;
    for (const [i, v] of views.entries()) {
      const problem = checkView(v, catalog);
      if (problem) return sendError(res, 400, problem.code, `views[${i}]: ${problem.message}`);
      const why = refusal(p, { groups: [v.group], areas: viewAreas(v) }, provinceCode);
      if (why) {
        void audit(p, 'refused', ip, { code: 'forbidden', view: i });
        return sendError(res, 403, 'forbidden', `views[${i}]: ${why}`);
      }
    }
    if (!renderer) return sendError(res, 503, 'unavailable', 'this node does not render PDF');
    try {
      const now = new Date();
      let meeting: PrintJob['meeting'] = null;
      let frozen: GroupSnapshot[] | null = null;
      if (meetingId) {
        const m = await service.get(meetingId);
        if (!m) return sendError(res, 404, 'not-found', 'no such active meeting');
        if (!meetingReadScope(p, m.state, m.scope)) return sendError(res, 403, 'forbidden', 'not a member of this meeting');
        meeting = { id: m.state.id, title: m.state.title, presenter: m.state.presenter, frozenAt: m.state.frozenAt };
        if (m.state.frozenAt) {
          const figures = await service.figures(p, meetingId, [...new Set(views.map((v) => v.group))]);
          frozen = figures.ok ? figures.frozen : null;
        }
      }
      const asOf = meeting?.frozenAt ?? now.toISOString();
      const data = await Promise.all(
        views.map((v: View) =>
          Promise.all(
            [provinceCode, ...viewAreas(v).filter((a) => a !== provinceCode)].map(async (area) => ({
              area,
              snapshot: frozen
                ? frozenSnapshots(frozen, [v.group], p, { area, provinceCode, frozenAt: asOf })[0]!
                : await liveSnapshot(p, v.group, area, now),
            })),
          ),
        ),
      );
      // A period's ranking reads every commune's series, which a snapshot does not carry: rolled up here.
      const rollups: PrintJob['rollups'] = [];
      for (const v of views) {
        const ind = v.indicator ? indicators.get(v.indicator) : undefined;
        const picks = viewPeriods(v);
        if (!ind || picks.length === 0) continue;
        const values = frozen ? (frozen.find((s) => s.group === v.group)?.values ?? []) : (await store.getGroup(v.group)).values;
        const reported = new Set<string>();
        for (const x of values) if (x.indicator === ind.id && x.area === provinceCode && x.value !== null) reported.add(x.period);
        // The periods the page's ranking reads (tablet/kpi.ts periodShown): at the indicator's cadence,
        // and the latest reported one when that is not in yet — a yearly figure in a month's view.
        for (const picked of picks)
          for (const period of new Set([
            selectionAtCadence(picked, ind.period),
            reportedAtCadence(picked, ind.period, reported),
          ])) {
            if (rollups.some((r) => r.indicator === ind.id && r.period === period)) continue;
            const { frozenAt: _, ...r } = meetingRollup(config, values, ind, period, p.scope, null);
            rollups.push(r);
          }
      }
      const job: Job = {
        body: {
          id: randomUUID(),
          views,
          province: provinceInfo(config),
          groups: filterGroupsByScope(
            infos.filter((g) => views.some((v) => v.group === g.id)),
            p.scope,
          ),
          meeting,
          generatedAt: now.toISOString(),
          asOf,
          data,
          rollups,
        },
        secret: randomBytes(32),
        expiresAt: Date.now() + JOB_TTL_MS,
      };
      jobs.set(job.body.id, job);
      const started = performance.now();
      try {
        const host = req.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
        const base = `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}`;
        const pdf = await renderer.render({
          url: `${base}/print?job=${job.body.id}`,
          headers: { authorization: `Bearer ${job.secret.toString('base64url')}` },
          readySelector: READY,
          errorSelector: FAILED,
          timeoutMs: JOB_TTL_MS / 2,
        });
        void audit(p, 'ok', ip, { views: views.length, meeting: meetingId ?? null, bytes: pdf.length, asOf });
        log.info(
          { views: views.length, bytes: pdf.length, ms: Math.round(performance.now() - started) },
          'meeting pack rendered',
        );
        // The day in Vietnam, as the pages print it (asOf is UTC: before 07:00 it is still yesterday there).
        const day = vnIsoString(Date.parse(asOf)).slice(0, 10);
        res
          .set({
            'Content-Type': 'application/pdf',
            'Content-Disposition': `attachment; filename="tai-lieu-hop-${day}.pdf"`,
            'Cache-Control': 'no-store',
          })
          .send(pdf);
      } finally {
        jobs.delete(job.body.id);
      }
    } catch (err) {
      log.error({ err }, 'PDF export failed');
      void audit(p, 'failed', ip, { views: views.length });
      if (!res.headersSent) sendError(res, 503, 'internal', 'the PDF could not be rendered');
    }
  });

  // Read by the headless print page only, with the job's own credential.
  app.get('/api/exports/pdf/jobs/:id', (req: Request<{ id: string }>, res: Response) => {
    const job = jobs.get(req.params.id);
    const given = Buffer.from(bearerOf(req) ?? '', 'base64url');
    if (!job || job.expiresAt <= Date.now() || given.length !== job.secret.length || !timingSafeEqual(given, job.secret))
      return sendError(res, 401, 'unauthorized', 'a print job credential is required');
    res.set('Cache-Control', 'no-store').json(job.body);
  });

  return {
    async close() {
      jobs.clear();
      await renderer?.close();
    },
  };
}
