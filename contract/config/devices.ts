/** config/devices.yaml: the wall devices and the people who may sign in, each with a token. */
import { z } from 'zod';
import { id } from './common.ts';

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
