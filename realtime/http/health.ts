/**
 * Liveness, readiness (the store and any extra checks, each bounded in time) and Prometheus metrics. The
 * metrics name sources, reasons and counts that are nobody else's business: like most Prometheus
 * deployments, the scraper sends a bearer token (IOC_METRICS_TOKEN); without one configured they are not
 * served here at all.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import type { RealtimeCore } from '../core.ts';
import { sendError } from './errors.ts';

export const READINESS_TIMEOUT_MS = 2000;

export function installHealthRoutes(
  app: Express,
  { store, registry }: Pick<RealtimeCore, 'store' | 'registry'>,
  opts: { readinessChecks?: Record<string, () => Promise<void>> | undefined; metricsToken?: string | undefined } = {},
): void {
  const readinessChecks = opts.readinessChecks ?? {};
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const metricsHash = opts.metricsToken ? digest(opts.metricsToken) : null;
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, () => Promise<void>> = { store: () => store.ping(), ...readinessChecks };
    const failed: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), READINESS_TIMEOUT_MS);
        } catch (err) {
          failed[name] = (err as Error).message || 'failed';
        }
      }),
    );
    if (Object.keys(failed).length) res.status(503).json({ ok: false, failed });
    else res.json({ ok: true });
  });

  app.get('/metrics', async (req, res) => {
    if (!metricsHash) return sendError(res, 404, 'not-found', 'metrics are not served on this port (set IOC_METRICS_TOKEN)');
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m || !timingSafeEqual(digest(m[1]!), metricsHash))
      return sendError(res, 401, 'unauthorized', 'the scrape token is required');
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
