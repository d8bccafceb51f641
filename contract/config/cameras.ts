/** config/cameras.yaml: our camera registry. `ref` is the camera's name at its feed source. */
import { z } from 'zod';
import { areaCode, id } from './common.ts';

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
    detect: z
      .object({ width: z.number().int().min(16), height: z.number().int().min(16) })
      .strict()
      .optional(),
    /** Zones of this camera where a stationary vehicle is illegal parking. */
    noParkingZones: z.array(z.string().min(1).max(64)).default([]),
  })
  .strict();
export type CameraConfig = z.infer<typeof CameraSchema>;
export const CamerasSchema = z.object({ cameras: z.array(CameraSchema) }).strict();
