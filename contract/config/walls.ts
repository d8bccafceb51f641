/**
 * A video wall (config/walls/<id>.yaml): the physical displays, how far away the leaders sit, and what each
 * display shows. Pages are the layouts of config/screens/*.yaml. Sizes in pixels, times in seconds.
 */
import { z } from 'zod';
import { id } from './common.ts';

const PixelSize = z
  .object({ width: z.number().int().min(320).max(16_384), height: z.number().int().min(240).max(16_384) })
  .strict();

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
          bezel: z
            .object({ x: z.number().int().min(0).max(400), y: z.number().int().min(0).max(400) })
            .strict()
            .default({ x: 0, y: 0 }),
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
        region: z
          .object({
            col: z.number().int().min(0),
            row: z.number().int().min(0),
            w: z.number().int().min(1),
            h: z.number().int().min(1),
          })
          .strict(),
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
