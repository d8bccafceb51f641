/** The Socket.IO handshake: a valid device or user token, or `connect_error` with the short code `unauthorized`. */
import type { RealtimeCore } from '../core.ts';

export function installHandshake({ io, auth, metrics }: Pick<RealtimeCore, 'io' | 'auth' | 'metrics'>): void {
  io.use((socket, next) => {
    const principal = auth.authenticate(socket.handshake.auth?.token);
    if (!principal) {
      metrics.refused.inc({ reason: 'unauthorized' });
      return next(new Error('unauthorized'));
    }
    socket.data.principal = principal;
    // The handshake request is not needed after this; dropping it saves memory per connection.
    (socket.conn as unknown as { request: unknown }).request = null;
    next();
  });
}
