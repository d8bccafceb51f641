/**
 * config/calendar.yaml: the reporting calendar (domain.md §2.3). The province's overrides of the
 * Nghị định 09 deadlines (contract/deadlines.ts DECREE_09_RULES), per frequency and status, for every
 * group or for some; public holidays and worked weekend days; short names of the reporting agencies.
 * An impossible date or a rule day that some period's month cannot hold is refused here, with its key.
 */
import { z } from 'zod';
import { PERIOD_KINDS, type PeriodKind } from '../period.ts';
import {
  DECREE_09_RULES,
  STATUSES,
  daysInMonth,
  type DeadlineRule,
  type DeadlineRules,
  type ReportStatus,
  type ReportingCalendar,
} from '../deadlines.ts';
import { id } from './common.ts';

/** An ISO date that exists: `2026-02-16`, not `2026-02-30`. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as '2026-02-16', in quotes")
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  }, 'no such date');

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/** The shortest month a rule of this frequency can land in (Feb counts 28 days). */
function shortestAnchorMonth(kind: PeriodKind, monthsAfter: number): number {
  let min = 31;
  for (let index = 1; index <= 12 / MONTHS[kind]; index++) {
    const month = (((index - 1) * MONTHS[kind] + MONTHS[kind] - 1 + monthsAfter) % 12) + 1;
    min = Math.min(min, month === 2 ? 28 : daysInMonth(2027, month));
  }
  return min;
}

const RuleSchema = z
  .object({
    /** 0: the period's last month; 1: the month after it (up to 3). */
    monthsAfter: z.number().int().min(0).max(3),
    /** Calendar day 1–31, or the n-th working day 1–15 of that month. */
    day: z.number().int().min(1).max(31),
    unit: z.enum(['calendar_days', 'working_days']).default('calendar_days'),
  })
  .strict()
  .refine((r) => r.unit !== 'working_days' || r.day <= 15, {
    message: 'a working-day rule counts at most 15 working days into a month (Tết leaves February with 15)',
    path: ['day'],
  });

/** Per status: a rule, or `false` to owe no figure of that status. */
const StatusRules = z
  .object(
    Object.fromEntries(STATUSES.map((s) => [s, z.union([RuleSchema, z.literal(false)]).optional()])) as Record<
      ReportStatus,
      z.ZodOptional<z.ZodUnion<[typeof RuleSchema, z.ZodLiteral<false>]>>
    >,
  )
  .strict();

const FrequencyRules = z
  .object(
    Object.fromEntries(PERIOD_KINDS.map((k) => [k, StatusRules.optional()])) as Record<
      PeriodKind,
      z.ZodOptional<typeof StatusRules>
    >,
  )
  .strict()
  .superRefine((rules, ctx) => {
    for (const kind of PERIOD_KINDS)
      for (const status of STATUSES) {
        const r = rules[kind]?.[status];
        if (!r || r.unit !== 'calendar_days') continue;
        const max = shortestAnchorMonth(kind, r.monthsAfter);
        if (r.day > max)
          ctx.addIssue({
            code: 'custom',
            path: [kind, status, 'day'],
            message: `day ${r.day} does not exist in every month this rule lands in (the shortest has ${max})`,
          });
      }
  });
export type FrequencyRulesConfig = z.infer<typeof FrequencyRules>;

const Holiday = z.union([
  z.object({ date: isoDate, name: z.string().min(1) }).strict(),
  z
    .object({ from: isoDate, to: isoDate, name: z.string().min(1) })
    .strict()
    .refine((h) => h.from <= h.to, { message: '"from" is after "to"', path: ['to'] }),
]);

export const CalendarSchema = z
  .object({
    /** The province's deadlines, replacing the Nghị định 09 default of each frequency and status given. */
    deadlines: FrequencyRules.default({}),
    /** Deadlines of some groups only (e.g. social insurance cuts off on the 25th). */
    overrides: z.array(z.object({ groups: z.array(id).min(1), deadlines: FrequencyRules }).strict()).default([]),
    holidays: z.array(Holiday).default([]),
    /** Saturdays or Sundays worked in exchange for a bridge holiday (ngày làm bù). */
    workingWeekendDays: z.array(z.object({ date: isoDate, name: z.string().min(1) }).strict()).default([]),
    /** Short names of the reporting agencies (the groups' `reporter` codes), as the wall shows them. */
    agencies: z.record(z.string().regex(/^[A-Z0-9_]{1,32}$/, 'a reporter code such as STC'), z.string().min(1)).default({}),
  })
  .strict();
export type CalendarConfig = z.infer<typeof CalendarSchema>;

/** The rules of the defaults with the given layers on top, status by status. */
function layered(...layers: FrequencyRulesConfig[]): DeadlineRules {
  const out = {} as DeadlineRules;
  for (const kind of PERIOD_KINDS) {
    const merged: Partial<Record<ReportStatus, DeadlineRule>> = { ...DECREE_09_RULES[kind] };
    for (const layer of layers)
      for (const status of STATUSES) {
        const r = layer[kind]?.[status];
        if (r === false) delete merged[status];
        else if (r) merged[status] = r;
      }
    out[kind] = merged;
  }
  return out;
}

function expandDays(holidays: CalendarConfig['holidays']): Set<string> {
  const out = new Set<string>();
  for (const h of holidays) {
    if ('date' in h) {
      out.add(h.date);
      continue;
    }
    for (let ms = Date.parse(`${h.from}T00:00:00Z`); ms <= Date.parse(`${h.to}T00:00:00Z`); ms += 86_400_000)
      out.add(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}

/** The calendar one group reports on: the defaults, the province's deadlines, then that group's override. */
export function calendarForGroup(config: CalendarConfig, group: string): ReportingCalendar {
  const own = config.overrides.filter((o) => o.groups.includes(group)).map((o) => o.deadlines);
  return {
    rules: layered(config.deadlines, ...own),
    holidays: expandDays(config.holidays),
    workingWeekendDays: new Set(config.workingWeekendDays.map((d) => d.date)),
  };
}

/** An empty calendar file: the Nghị định 09 defaults, no holidays (when config/calendar.yaml is absent). */
export const EMPTY_CALENDAR: CalendarConfig = CalendarSchema.parse({});
