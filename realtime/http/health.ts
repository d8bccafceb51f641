/** Liveness, readiness (the store and any extra checks, each bounded in time) and Prometheus metrics. */
import type { Express } from 'express';
import type { RealtimeCore } from '../core.ts';

export const READINESS_TIMEOUT_MS = 2000;

export function installHealthRoutes(
  app: Express,
  { store, registry }: Pick<RealtimeCore, 'store' | 'registry'>,
  readinessChecks: Record<string, () => Promise<void>> = {},
): void {
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

  app.get('/metrics', async (_req, res) => {
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
