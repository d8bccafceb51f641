import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReportingDb } from './db.ts';
import { reportingDbSuite } from './reporting-db.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'ioc-reporting-pglite-'));

reportingDbSuite(
  'pglite',
  async () => {
    const db = await openReportingDb({ dataDir: join(dir, 'nested', 'reporting') });
    if (db.kind !== 'pglite') throw new Error('expected PGlite');
    return db;
  },
  async () => rmSync(dir, { recursive: true, force: true }),
);
