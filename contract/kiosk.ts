/**
 * What a wall page tells the kiosk that drives it, through the `__kioskBeat` binding the kiosk exposes
 * (kiosk/launch-screen.ts; absent in an ordinary browser): a heartbeat with the page shown and the JS
 * heap, or "a page boundary just passed" (the moment a reload costs nothing). The page sends the type;
 * the kiosk checks every signal against the schema, since anything running in the page can call the
 * binding, and ignores (and counts) the ones that do not match.
 */
import { z } from 'zod';

export const KioskSignalSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('beat'),
    page: z.string().max(200).nullable(),
    /** performance.memory's used JS heap; null where the browser does not tell. */
    heapBytes: z.number().nonnegative().max(1e12).nullable(),
  }),
  z.object({ type: z.literal('boundary'), page: z.string().max(200).nullable() }),
]);

export type KioskSignal = z.infer<typeof KioskSignalSchema>;
