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
import { type Period, formatPeriod, periodContaining, periodEnd, periodEndInstant, periodStart } from '../../contract/period.ts';
import { REFORM_DATE } from '../../contract/derive.ts';
import { communeReporter } from '../migrations.ts';
import { makeRand } from './random.ts';
import { isAdditive } from './kinds.ts';
import { DAY_MS, DEMO_START_YEAR, demoPeriods } from './calendar.ts';
import { DemoModel } from './model.ts';
import { planUpdatedAt, statusOf, updatedAtOf } from './timing.ts';
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

/** Yearly indicators that are plans themselves: known at the start of their year. */
const PLAN_VALUED = new Set(['public_investment.plan_pm', 'public_investment.plan_province', 'ntp_ethnic.capital_plan']);

/** All demo rows for the configuration as of `now`. Pure and deterministic for a given seed. */
export function generateDemoRows(config: Config, now: Date, seed = 20260101): DemoRow[] {
  const rand = makeRand(seed);
  const model = new DemoModel(config, rand);
  const province = config.province.code;
  const currentYear = periodContaining('year', now).year;
  const rows: DemoRow[] = [];

  for (const group of config.groups) {
    for (const ind of group.indicators) {
      const meta = model.m(ind.id);
      const kind = ind.period;
      const communeRows: Array<{ p: Period; value: number | null; plan: number | null; status: ValueStatus; at: Date }> = [];

      // Value rows at the indicator's own period kind.
      const periods = kind === 'year' ? [] : demoPeriods(kind, now);
      for (const p of periods) {
        const code = formatPeriod(p);
        const key = `${ind.id}|${province}|${code}`;
        const status = statusOf(p, now, rand, key);
        const at = updatedAtOf(p, status, now, rand, key);
        const value = model.finish(ind.id, model.value(ind.id, p));
        rows.push({
          indicator_id: ind.id,
          area_code: province,
          period: code,
          value,
          plan: null,
          status,
          reporter: group.reporter,
          updated_at: at,
        });
        if (ind.communeLevel && periodStart(p).getTime() >= REFORM_DATE.getTime())
          communeRows.push({ p, value, plan: null, status, at });
      }

      // Year rows: the value row of a yearly indicator, and the plan of any indicator that has one.
      for (let year = DEMO_START_YEAR; year <= currentYear; year++) {
        const p: Period = { kind: 'year', year, index: 1 };
        const code = formatPeriod(p);
        const key = `${ind.id}|${province}|${code}`;
        const plan = model.plan(ind.id, year);
        if (kind === 'year') {
          const known = year < currentYear || PLAN_VALUED.has(ind.id);
          if (!known && plan === null) continue;
          let value: number | null = null;
          let status: ValueStatus = 'official';
          let at: Date;
          if (year < currentYear) {
            value = model.finish(ind.id, model.value(ind.id, p));
            status = statusOf(p, now, rand, key);
            at = updatedAtOf(p, status, now, rand, key);
          } else {
            if (known) value = model.finish(ind.id, model.value(ind.id, p));
            at = planUpdatedAt(year, now, rand, key);
          }
          rows.push({
            indicator_id: ind.id,
            area_code: province,
            period: code,
            value,
            plan,
            status,
            reporter: group.reporter,
            updated_at: at,
          });
          if (ind.communeLevel && periodEnd(p).getTime() > REFORM_DATE.getTime())
            communeRows.push({ p, value, plan, status, at });
        } else if (plan !== null) {
          const at = planUpdatedAt(year, now, rand, key);
          rows.push({
            indicator_id: ind.id,
            area_code: province,
            period: code,
            value: null,
            plan,
            status: 'official',
            reporter: group.reporter,
            updated_at: at,
          });
          if (ind.communeLevel && periodStart(p).getTime() >= REFORM_DATE.getTime())
            communeRows.push({ p, value: null, plan, status: 'official', at });
        }
      }

      if (communeRows.length === 0) continue;
      const { codes, weights } = communeWeights(config, ind.id, rand);
      const additive = isAdditive(ind);
      const offsets = codes.map((c) => 0.92 + 0.16 * rand('coff', ind.id, c)); // fixed ±8 %
      for (const cr of communeRows) {
        const code = formatPeriod(cr.p);
        const values = cr.value === null ? null : additive ? splitByWeights(cr.value, weights, meta.decimals) : null;
        const plans = cr.plan === null ? null : additive ? splitByWeights(cr.plan, weights, meta.decimals) : null;
        codes.forEach((c, i) => {
          let value: number | null = null;
          if (cr.value !== null)
            value = values
              ? values[i]!
              : model.finish(ind.id, cr.value * offsets[i]! * (1 + 0.02 * (2 * rand('cnoise', ind.id, c, code) - 1)));
          const plan = cr.plan === null ? null : plans ? plans[i]! : cr.plan;
          // Communes report before the department consolidates.
          const at =
            cr.at.getTime() >= now.getTime() || cr.value === null
              ? cr.at
              : new Date(
                  Math.max(
                    periodEndInstant(cr.p).getTime(),
                    cr.at.getTime() - Math.floor(rand('cat', ind.id, c, code) * 2 * DAY_MS),
                  ),
                );
          rows.push({
            indicator_id: ind.id,
            area_code: c,
            period: code,
            value,
            plan,
            status: cr.status,
            reporter: communeReporter(c),
            updated_at: at,
          });
        });
      }
    }
  }
  return rows;
}
