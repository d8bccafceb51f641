/** config/screens/<id>.yaml: a wall page, its design canvas, its panel grid and the panels on it. */
import { z } from 'zod';
import { areaCode, id, indicatorId } from './common.ts';
import { ThresholdBandSchema } from '../workspace.ts';

/** A panel's place on the screen grid: column, row (0-based), width and height in grid cells. */
const Cell = z
  .object({
    col: z.number().int().min(0),
    row: z.number().int().min(0),
    w: z.number().int().min(1),
    h: z.number().int().min(1),
  })
  .strict();

const panelBase = { title: z.string().min(1).optional(), at: Cell };

/**
 * A panel's period basis: the figure of the period itself, or year-to-date (lũy kế) where the indicator
 * adds up over the year (`aggregation: sum`; for others both are the period's value). Each kind sets its
 * default.
 */
export const PeriodBasisSchema = z.enum(['period', 'ytd']);
export type PeriodBasis = z.infer<typeof PeriodBasisSchema>;

export const PanelSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('kpi-tile'),
      indicator: indicatorId,
      /** A commune code; default: the province. */
      area: areaCode.optional(),
      /** Default `ytd`: a flow shows its lũy kế with the period's figure aside; `period`: the period's figure. */
      basis: PeriodBasisSchema.optional(),
      /** Traffic-light bands for this tile; default: the indicator's own (config/indicators). */
      thresholds: ThresholdBandSchema.optional(),
      ...panelBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('trend-chart'),
      indicator: indicatorId,
      /** Cumulative (lũy kế) lines instead of in-period bars. */
      cumulative: z.boolean().default(false),
      ...panelBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('commune-ranking'),
      indicator: indicatorId,
      /** How many communes to list (best first by the indicator's polarity). */
      limit: z.number().int().min(3).max(65).default(10),
      ...panelBase,
    })
    .strict(),
  z.object({ kind: z.literal('group-overview'), group: id, ...panelBase }).strict(),
  z
    .object({
      kind: z.literal('map'),
      /** A commune-level indicator for the choropleth. */
      indicator: indicatorId,
      /** A period code ('2026-10', '2025-03', …); default: the latest with commune figures. Before
       * 2025-07 the figures of the former units are shown on today's communes through the crosswalk. */
      period: z
        .string()
        .regex(/^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/, "a period code such as '2026-10'")
        .optional(),
      layers: z
        .array(z.enum(['choropleth', 'labels', 'cameras', 'alerts', 'heat']))
        .min(1)
        .default(['choropleth', 'labels', 'cameras', 'alerts']),
      /** province: Khánh Hòa's mainland with a Trường Sa inset; national: Vietnam with Hoàng Sa and Trường Sa insets. */
      view: z.enum(['province', 'national']).default('province'),
      /** A commune code to focus on (province view). */
      area: areaCode.optional(),
      /** The heat map counts alerts of the last this many minutes. */
      heatWindowMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(60),
      ...panelBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('alert-feed'),
      /** Rows shown; the feed keeps more. */ limit: z.number().int().min(1).max(50).default(8),
      minSeverity: z.enum(['info', 'low', 'medium', 'high', 'critical']).default('low'),
      ...panelBase,
    })
    .strict(),
  z.object({ kind: z.literal('camera-status'), ...panelBase }).strict(),
  z
    .object({
      kind: z.literal('gauge'),
      /** An indicator with a plan: the gauge shows its % of plan. */
      indicator: indicatorId,
      /** A commune code; default: the province. */
      area: areaCode.optional(),
      thresholds: ThresholdBandSchema.optional(),
      ...panelBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('table'),
      /** The columns: one indicator each. */
      indicators: z.array(indicatorId).min(1).max(6),
      /** Rows: the communes (latest period, commune-level indicators) or the latest periods (province or `area`). */
      by: z.enum(['communes', 'periods']),
      /** In-period figures, or year-to-date (lũy kế) where the indicator adds up over the year. */
      basis: PeriodBasisSchema.default('period'),
      /** With `by: periods`: a commune code; default: the province. */
      area: areaCode.optional(),
      /** Rows shown (communes best first by the first indicator; periods latest first). */
      limit: z.number().int().min(2).max(20).default(8),
      ...panelBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('note'),
      /** Staff's text: a safe subset of Markdown (headings, paragraphs, **bold**, lists), shown as text. */
      text: z.string().trim().min(1).max(4000),
      ...panelBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('compliance'),
      /** Rows: reporting agencies, or communes. */
      by: z.enum(['agency', 'commune']).default('agency'),
      /** A period code; default: the latest month with a deadline already passed. */
      period: z
        .string()
        .regex(/^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/, "a period code such as '2026-10'")
        .optional(),
      /** Rows shown, worst first. */
      limit: z.number().int().min(3).max(65).default(8),
      ...panelBase,
    })
    .strict(),
]);
export type PanelConfig = z.infer<typeof PanelSchema>;
export type PanelKind = PanelConfig['kind'];

export const ScreenSchema = z
  .object({
    id,
    title: z.string().min(1),
    /** The fixed design canvas in CSS pixels; the page scales it uniformly to the window. */
    design: z.object({ width: z.number().int().min(640), height: z.number().int().min(360) }).strict(),
    /** The panel grid inside the canvas, below the header band. */
    grid: z.object({ columns: z.number().int().min(1).max(48), rows: z.number().int().min(1).max(48) }).strict(),
    panels: z.array(PanelSchema).min(1),
  })
  .strict();
export type ScreenConfig = z.infer<typeof ScreenSchema>;
