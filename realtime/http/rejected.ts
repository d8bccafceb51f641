/** GET /api/rejected (staff): rejected inputs by source and reason, and the most recent ones. */
import type { Express } from 'express';
import { isStaffUser } from '../auth.ts';
import type { RealtimeCore } from '../core.ts';
import { sendUnauthorized } from './errors.ts';

export const REJECTED_RECENT_LIMIT = 200;

export function installRejectedRoute(app: Express, { store, principalOf }: Pick<RealtimeCore, 'store' | 'principalOf'>): void {
  app.get('/api/rejected', async (req, res) => {
    if (!isStaffUser(principalOf(req))) return sendUnauthorized(res, 'staff only');
    res.json(await store.getRejected(REJECTED_RECENT_LIMIT));
  });
}
