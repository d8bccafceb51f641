/**
 * GET /api/home: what the signed-in person's home page links to — the wall pages and displays they may
 * open (every page; the figures on it are cut to their scope anyway), the tablet, and the staff workspace
 * for staff. Devices have no home: a screen shows its own page.
 */
import type { Express } from 'express';
import type { HomePayload } from '../../contract/identity.ts';
import { isAdmin, isStaff } from '../../contract/roles.ts';
import { mayReadNotes, requireCaller } from '../access.ts';
import type { RealtimeCore } from '../core.ts';
import { sendError } from './errors.ts';

export function installHomeRoute(app: Express, { config }: Pick<RealtimeCore, 'config'>): void {
  const pages = config.screens.map((s) => ({ id: s.id, title: s.title }));
  const displays = config.walls.flatMap((w) => w.displays.map((d) => ({ id: d.id, name: d.name, wall: w.name })));
  app.get('/api/home', (req, res) => {
    const p = requireCaller(req, res);
    if (!p) return;
    if (p.kind !== 'user') return sendError(res, 403, 'forbidden', 'a screen has no home page');
    const body: HomePayload = {
      pages,
      displays,
      tablet: true,
      admin: isStaff(p.role),
      users: isAdmin(p.role),
      notes: mayReadNotes(p),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
}
