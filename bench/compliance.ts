/**
 * Benchmark: GET /api/compliance's counting (center/compliance.ts) over a year of monthly reports from
 * 65 communes × 154 indicators (every indicator made monthly and commune-level: the heaviest catalog
 * the province could have), two statuses each — about 245,000 value_submissions rows on real PostgreSQL.
 * Most on time, some late, a few missing. Target: ≤ 200 ms per answer.
 *
 * Query kinds: by agency and by commune for the whole province (staff, the wall), by agency for a
 * commune official (the trend's past months reused between answers, as in service), and cold (a new
 * repository each time: the period and all 12 months counted from the rows). Baseline in the same run: a bare `count(*)` of the period's rows (the index scan
 * every answer needs at least).
 *
 *   npm run bench:compliance          # 40 answers per kind
 *   RUNS=100 npm run bench:compliance
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../contract/load-config.ts';
import type { Config } from '../contract/config.ts';
import { parsePeriod } from '../contract/period.ts';
import { fullScope, type Scope } from '../contract/scope.ts';
import { openCenterDb } from '../center/db.ts';
import { createComplianceRepo, type ComplianceQuery } from '../center/compliance.ts';
import { createTestDatabase } from '../testing/databases.ts';
import { vnInstant } from '../contract/vn-time.ts';

const RUNS = Number(process.env.RUNS ?? 40);
const COLD_RUNS = Math.max(5, Math.round(RUNS / 4));

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}
const fmt = (x: number) => x.toFixed(1).padStart(7);

/** A deterministic pseudo-random stream (the same data every run). */
function rng(seed: number) {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

async function main() {
  const shipped = loadConfig('config');
  const config: Config = {
    ...shipped,
    groups: shipped.groups.map((g) => ({
      ...g,
      indicators: g.indicators.map((i) => ({ ...i, period: 'month' as const, communeLevel: true })),
    })),
  };
  const indicators = config.groups.flatMap((g) => g.indicators.map((i) => i.id));
  const areas = [config.province.code, ...config.province.communes.map((c) => c.code)];
  const database = await createTestDatabase('bench_compliance');
  const db = await openCenterDb({ databaseUrl: database.url });
  try {
    const random = rng(7);
    let rows = 0;
    for (let m = 1; m <= 12; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`;
      const cols: string[][] = [[], [], [], [], []];
      for (const ind of indicators)
        for (const area of areas)
          for (const [status, dueMonthOffset] of [
            ['estimate', 0],
            ['official', 1],
          ] as const) {
            const r = random();
            if (r < 0.04) continue; // missing
            const day = r < 0.85 ? 10 + Math.floor(random() * 8) : 21 + Math.floor(random() * 7); // on time, or late
            const at = vnInstant(2026, m + dueMonthOffset, day, 9);
            cols[0]!.push(ind);
            cols[1]!.push(area);
            cols[2]!.push(period);
            cols[3]!.push(status);
            cols[4]!.push(at.toISOString());
          }
      await db.query(
        `insert into value_submissions (indicator, area, period, status, first_seen_at)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`,
        cols,
      );
      rows += cols[0]!.length;
    }
    await db.exec('analyze value_submissions');
    console.log(`seeded ${rows} submissions: ${indicators.length} indicators × ${areas.length} areas × 12 months × 2 statuses`);

    const now = () => new Date('2027-01-25T03:00:00Z');
    const repo = createComplianceRepo(db, config, { now });
    const cold = () => createComplianceRepo(db, config, { now });
    const period = parsePeriod('2026-12')!;
    const commune: Scope = { groups: '*', areas: [config.province.communes[0]!.code] };
    const kinds: [string, () => Promise<unknown>][] = [
      ['baseline: count(*) of the period', () => db.query(`select count(*) from value_submissions where period = '2026-12'`)],
      ['by agency, whole province', () => repo.report({ period, by: 'agency', scope: fullScope() } satisfies ComplianceQuery)],
      ['by commune, whole province', () => repo.report({ period, by: 'commune', scope: fullScope() })],
      ['by agency, a commune official', () => repo.report({ period, by: 'agency', scope: commune })],
      // Nothing reused: the period and every month of the trend counted from the rows.
      ['by agency, cold (trend not cached)', () => cold().report({ period, by: 'agency', scope: fullScope() })],
    ];
    const results: { kind: string; n: number; p50: number; p99: number; max: number }[] = [];
    for (const [kind, run] of kinds) {
      for (let i = 0; i < 3; i++) await run(); // warm-up: plans, caches
      const ms: number[] = [];
      for (let i = 0; i < (kind.includes('cold') ? COLD_RUNS : RUNS); i++) {
        const t = performance.now();
        await run();
        ms.push(performance.now() - t);
      }
      results.push({ kind, ...percentiles(ms) });
    }
    console.log(`\ncompliance answers over ${rows} submissions (ms; the period's answer plus its 12-month trend)`);
    console.log(`${'query'.padEnd(36)}      n     p50     p99     max`);
    for (const r of results)
      console.log(`${r.kind.padEnd(36)} ${String(r.n).padStart(6)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.max)}`);
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/compliance-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(file, JSON.stringify({ rows, runs: RUNS, node: process.version, results }, null, 2));
    console.log(`\nresults: ${file}`);
  } finally {
    await db.close();
    await database.drop();
  }
}

await main();
