/**
 * Socket.IO and every state-changing API request are same-origin only (CORS closed): a browser page of
 * another site could otherwise open a socket to the center, since browsers apply no CORS to WebSocket
 * upgrades. A request with an `Origin`
 * header must come from the host it is addressed to; programs (the kiosk's Node side, tests, operators'
 * scripts) send no Origin and authenticate with a token.
 */
import type { IncomingMessage } from 'node:http';

export function sameOriginRequest(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  try {
    return new URL(origin).host === String(host).split(',')[0]!.trim();
  } catch {
    return false;
  }
}
