/**
 * The Socket.IO handshake: who connects, through the same resolver as HTTP — the session or device cookie
 * the browser sends with the upgrade, or `auth: { token }` for devices and programs (`auth.screen` names
 * the screen a demo page acts as; `auth.coalesce: true` asks for coalesced deltas). No valid credential: `connect_error` with the short code
 * `unauthorized`. Each socket joins its principal's rooms, so sign-out and revocation reach it anywhere.
 */
import { parse as parseCookies } from 'cookie';
import type { RealtimeCore } from '../core.ts';
import { principalRooms } from '../identity/principal.ts';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../identity/resolver.ts';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function installHandshake({
  io,
  identity,
  metrics,
  log,
}: Pick<RealtimeCore, 'io' | 'identity' | 'metrics' | 'log'>): void {
  io.use((socket, next) => {
    const header = socket.handshake.headers.cookie;
    const cookies = header ? parseCookies(header) : {};
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    identity.resolver
      .resolve({
        sessionCookie: cookies[SESSION_COOKIE],
        deviceCookie: cookies[DEVICE_COOKIE],
        bearer: text(auth.token),
        screen: text(auth.screen),
      })
      .then((principal) => {
        if (!principal) {
          metrics.refused.inc({ reason: 'unauthorized' });
          return next(new Error('unauthorized'));
        }
        socket.data.principal = principal;
        // A client that understands `fromVersion` takes coalesced bursts (socket/coalesce.ts).
        if (auth.coalesce === true) socket.data.coalesce = true;
        for (const room of principalRooms(principal)) void socket.join(room);
        // The handshake request is not needed after this; dropping it saves memory per connection.
        (socket.conn as unknown as { request: unknown }).request = null;
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'socket handshake failed');
        metrics.refused.inc({ reason: 'internal' });
        next(new Error('internal'));
      });
  });
}
