/**
 * Schemas of the YAML files in config/. Units are in the names (`pollIntervalMs`) or documented here.
 * `.strict()` everywhere: a mistyped key is an error that names it, not a setting silently ignored.
 */
import { z } from 'zod';
import { PERIOD_KINDS } from './period.ts';

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, "-" or "_", starting with a letter');
const indicatorId = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/, 'an indicator id such as budget.revenue_total');
const areaCode = z.string().regex(/^\d{2}$|^\d{5}$/, 'a 2-digit province or 5-digit commune code, in quotes');

export const CommuneSchema = z
  .object({
    code: areaCode,
    name: z.string().min(1),
    type: z.enum(['Xã', 'Phường', 'Đặc khu']),
  })
  .strict();

/**
 * A commune-level unit abolished by the 1 July 2025 reform, and the communes of today it went into
 * (shared/geo crosswalk). Its figures are accepted for periods before the reform only; a `partial`
 * share means only part of it went into that commune, so sums through it are approximate.
 * Codes are GSO codes: a new commune usually kept the code of one of its former units, so a code
 * alone is ambiguous and the period decides (before 2025-07: the former unit).
 */
export const FormerCommuneSchema = z
  .object({
    code: areaCode,
    name: z.string().min(1),
    type: z.enum(['Xã', 'Phường', 'Thị trấn']),
    /** Former district (huyện, thị xã, thành phố) and former province (56 Khánh Hòa, 58 Ninh Thuận). */
    district: z.string().min(1),
    formerProvince: areaCode,
    into: z
      .array(z.object({ code: areaCode, relation: z.enum(['full', 'partial']) }).strict())
      .min(1),
  })
  .strict();
export type FormerCommuneConfig = z.infer<typeof FormerCommuneSchema>;

export const ProvinceSchema = z
  .object({
    code: areaCode,
    name: z.string().min(1),
    fullName: z.string().min(1),
    /** The header band of every wall screen. */
    centerTitle: z.string().min(1),
    communes: z.array(CommuneSchema).min(1),
    /** Units before the 2025 reform, for history across it (see FormerCommuneSchema). */
    formerCommunes: z.array(FormerCommuneSchema).default([]),
  })
  .strict();
export type ProvinceConfig = z.infer<typeof ProvinceSchema>;

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

export const PanelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kpi-tile'), indicator: indicatorId, ...panelBase }).strict(),
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
      period: z.string().regex(/^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$/, "a period code such as '2026-10'").optional(),
      layers: z
        .array(z.enum(['choropleth', 'labels', 'cameras', 'alerts', 'heat']))
        .min(1)
        .default(['choropleth', 'labels', 'cameras', 'alerts']),
      /** province: Khánh Hòa's mainland with a Trường Sa inset; national: Vietnam with Hoàng Sa and Trường Sa insets. */
      view: z.enum(['province', 'national']).default('province'),
      /** A commune code to focus on (province view). */
      area: areaCode.optional(),
      /** The heat map counts alerts of the last this many minutes. */
      heatWindowMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
      ...panelBase,
    })
    .strict(),
  z.object({ kind: z.literal('alert-feed'), /** Rows shown; the feed keeps more. */ limit: z.number().int().min(1).max(50).default(8), minSeverity: z.enum(['info', 'low', 'medium', 'high', 'critical']).default('low'), ...panelBase }).strict(),
  z.object({ kind: z.literal('camera-status'), ...panelBase }).strict(),
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

/**
 * A video wall (config/walls/<id>.yaml): the physical displays, how far away the leaders sit, and what each
 * display shows. Pages are the layouts of config/screens/*.yaml. Sizes in pixels, times in seconds.
 */
const PixelSize = z.object({ width: z.number().int().min(320).max(16_384), height: z.number().int().min(240).max(16_384) }).strict();

export const PlaylistEntrySchema = z
  .object({
    /** A page id (config/screens/<id>.yaml). */
    page: id,
    /** How long the page stays before the next one. */
    dwellS: z.number().int().min(5).max(86_400),
  })
  .strict();
export type PlaylistEntry = z.infer<typeof PlaylistEntrySchema>;

export const DisplaySchema = z
  .object({
    /** The display's id: the device bound to it in devices.yaml opens /wall/<id>. */
    id,
    name: z.string().min(1),
    /** Position on the wall grid (0-based); omitted on a one-canvas wall. */
    col: z.number().int().min(0).default(0),
    row: z.number().int().min(0).default(0),
    /** Pages in turn, each for its dwell time … */
    playlist: z.array(PlaylistEntrySchema).min(1).optional(),
    /** … or one page always (a pinned page wins over a playlist). */
    pinned: id.optional(),
  })
  .strict();
export type DisplayConfig = z.infer<typeof DisplaySchema>;

export const WallSchema = z
  .object({
    id,
    name: z.string().min(1),
    /** Legibility: the farthest seat and the panels' size give the smallest readable type. */
    viewing: z
      .object({
        distanceM: z.number().min(0.5).max(100),
        /** Diagonal of one physical panel in inches (for a one-canvas LED wall: of the whole canvas). */
        panelDiagonalIn: z.number().min(7).max(1000),
        /** Arc minutes a character must subtend: 16 minimum, 20–22 preferred (ISO 11064-5). */
        arcMinutes: z.number().min(10).max(40).default(20),
      })
      .strict(),
    /** A grid of displays (rows × columns of one pixel size) or one large canvas. */
    layout: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('grid'),
          rows: z.number().int().min(1).max(16),
          columns: z.number().int().min(1).max(16),
          display: PixelSize,
          /** Bezel compensation: pixels hidden behind the frames between two displays. */
          bezel: z.object({ x: z.number().int().min(0).max(400), y: z.number().int().min(0).max(400) }).strict().default({ x: 0, y: 0 }),
          /** Where the wall's top-left pixel is on the computer's desktop. */
          origin: z.object({ x: z.number().int(), y: z.number().int() }).strict().default({ x: 0, y: 0 }),
        })
        .strict(),
      z
        .object({
          kind: z.literal('canvas'),
          width: z.number().int().min(320).max(32_768),
          height: z.number().int().min(240).max(32_768),
          origin: z.object({ x: z.number().int(), y: z.number().int() }).strict().default({ x: 0, y: 0 }),
        })
        .strict(),
    ]),
    displays: z.array(DisplaySchema).min(1),
    /** Critical alerts take over this region of one display, in the shown page's grid cells. */
    alerts: z
      .object({
        display: id,
        region: z.object({ col: z.number().int().min(0), row: z.number().int().min(0), w: z.number().int().min(1), h: z.number().int().min(1) }).strict(),
        /** The takeover leaves by itself after this long unless staff acknowledge it earlier. */
        timeoutS: z.number().int().min(10).max(3600).default(120),
      })
      .strict()
      .optional(),
    /** The kiosk's watchdog. */
    kiosk: z
      .object({
        heartbeatS: z.number().int().min(1).max(300).default(5),
        /** No heartbeat for this long: the page is reloaded. */
        stallS: z.number().int().min(5).max(3600).default(45),
        /** JS heap above this: reload at the next page boundary. */
        memoryLimitMb: z.number().int().min(64).max(16_384).default(1024),
        /** A small screenshot to the server this often (0: never). */
        screenshotS: z.number().int().min(0).max(3600).default(60),
      })
      .strict()
      .default({ heartbeatS: 5, stallS: 45, memoryLimitMb: 1024, screenshotS: 60 }),
  })
  .strict();
export type WallConfig = z.infer<typeof WallSchema>;

export const DevicesSchema = z
  .object({
    devices: z.array(
      z
        .object({
          id,
          name: z.string().min(1),
          /** Device token sent in the Socket.IO handshake; revoke by removing the device. */
          token: z.string().min(16, 'at least 16 characters, so it cannot be guessed'),
          /** A page id (config/screens) or a wall display id (config/walls): what /wall/<screen> shows. */
          screen: id,
        })
        .strict(),
    ),
    users: z.array(
      z
        .object({
          id,
          name: z.string().min(1),
          role: z.enum(['leader', 'staff', 'admin']),
          token: z.string().min(16, 'at least 16 characters, so it cannot be guessed'),
        })
        .strict(),
    ),
  })
  .strict();
export type DevicesConfig = z.infer<typeof DevicesSchema>;

export const SourcesSchema = z
  .object({
    reporting: z
      .object({
        /** Fallback polling interval on `updated_at`. */
        pollIntervalMs: z.number().int().min(50).max(3_600_000).default(1000),
        /** How far back each poll looks again, to catch transactions that commit late. */
        lateCommitWindowMs: z.number().int().min(0).max(3_600_000).default(10_000),
        /** Use LISTEN ioc_report_values when the database sends notifications. */
        listen: z.boolean().default(true),
        /** Years of history kept live (the current year and this many before it). */
        historyYears: z.number().int().min(1).max(10).default(2),
      })
      .strict(),
    /** Camera and AI feeds (see FeedsSchema below); none configured is fine. */
    feeds: z.lazy(() => FeedsSchema).optional(),
  })
  .strict();
export type SourcesConfig = z.infer<typeof SourcesSchema>;

/**
 * Camera and AI feed sources (sources.yaml `feeds:`). Secrets are never in YAML: each `…Env` names the
 * environment variable that holds it, so credentials stay on the server and never reach a browser.
 * Every source id is unique across kinds: it is the `:source` of POST /api/feeds/:source/events.
 */
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable NAME such as FRIGATE_NT_PASSWORD (never the secret itself)');
const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');
const feedTimings = {
  /** Level-triggered events (no end message) are closed after this long without a repeat. */
  idleTimeoutMs: z.number().int().min(1000).max(3_600_000).optional(),
};
export const FeedsSchema = z
  .object({
    frigate: z
      .array(
        z
          .object({
            id,
            name: z.string().min(1).optional(),
            /** MQTT broker Frigate publishes to; omit to use HTTP only. */
            mqttUrl: z.string().regex(/^mqtts?:\/\/[^\s]+$/, 'an mqtt:// or mqtts:// URL').optional(),
            topicPrefix: z.string().regex(/^[A-Za-z0-9_\-/]{1,64}$/).default('frigate'),
            mqttUserEnv: envName.optional(),
            mqttPasswordEnv: envName.optional(),
            /** Frigate HTTP API (port 5000 internal, or 8971 with login) for backfill, health and snapshots. */
            httpUrl: httpUrl.optional(),
            httpUserEnv: envName.optional(),
            httpPasswordEnv: envName.optional(),
            /** Reconciliation poll of /api/events and /api/review. */
            pollIntervalMs: z.number().int().min(1000).max(3_600_000).default(30_000),
            /** `after=` filters on start time: each poll looks back this far again. */
            overlapWindowMs: z.number().int().min(0).max(86_400_000).default(300_000),
            /** /api/stats poll for camera health. */
            statsIntervalMs: z.number().int().min(1000).max(3_600_000).default(15_000),
            /** Tracked objects that never get an `end` (false positive at the end) are closed after this. */
            staleAfterMs: z.number().int().min(10_000).max(86_400_000).default(1_800_000),
          })
          .strict(),
      )
      .default([]),
    hikvision: z
      .array(
        z
          .object({
            id,
            name: z.string().min(1).optional(),
            /** Devices post to /api/feeds/<id>/events with this key (?key=, X-Feed-Key or Bearer). */
            keyEnv: envName,
            /** Optional alertStream long-poll of one device (we connect; digest/basic auth). */
            alertStreamUrl: httpUrl.optional(),
            userEnv: envName.optional(),
            passwordEnv: envName.optional(),
            ...feedTimings,
          })
          .strict(),
      )
      .default([]),
    onvif: z
      .array(
        z
          .object({
            id,
            name: z.string().min(1).optional(),
            /** The device's event service (…/onvif/event_service or …/onvif/services). */
            eventServiceUrl: httpUrl,
            userEnv: envName.optional(),
            passwordEnv: envName.optional(),
            /** Subscription length asked for; renewed at 80 % of it. */
            subscriptionS: z.number().int().min(30).max(86_400).default(300),
            ...feedTimings,
          })
          .strict(),
      )
      .default([]),
    webhook: z
      .array(z.object({ id, name: z.string().min(1).optional(), keyEnv: envName, ...feedTimings }).strict())
      .default([]),
    /** Device clock off by more than this from ours: the alert is flagged clockSuspect. */
    clockSkewToleranceMs: z.number().int().min(1000).max(86_400_000).default(120_000),
    /** Default idle timeout of level-triggered sources (Hikvision, ONVIF, webhooks without an end). */
    idleTimeoutMs: z.number().int().min(1000).max(3_600_000).default(10_000),
    /** A camera is declared offline only after this many missed health intervals (hysteresis). */
    offlineAfterMissed: z.number().int().min(1).max(20).default(2),
  })
  .strict();
export type FeedsConfig = z.infer<typeof FeedsSchema>;

/** config/cameras.yaml: our camera registry. `ref` is the camera's name at its feed source. */
export const CameraSchema = z
  .object({
    id,
    name: z.string().min(1).max(120),
    /** Commune code (province.yaml). */
    area: areaCode,
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    /** A feed source id of sources.yaml `feeds:`. */
    feed: id,
    /**
     * The camera at that source: Frigate camera name; Hikvision `<serial or MAC>/<channel>`; ONVIF video
     * source token; webhook camera id.
     */
    ref: z.string().min(1).max(120),
    /** Frigate detect resolution, to turn MQTT pixel boxes into relative ones. */
    detect: z.object({ width: z.number().int().min(16), height: z.number().int().min(16) }).strict().optional(),
    /** Zones of this camera where a stationary vehicle is illegal parking. */
    noParkingZones: z.array(z.string().min(1).max(64)).default([]),
  })
  .strict();
export type CameraConfig = z.infer<typeof CameraSchema>;
export const CamerasSchema = z.object({ cameras: z.array(CameraSchema) }).strict();

export interface Config {
  /** config/cameras.yaml (empty when the file is absent). */
  cameras?: CameraConfig[];
  dir: string;
  province: ProvinceConfig;
  groups: GroupConfig[];
  screens: ScreenConfig[];
  /** config/walls/*.yaml; none is fine (pages are then opened one per browser). */
  walls: WallConfig[];
  devices: DevicesConfig;
  sources: SourcesConfig;
}
