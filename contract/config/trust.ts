/**
 * config/trust.yaml: how long a revised figure says "đã điều chỉnh", and the plausibility rules per
 * indicator (contract/plausibility.ts evaluates them). Optional file: without it every indicator gets the
 * defaults of its kind (a rate outside 0–100 %, a flow over 10× or under a tenth of the same period last
 * year, a negative count).
 */
import { z } from 'zod';
import { indicatorId } from './common.ts';

const ratio = z.number().gt(1, 'a factor above 1 (e.g. 10: at most ten times, at least a tenth)').max(1_000_000);

/** One indicator's own rule; a key set here replaces the default of the same kind. */
export const PlausibilityRuleSchema = z
  .object({
    /** Inclusive bounds in the indicator's unit. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** A negative figure is implausible (default: true for every indicator that is not in %). */
    nonNegative: z.boolean().optional(),
    /** At most this many times (or at least 1/x of) the same period last year; false: no check. */
    maxYoyRatio: z.union([ratio, z.literal(false)]).optional(),
    /** At most this many times (or at least 1/x of) the previous period; false: no check. */
    maxPrevRatio: z.union([ratio, z.literal(false)]).optional(),
    /** Commune figures: more than k × the communes' median for the period is implausible; false: no check. */
    maxTimesMedian: z.union([ratio, z.literal(false)]).optional(),
  })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min must not exceed max' });
export type PlausibilityRule = z.infer<typeof PlausibilityRuleSchema>;

export const TrustSchema = z
  .object({
    /** Days a revised figure carries `flags: ["revised"]` after the revision (its updatedAt). */
    revisedFlagDays: z.number().int().min(0).max(3650).default(30),
    plausibility: z
      .object({
        /** Defaults by kind, for every indicator without a rule of its own (or keys its rule leaves out). */
        defaults: z
          .object({
            /** Indicators in % (shares and rates): inside [min, max]. */
            rateMin: z.number().default(0),
            rateMax: z.number().default(100),
            /** Flows (aggregation sum): within this factor of the same period last year. */
            flowMaxYoyRatio: z.union([ratio, z.literal(false)]).default(10),
            /** Every indicator not in %: never negative. */
            nonNegative: z.boolean().default(true),
          })
          .strict()
          .default({ rateMin: 0, rateMax: 100, flowMaxYoyRatio: 10, nonNegative: true }),
        /** By indicator id. */
        rules: z.record(indicatorId, PlausibilityRuleSchema).default({}),
      })
      .strict()
      .default({ defaults: { rateMin: 0, rateMax: 100, flowMaxYoyRatio: 10, nonNegative: true }, rules: {} }),
  })
  .strict();
export type TrustConfig = z.infer<typeof TrustSchema>;

/** What applies when config/trust.yaml is absent. */
export const DEFAULT_TRUST: TrustConfig = TrustSchema.parse({});
