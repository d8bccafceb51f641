/**
 * The workspace (ARCHITECTURE.md "Workspace"): configuration published from the browser. The YAML in
 * CONFIG_DIR stays the source of truth; these are the bodies of /api/config/*. A page is validated with
 * the same schema as config/screens/*.yaml (contract/config/screens.ts), a wall with config/walls.
 */
import { z } from 'zod';

export const CONFIG_KINDS = ['pages', 'walls', 'indicators'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** Ids name files: no path characters, ever. */
export const ConfigIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, "-" or "_", starting with a letter');

/** Indicator ids contain a dot (`budget.revenue_total`); still no path characters. */
export const IndicatorConfigIdSchema = z
  .string()
  .max(128)
  .regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/, 'an indicator id such as budget.revenue_total');

/** GET /api/config/:kind/:id (with an `ETag: "<version>"`). `item`: the file's content as JSON. */
export interface ConfigItem<T = unknown> {
  id: string;
  /** Grows by 1 on every publish or rollback; a hand edit of the file also counts as one. */
  version: number;
  item: T;
  /** The same value under the kind's own name (ARCHITECTURE.md: `{ id, version, page }`); see CONFIG_ITEM_FIELD. */
  page?: T;
  wall?: T;
  indicator?: T;
}

/** The kind's own field name in GET bodies and PUT bodies (`item` is accepted everywhere too). */
export const CONFIG_ITEM_FIELD = { pages: 'page', walls: 'wall', indicators: 'indicator' } as const satisfies Record<
  ConfigKind,
  string
>;

/**
 * PUT /api/config/:kind/:id body: `{ item }` or `{ page }` / `{ wall }` / `{ indicator }` (exactly one).
 * Headers: `If-Match: "<version>"` to replace, `If-None-Match: *` to create.
 */
export const ConfigPutSchema = z
  .object({ item: z.unknown(), page: z.unknown(), wall: z.unknown(), indicator: z.unknown() })
  .partial()
  .strict();

/** 200/201 of PUT and of rollback; also sent as `ETag: "<version>"`. */
export interface ConfigPublished {
  id: string;
  version: number;
}

/** 409: someone published first. `version` and `item`: what is live now, for a merge or a reload. */
export interface ConfigConflictBody {
  error: { code: 'conflict'; message: string; version: number; item: unknown };
}

/** 422: the draft does not validate (the same schemas and cross-file checks as config/ at start-up). */
export interface ConfigInvalidBody {
  error: { code: 'invalid-config'; message: string; issues: ConfigIssue[] };
}

/** GET /api/config/pages/:id/affected: the screens a publish of this page changes (before publishing). */
export interface AffectedScreens {
  page: string;
  screens: { id: string; name: string; kind: 'display' | 'page'; wall: string | null }[];
}

/** GET /api/config/history body. Newest first. */
export interface ConfigHistory {
  versions: ConfigVersion[];
}

/** GET /api/config/:kind → the items with their versions (and any file that does not load). */
export interface ConfigList<T = unknown> {
  items: ConfigItem<T>[];
  /** Files edited by hand that do not validate: the running configuration kept its previous version. */
  invalid: ConfigFileProblem[];
}

export interface ConfigFileProblem {
  /** `other`: province.yaml, devices.yaml, sources.yaml, … (they take effect at restart). For a group file: `indicators`, id the group. */
  kind: ConfigKind | 'other';
  id: string;
  file: string;
  issues: ConfigIssue[];
  at: string;
}

/** 422 `{ error: { code: "invalid-config", message, issues } }`. `path` is the field (`panels.2.at.w`). */
export interface ConfigIssue {
  path: string;
  message: string;
  hint?: string;
  /** The file (relative to CONFIG_DIR) and line, where the problem is in a file (hand edits, cross-file checks). */
  file?: string;
  line?: number;
}

/** GET /api/config/history?kind=&id= */
export interface ConfigVersion {
  kind: ConfigKind;
  id: string;
  version: number;
  actor: { id: string; name: string };
  at: string;
  /** 'publish' | 'rollback' | 'file' (a hand edit picked up while running) | 'create' | 'delete' */
  action: 'publish' | 'rollback' | 'file' | 'create' | 'delete';
  /** Unified diff of the YAML against the previous version. */
  diff: string;
}

export const RollbackSchema = z.object({ version: z.number().int().min(1) }).strict();

/** Indicator display settings (config/indicators/<id>.yaml or the catalog overrides): what staff may edit. */
export const ThresholdBandSchema = z
  .object({
    /** Value compared: the figure itself, or its % of plan. */
    on: z.enum(['value', 'pctOfPlan']),
    /** Good at or above this (polarity up) / at or below (polarity down); bad beyond `bad`. */
    good: z.number().finite(),
    bad: z.number().finite(),
  })
  .strict();
export type ThresholdBand = z.infer<typeof ThresholdBandSchema>;

export const IndicatorDisplaySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    nameEn: z.string().trim().min(1).max(200).optional(),
    thresholds: ThresholdBandSchema.optional(),
  })
  .strict();
export type IndicatorDisplay = z.infer<typeof IndicatorDisplaySchema>;

/** Data health (GET /api/health/data, staff): per source and feed, and per indicator group. */
export interface DataHealth {
  at: string;
  sources: SourceHealth[];
  groups: GroupHealth[];
}

export interface SourceHealth {
  /** 'reporting-db', a feed id ('frigate-1', 'hik-its', …). */
  id: string;
  kind: 'reporting' | 'frigate' | 'hikvision' | 'onvif' | 'dahua' | 'webhook';
  lastUpdateAt: string | null;
  /** Time since lastUpdateAt (null: nothing seen), and the limits it is judged against. */
  ageMs?: number | null;
  lateAfterMs?: number;
  silentAfterMs?: number;
  /** Rows or events rejected since start, and the last reason. */
  rejected: number;
  lastRejectedReason: string | null;
  state: 'ok' | 'late' | 'silent' | 'unknown';
}

export interface GroupHealth {
  group: string;
  lastUpdateAt: string | null;
  /** The latest reported period and how late it is against the indicators' cadence (days; 0: on time). */
  latestPeriod: string | null;
  lagDays: number;
  state: 'ok' | 'late' | 'silent';
  rejected: number;
}
