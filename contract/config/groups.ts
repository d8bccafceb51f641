/** config/groups/<id>.yaml: an indicator group (one reporting agency's figures) and its indicators. */
import { z } from 'zod';
import { PERIOD_KINDS } from '../period.ts';
import { id, indicatorId } from './common.ts';
import { ThresholdBandSchema } from '../workspace.ts';

export const IndicatorSchema = z
  .object({
    id: indicatorId,
    name: z.string().min(1),
    nameEn: z.string().min(1),
    unit: z.string().min(1),
    unitEn: z.string().min(1),
    period: z.enum(PERIOD_KINDS),
    aggregation: z.enum(['sum', 'avg', 'last', 'ratio']),
    higherIsBetter: z.boolean(),
    /** Volumes and enforcement counts: no good/bad colour. */
    neutral: z.boolean().default(false),
    hasPlan: z.boolean(),
    /** Reported per commune as well as for the province. */
    communeLevel: z.boolean().default(false),
    /** Days after the period's end by which its figure is due; default by period kind. */
    dueAfterDays: z.number().int().min(0).max(400).optional(),
    /** Traffic-light bands on the value or on % of plan (set in the workspace: /api/config/indicators/:id). */
    thresholds: ThresholdBandSchema.optional(),
    /** Magnitudes the demo seed draws from (pre-merger province, in the unit above). */
    demo: z
      .object({
        range: z.tuple([z.number(), z.number()]),
        basis: z.enum(['per_month', 'per_quarter', 'per_half_year', 'per_year', 'level', 'rate', 'score', 'rank']),
        /** Factor applied from July 2025 (the merged province), e.g. 1.26 for budget revenue. */
        mergerFactor: z.number().positive(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type IndicatorConfig = z.infer<typeof IndicatorSchema>;

export const GroupSchema = z
  .object({
    id,
    name: z.string().min(1),
    nameEn: z.string().min(1),
    period: z.enum(PERIOD_KINDS),
    owner: z.string().min(1),
    /** Reporting agency code used by the demo simulator. */
    reporter: z.string().min(1),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .strict();
export type GroupConfig = z.infer<typeof GroupSchema>;
