/**
 * Benchmark: the PDF meeting pack of VIEWS views (POST /api/exports/pdf), rendered on the server in
 * headless Chromium. Starts the demo in-process (embedded PGlite, in-process store, no simulator), makes
 * RUNS packs one after another and prints the time of each (the first includes launching Chromium) and
 * the size, next to a baseline: the same request's JSON work without rendering (GET of the groups).
 *
 *   npm run build && npm run bench:pdf        # VIEWS=10 RUNS=3 by default
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseEnv } from '../bin/env.ts';
import { startSystem } from '../bin/system.ts';
import type { View } from '../contract/meetings.ts';

const VIEWS = Number(process.env.VIEWS ?? 10);
const RUNS = Number(process.env.RUNS ?? 3);
const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-pdf-'));
const system = await startSystem(
  parseEnv({ IOC_DEMO: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
  { log: pino({ level: 'silent' }), staticDir: 'dist/dashboard', simulate: false },
);
try {
  const base = `http://127.0.0.1:${system.port}`;
  const leader = system.config.devices.users.find((u) => u.role === 'leader')!.token;
  const headers = { authorization: `Bearer ${leader}`, 'content-type': 'application/json' };
  const communes = system.config.province.communes.map((c) => c.code);
  const withCommunes = system.config.groups.filter((g) => g.indicators.some((i) => i.communeLevel));
  // A realistic pack: groups, indicators with their ranking, communes.
  const views: View[] = Array.from({ length: VIEWS }, (_, i) => {
    const g = withCommunes[i % withCommunes.length]!;
    const ind = g.indicators.find((x) => x.communeLevel)!;
    if (i % 3 === 0) return { group: g.id };
    if (i % 3 === 1) return { group: g.id, indicator: ind.id };
    return { group: g.id, indicator: ind.id, area: communes[i % communes.length]! };
  });
  const t0 = performance.now();
  await fetch(`${base}/api/groups`, { headers });
  const baseMs = performance.now() - t0;
  console.log(`PDF meeting pack: ${VIEWS} views, ${RUNS} runs (baseline GET /api/groups: ${baseMs.toFixed(1)} ms)`);
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/exports/pdf`, { method: 'POST', headers, body: JSON.stringify({ views }) });
    const pdf = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${pdf.toString('utf8').slice(0, 300)}`);
    console.log(
      `run ${r + 1}${r === 0 ? ' (launches Chromium)' : ''}: ${(performance.now() - t).toFixed(0)} ms, ${(pdf.length / 1024).toFixed(0)} KiB`,
    );
  }
} finally {
  await system.close();
  rmSync(dataDir, { recursive: true, force: true });
}
