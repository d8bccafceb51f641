/**
 * The built dashboard: hashed assets cached for good (a missing one is a 404, never the page), every
 * page address answered with index.html (never cached, so a new build is picked up on reload).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';

export const PAGE_ROUTES = [
  '/',
  '/wall/{*rest}',
  '/tablet',
  '/tablet/{*rest}',
  '/admin',
  '/admin/{*rest}',
  '/notes',
  '/workspace',
  '/compliance',
  '/print',
];

/** Serves `staticDir` when it exists (API-only tests and nodes have none). */
export function installDashboard(app: Express, staticDir: string | undefined): void {
  if (!staticDir || !existsSync(staticDir)) return;
  const dir = resolve(staticDir);
  // Hashed asset names never change content: cache them for good; index.html never.
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.get(PAGE_ROUTES, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(join(dir, 'index.html'));
  });
}
