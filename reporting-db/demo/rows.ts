/**
 * Demo data for the reporting database: every indicator of the catalog at province level from January
 * 2022 to the current month (Vietnam time), the commune-level ones for the 65 communes since the
 * 1 July 2025 reform, and the year plans. Magnitudes come from each indicator's `demo` block (ranges
 * of the pre-merger province; flows and levels × mergerFactor from 2025-07), seasonality and the
 * cited reference points of shared/catalog/indicators.json (budget revenue, tourism, public investment,
 * GRDP, DTI, social investment).
 *
 * generateDemoRows (here) is pure and deterministic (hash-based PRNG keyed by seed, indicator, area and
 * period), so it is tested without a database; seedDemo (seed.ts) writes its rows in one
 * transaction. The pieces: random.ts, seasons.ts, anchors.ts, kinds.ts, calendar.ts, model.ts, timing.ts,
 * communes.ts; former-units.ts adds the units abolished by the reform.
 */
import type { Config } from '../../contract/config.ts';
import type { ValueStatus } from '../../contract/messages.ts';
import { type Period, formatPeriod, periodContaining, periodEnd, periodStart } from '../../contract/period.ts';
import { REFORM_DATE } from '../../contract/derive.ts';
import { communeReporter } from '../migrations.ts';
import { makeRand } from './random.ts';
import { isAdditive, roundTo } from './kinds.ts';
import { DEMO_START_YEAR, demoPeriods } from './calendar.ts';
import { DemoModel } from './model.ts';
import { planUpdatedAt } from './timing.ts';
import { type FigureCalendar, figureCalendar, latestSent } from './schedule.ts';
import { communeWeights, splitByWeights } from './communes.ts';

export interface DemoRow {
  indicator_id: string;
  area_code: string;
  period: string;
  value: number | null;
  plan: number | null;
  status: ValueStatus;
  reporter: string;
  updated_at: Date;
}

/**
 * When each figure reached the reporting system at each status (the first time), as the center would
 * have seen them had it been running all along: seeds the center's value_submissions in demo mode, so
 * the compliance views judge the seeded months by when they were sent, not by the demo's start.
 */
export interface DemoSubmission {
  indicator: string;
  area: string;
  period: string;
  status: ValueStatus;
  reporter: string;
  at: Date;
}

/** Yearly indicators that are plans themselves: known at the start of their year. */
const PLAN_VALUED = new Set(['public_investment.plan_pm', 'public_investment.plan_province', 'ntp_ethnic.capital_plan']);

/** Figures the demo makes implausible on purpose (× factor, one commune's latest figure), for the plausibility views. */
export const IMPLAUSIBLE: Readonly<Record<string, number>> = { 'budget.revenue_total': 30, 'public_admin.dossiers_received': 30 };

interface PendingCommuneRow {
  p: Period;
  value: number | null;
  plan: number | null;
  /** A plan row: assigned in December of the year before, not on the reporting calendar. */
  planOnly: boolean;
  planAt: Date;
}

/**
 * All demo rows for the configuration as of `now`: each figure as its latest submission by then on the
 * demo's reporting calendar (schedule.ts), so nothing of a period is there before it is due — on 2
 * December there is no December figure yet, November has its estimates and the first officials.
 * Pure and deterministic for a given seed and `now`.
 */
export function generateDemoRows(config: Config, now: Date, seed = 20260101, submissions?: DemoSubmission[]): DemoRow[] {
  const rand = makeRand(seed);
  /** The latest submission by `now`, noting every first submission per status on the way. */
  const sentBy = (cal: FigureCalendar, figure: Omit<DemoSubmission, 'status' | 'at'>) => {
    if (submissions) {
      const seen = new Set<ValueStatus>();
      for (const sub of cal.submissions) {
        if (sub.at.getTime() > now.getTime() || seen.has(sub.status)) continue;
        seen.add(sub.status);
        submissions.push({ ...figure, status: sub.status, at: sub.at });
      }
    }
    return latestSent(cal, now);
  };
  const model = new DemoModel(config, rand);
  const province = config.province.code;
  const currentYear = periodContaining('year', now).year;
  const rows: DemoRow[] = [];

  for (const group of config.groups) {
    for (const ind of group.indicators) {
      const meta = model.m(ind.id);
      const kind = ind.period;
      const communeRows: PendingCommuneRow[] = [];
      const keep = (p: Period) => ind.communeLevel && periodStart(p).getTime() >= REFORM_DATE.getTime();

      // Value rows at the indicator's own period kind, as far as they have been sent by now.
      const periods = kind === 'year' ? [] : demoPeriods(kind, now);
      for (const p of periods) {
        const code = formatPeriod(p);
        const value = model.finish(ind.id, model.value(ind.id, p));
        if (keep(p)) communeRows.push({ p, value, plan: null, planOnly: false, planAt: now });
        const sent = sentBy(figureCalendar(p, 'agency', rand, `${ind.id}|${province}|${code}`, now), {
          indicator: ind.id,
          area: province,
          period: code,
          reporter: group.reporter,
        });
        if (!sent) continue;
        rows.push({
          indicator_id: ind.id,
          area_code: province,
          period: code,
          value,
          plan: null,
          status: sent.status,
          reporter: group.reporter,
          updated_at: sent.at,
        });
      }

      // Year rows: the value row of a yearly indicator, and the plan of any indicator that has one.
      for (let year = DEMO_START_YEAR; year <= currentYear; year++) {
        const p: Period = { kind: 'year', year, index: 1 };
        const code = formatPeriod(p);
        const key = `${ind.id}|${province}|${code}`;
        const plan = model.plan(ind.id, year);
        const planAt = planUpdatedAt(year, now, rand, key);
        if (kind === 'year') {
          const sent = PLAN_VALUED.has(ind.id)
            ? latestSent(figureCalendar(p, 'agency', rand, key, now), now)
            : sentBy(figureCalendar(p, 'agency', rand, key, now), {
                indicator: ind.id,
                area: province,
                period: code,
                reporter: group.reporter,
              });
          const planValued = PLAN_VALUED.has(ind.id);
          const value = sent || planValued ? model.finish(ind.id, model.value(ind.id, p)) : null;
          if (value === null && plan === null) continue;
          rows.push({
            indicator_id: ind.id,
            area_code: province,
            period: code,
            value,
            plan,
            status: sent && !planValued ? sent.status : 'official',
            reporter: group.reporter,
            updated_at: sent && !planValued ? sent.at : planAt,
          });
          if (ind.communeLevel && periodEnd(p).getTime() > REFORM_DATE.getTime())
            communeRows.push({ p, value: model.finish(ind.id, model.value(ind.id, p)), plan, planOnly: planValued, planAt });
        } else if (plan !== null) {
          rows.push({
            indicator_id: ind.id,
            area_code: province,
            period: code,
            value: null,
            plan,
            status: 'official',
            reporter: group.reporter,
            updated_at: planAt,
          });
          if (keep(p)) communeRows.push({ p, value: null, plan, planOnly: true, planAt });
        }
      }

      if (communeRows.length === 0) continue;
      const { codes, weights } = communeWeights(config, ind.id, rand);
      const additive = isAdditive(ind);
      const offsets = codes.map((c) => 0.92 + 0.16 * rand('coff', ind.id, c)); // fixed ±8 %
      // The commune whose latest figure is made implausible, and the index of that row.
      const odd = IMPLAUSIBLE[ind.id] ? codes[Math.floor(rand('odd', ind.id) * codes.length)] : undefined;
      let oddRow = -1;
      for (const cr of communeRows) {
        const code = formatPeriod(cr.p);
        const values = cr.value === null ? null : additive ? splitByWeights(cr.value, weights, meta.decimals) : null;
        const plans = cr.plan === null ? null : additive ? splitByWeights(cr.plan, weights, meta.decimals) : null;
        codes.forEach((c, i) => {
          const plan = cr.plan === null ? null : plans ? plans[i]! : cr.plan;
          // Each commune sends on its own calendar; a plan-only row is assigned, not sent.
          const sent = cr.planOnly
            ? null
            : sentBy(figureCalendar(cr.p, 'commune', rand, `${ind.id}|${c}|${code}`, now), {
                indicator: ind.id,
                area: c,
                period: code,
                reporter: communeReporter(c),
              });
          let value: number | null = null;
          if (cr.value !== null && (sent || cr.planOnly))
            value = values
              ? values[i]!
              : model.finish(ind.id, cr.value * offsets[i]! * (1 + 0.02 * (2 * rand('cnoise', ind.id, c, code) - 1)));
          if (value === null && plan === null) return;
          if (c === odd && value !== null && !cr.planOnly) oddRow = rows.length;
          rows.push({
            indicator_id: ind.id,
            area_code: c,
            period: code,
            value,
            plan,
            status: sent ? sent.status : 'official',
            reporter: communeReporter(c),
            updated_at: sent ? sent.at : cr.planAt,
          });
        });
      }
      if (oddRow >= 0) {
        const r = rows[oddRow]!;
        r.value = roundTo(r.value! * IMPLAUSIBLE[ind.id]!, meta.decimals);
      }
    }
  }
  return rows;
}
