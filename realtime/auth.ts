/**
 * Who is connecting: a wall device (bound to one screen) or a person. Tokens come from config/devices.yaml
 * plus, in demo mode, IOC_DEMO_TOKEN for the demo wall. Compared in constant time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Config } from '../contract/config.ts';
import { type Role, isStaff } from '../contract/roles.ts';

export type Principal =
  { kind: 'device'; id: string; name: string; screen: string } | { kind: 'user'; id: string; name: string; role: Role };

/** A staff or admin user (devices never are): the screens' registry and commands, the rejected inputs. */
export function isStaffUser(p: Principal | null): p is Extract<Principal, { kind: 'user' }> {
  return p?.kind === 'user' && isStaff(p.role);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export interface Authenticator {
  authenticate(token: unknown): Principal | null;
  /** May this principal see this screen's layout? Devices only their own screen. */
  canSeeScreen(p: Principal, screen: string): boolean;
}

export function createAuthenticator(config: Config, demo?: { token: string; screens: string[] }): Authenticator {
  const entries: { hash: Buffer; principal: Principal }[] = [];
  for (const d of config.devices.devices)
    entries.push({ hash: digest(d.token), principal: { kind: 'device', id: d.id, name: d.name, screen: d.screen } });
  for (const u of config.devices.users)
    entries.push({ hash: digest(u.token), principal: { kind: 'user', id: u.id, name: u.name, role: u.role } });
  if (demo) {
    // The demo token may open every demo screen: it stands for "someone trying the product".
    entries.push({ hash: digest(demo.token), principal: { kind: 'user', id: 'demo', name: 'Demo', role: 'leader' } });
  }
  return {
    authenticate(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 512) return null;
      const h = digest(token);
      for (const e of entries) if (timingSafeEqual(e.hash, h)) return e.principal;
      return null;
    },
    canSeeScreen(p, screen) {
      return p.kind === 'user' || p.screen === screen;
    },
  };
}

/** The token of an HTTP request: `Authorization: Bearer <token>`, or `?token=` for links a person opens. */
export function bearerToken(header: string | undefined, query: unknown): string | undefined {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  if (m) return m[1]!.trim();
  return typeof query === 'string' ? query : undefined;
}
