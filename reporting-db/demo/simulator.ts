/**
 * Demo mode: agencies keep reporting, on the demo's reporting calendar (schedule.ts). Every interval one
 * agency writes something realistic into ioc_report_values with an UPSERT (updated_at = now()), so the
 * wall keeps moving:
 *  - the next status of a recent figure whose period has ended (estimate → official for months; estimate
 *    → preliminary → official otherwise), with the value changed by 0–3 %; a current period stays an
 *    estimate,
 *  - now and then a correction of an official figure (same status, value changed by 1–4 %),
 *  - a new or updated estimate for the month being reported (reportingMonth: November on 2 December;
 *    never a month whose estimates are not due yet),
 *  - communes' figures for one indicator for that month: revised estimates, officials once it has ended,
 *    late communes arriving (those the calendar has as never sending stay away), and the province
 *    total that goes with them while it is not official.
 * An official figure is never turned back into an estimate. Indicators shown on config/screens/*.yaml are
 * picked more often. Errors are logged, never thrown.
 */
import type { Config, GroupConfig, IndicatorConfig } from '../../contract/config.ts';
import type { ValueStatus } from '../../contract/messages.ts';
import { type PeriodKind, formatPeriod, parsePeriod, periodEndInstant } from '../../contract/period.ts';
import type { DbLogger, ReportingDb } from '../db.ts';
import { indicatorDecimals, isAdditive, roundTo } from './kinds.ts';
import { communeReporter } from '../migrations.ts';
import { makeRand } from './random.ts';
import { figureCalendar, reportingMonth } from './schedule.ts';

export interface SimulatorOptions {
  /** Time between two reports (default 3000 ms). */
  intervalMs?: number;
  seed?: number;
  /** The seed the demo history was generated with (which communes never send stays consistent with it). */
  demoSeed?: number;
  /** Clock used to pick the current month (Vietnam time); updated_at is the database's now(). */
  now?: () => Date;
  log?: DbLogger & { debug?(obj: object, msg?: string): void };
}

export type SimAction =
  | { kind: 'revision'; indicator: string; area: string; period: string; from: ValueStatus; to: ValueStatus }
  | { kind: 'estimate'; indicator: string; area: string; period: string }
  | { kind: 'communes'; indicator: string; period: string; rows: number };

export interface AgencySimulator {
  stop(): Promise<void>;
  /** Runs one report now (also what the timer does); resolves to what was written, null if nothing. */
  step(): Promise<SimAction | null>;
}

interface Candidate {
  ind: IndicatorConfig;
  group: GroupConfig;
  weight: number;
}

/** mulberry32: small, fast, seeded. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T extends { weight: number }>(items: readonly T[], r: number): T | undefined {
  const total = items.reduce((a, b) => a + b.weight, 0);
  let x = r * total;
  for (const it of items) {
    x -= it.weight;
    if (x < 0) return it;
  }
  return items[items.length - 1];
}

/** Months go from the estimate straight to the official figure; longer periods pass through a preliminary one. */
function nextStatus(kind: PeriodKind, from: ValueStatus): ValueStatus {
  if (from === 'estimate') return kind === 'month' ? 'official' : 'preliminary';
  return 'official';
}

/** Share of revisions that correct an official figure rather than advance a status. */
const CORRECTION_CHANCE = 0.15;

const UPSERT_TAIL = `on conflict (indicator_id, area_code, period) do update
  set value = excluded.value, status = excluded.status, reporter = excluded.reporter, updated_at = now()`;

export function startAgencySimulator(db: ReportingDb, config: Config, opts: SimulatorOptions = {}): AgencySimulator {
  const intervalMs = opts.intervalMs ?? 3000;
  const rand = mulberry32(opts.seed ?? 7);
  const now = opts.now ?? (() => new Date());
  const demoRand = makeRand(opts.demoSeed ?? 20260101);
  const log = opts.log;

  // Indicators on the wall screens (directly or through a group overview) come up three times as often.
  const onScreen = new Set<string>();
  const groupsOnScreen = new Set<string>();
  for (const s of config.screens)
    for (const p of s.panels) {
      if ('indicator' in p) onScreen.add(p.indicator);
      if (p.kind === 'group-overview') groupsOnScreen.add(p.group);
    }
  const candidates: Candidate[] = [];
  for (const group of config.groups)
    for (const ind of group.indicators) {
      const weight = onScreen.has(ind.id) ? 6 : groupsOnScreen.has(group.id) ? 3 : 1;
      candidates.push({ ind, group, weight });
    }
  const monthly = candidates.filter((c) => c.ind.period === 'month');
  const communeMonthly = monthly.filter((c) => c.ind.communeLevel);
  const province = config.province.code;

  const clampValue = (ind: IndicatorConfig, v: number): number => {
    let out = Math.max(ind.demo && ind.demo.range[0] < 0 ? -Infinity : 0, v);
    const isShare = ind.unit === '%' && !/_yoy$|_growth$|^grdp\.growth$|pct_estimate$/.test(ind.id);
    if (isShare) out = Math.min(100, out);
    if (ind.demo?.basis === 'rank') out = Math.min(34, Math.max(1, Math.round(out))); // peers since the 2025 reform
    return roundTo(out, indicatorDecimals(ind));
  };
  const jitter = (pct: number) => 1 + (rand() * 2 - 1) * pct;

  /**
   * A revision of one of the latest province figures of an indicator: the next status of an open one
   * (an estimate while its period runs), or now and then a correction of an official one.
   */
  async function revise(c: Candidate): Promise<SimAction | null> {
    const { rows } = await db.query<{ period: string; value: string | null; status: ValueStatus }>(
      `select period, value, status from ioc_report_values
        where indicator_id = $1 and area_code = $2 and value is not null
        order by updated_at desc limit 6`,
      [c.ind.id, province],
    );
    const own = rows.filter((r) => parsePeriod(r.period)?.kind === c.ind.period);
    const open = own.filter((r) => r.status !== 'official');
    const correcting = open.length === 0 || rand() < CORRECTION_CHANCE;
    const pool = correcting ? own.filter((r) => r.status === 'official').slice(0, 2) : open;
    const row = pool.length > 0 ? pool[Math.floor(rand() * pool.length)] : undefined;
    if (!row || row.value === null) return null;
    const from = row.status;
    const p = parsePeriod(row.period)!;
    // A period still running stays an estimate.
    const ended = periodEndInstant(p).getTime() <= now().getTime();
    const to = correcting ? 'official' : ended ? nextStatus(p.kind, from) : 'estimate';
    const change = correcting ? (rand() < 0.5 ? -1 : 1) * (0.01 + 0.03 * rand()) : (rand() * 2 - 1) * 0.03;
    const value = clampValue(c.ind, Number(row.value) * (1 + change));
    await db.query(
      `insert into ioc_report_values (indicator_id, area_code, period, value, status, reporter)
       values ($1, $2, $3, $4::numeric, $5, $6) ${UPSERT_TAIL}`,
      [c.ind.id, province, row.period, value, to, c.group.reporter],
    );
    return { kind: 'revision', indicator: c.ind.id, area: province, period: row.period, from, to };
  }

  /** A first or updated estimate for the month being reported, from the latest figure before it. */
  async function estimate(c: Candidate): Promise<SimAction | null> {
    const period = formatPeriod(reportingMonth(now()));
    const { rows } = await db.query<{ period: string; value: string | null; status: ValueStatus }>(
      `select period, value, status from ioc_report_values
        where indicator_id = $1 and area_code = $2 and value is not null and period like '____-__' and period <= $3
        order by period desc limit 1`,
      [c.ind.id, province, period],
    );
    const last = rows[0];
    if (!last || last.value === null) return null;
    if (last.period === period && last.status !== 'estimate') return null; // already past its estimate
    const value = clampValue(c.ind, Number(last.value) * jitter(last.period === period ? 0.02 : 0.05));
    await db.query(
      `insert into ioc_report_values (indicator_id, area_code, period, value, status, reporter)
       values ($1, $2, $3, $4::numeric, 'estimate', $5) ${UPSERT_TAIL}`,
      [c.ind.id, province, period, value, c.group.reporter],
    );
    return { kind: 'estimate', indicator: c.ind.id, area: province, period };
  }

  /**
   * Communes report one indicator for the month being reported: some revise their estimate (or send the
   * official figure once the month has ended), some late ones arrive; flows are summed into the province
   * row while it is not official.
   */
  async function communes(c: Candidate): Promise<SimAction | null> {
    const month = reportingMonth(now());
    const period = formatPeriod(month);
    const ended = periodEndInstant(month).getTime() <= now().getTime();
    // Each area's latest monthly figure up to this month, and this month's status where it has one.
    const { rows } = await db.query<{ area_code: string; period: string; value: string | null; status: ValueStatus }>(
      `select distinct on (area_code) area_code, period, value, status from ioc_report_values
        where indicator_id = $1 and period like '____-__' and period <= $2 and value is not null
        order by area_code, period desc`,
      [c.ind.id, period],
    );
    const latest = new Map(rows.map((r) => [r.area_code, r]));
    const provinceRow = latest.get(province);
    const provinceValue = provinceRow ? Number(provinceRow.value) : undefined;
    const additive = isAdditive(c.ind);
    const d = indicatorDecimals(c.ind);
    const params: unknown[] = [];
    const tuples: string[] = [];
    const add = (area: string, value: number, status: ValueStatus, reporter: string) => {
      const b = params.length;
      params.push(c.ind.id, area, period, value, status, reporter);
      tuples.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::numeric, $${b + 5}, $${b + 6})`);
    };
    let sum = 0;
    for (const commune of config.province.communes) {
      const prev = latest.get(commune.code);
      const fresh = prev?.period === period;
      if (fresh && prev.status === 'official') {
        sum += Number(prev.value);
        continue;
      }
      // A commune that has not sent this month: late ones arrive now and then; the calendar's missing never do.
      const key = `${c.ind.id}|${commune.code}|${period}`;
      if (!fresh && (figureCalendar(month, 'commune', demoRand, key, now()).missing || rand() < 0.7)) continue;
      if (fresh && rand() < 0.5) {
        sum += Number(prev.value);
        continue; // not every commune writes every time
      }
      let value: number;
      if (prev) value = Number(prev.value) * jitter(fresh ? 0.03 : 0.06);
      else if (provinceValue !== undefined)
        value = additive ? provinceValue / config.province.communes.length : provinceValue * jitter(0.1);
      else continue; // nothing to start from yet: the province estimate comes first
      value = clampValue(c.ind, value);
      sum += value;
      add(commune.code, value, ended ? 'official' : 'estimate', communeReporter(commune.code));
    }
    if (tuples.length === 0) return null;
    const provinceOpen = !(provinceRow?.period === period && provinceRow.status === 'official');
    if (additive && provinceOpen) add(province, roundTo(sum, d), 'estimate', c.group.reporter);
    // One statement of ≤ 66 rows: listeners get the keys, not "*".
    await db.query(
      `insert into ioc_report_values (indicator_id, area_code, period, value, status, reporter)
       values ${tuples.join(', ')} ${UPSERT_TAIL}`,
      params,
    );
    return { kind: 'communes', indicator: c.ind.id, period, rows: tuples.length };
  }

  /** One action by the dice; a few more tries when the chosen one has nothing to do (all official, say). */
  async function step(): Promise<SimAction | null> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const r = rand();
      let action: SimAction | null = null;
      if (r < 0.2 && communeMonthly.length > 0) {
        const c = pickWeighted(communeMonthly, rand());
        if (c) action = await communes(c);
      } else if (r < 0.55) {
        const c = pickWeighted(monthly, rand());
        if (c) action = await estimate(c);
      } else {
        const c = pickWeighted(candidates, rand());
        if (c) action = await revise(c);
      }
      if (action) return action;
    }
    return null;
  }

  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return; // a slow database: skip a beat rather than pile up
    running = step()
      .then((action) => {
        if (action) (log?.debug ?? log?.info)?.call(log, { action }, 'demo agency report');
      })
      .catch((err: unknown) => {
        log?.error({ err: err instanceof Error ? err.message : String(err) }, 'demo agency simulator: report failed');
      })
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref?.();

  return {
    step,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
