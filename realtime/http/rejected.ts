/** GET /api/rejected (staff): rejected inputs by source and reason, and the most recent ones. */
import type { Express } from 'express';
import { requireStaffUser } from '../access.ts';
import type { RealtimeCore } from '../core.ts';

export const REJECTED_RECENT_LIMIT = 200;

export function installRejectedRoute(app: Express, { store }: Pick<RealtimeCore, 'store'>): void {
  app.get('/api/rejected', async (req, res) => {
    if (!requireStaffUser(req, res)) return;
    res.json(await store.getRejected(REJECTED_RECENT_LIMIT));
  });
}
