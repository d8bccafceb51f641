import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCenterDb } from './db.ts';
import { centerDbSuite } from './suites/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ioc-center-pglite-'));

centerDbSuite(
  'pglite',
  async () => {
    const db = await openCenterDb({ dataDir: join(dir, 'ioc') });
    if (db.kind !== 'pglite') throw new Error('expected PGlite');
    return db;
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);
