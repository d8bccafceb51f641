/**
 * Who is asking: a signed-in person, a program holding a configured token, or a screen (a paired device,
 * a device of config/devices.yaml, or in demo mode the demo token acting as one of the demo screens).
 * Every data path reads the principal's `scope`; the role decides what else it may do (contract/roles.ts).
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../contract/roles.ts';
import type { Scope } from '../../contract/scope.ts';
import type { SessionInfo } from '../../contract/identity.ts';

export type UserPrincipal = {
  kind: 'user';
  id: string;
  username: string;
  name: string;
  role: Role;
  /** Effective scope: staff and admins read everything (contract/scope.ts effectiveScope). */
  scope: Scope;
  agency: string | null;
  /** 'session': the ioc_session cookie; 'token': a program's Bearer token from config/devices.yaml. */
  via: 'session' | 'token';
  /** Names the sign-in session (a hash of its token), so sign-out can close its sockets. */
  sessionKey: string | null;
  mustChangePassword: boolean;
};

export type DevicePrincipal = {
  kind: 'device';
  id: string;
  name: string;
  /** The display or page id it shows; the demo token acting for no screen in particular has `*`. */
  screen: string;
  scope: Scope;
  via: 'device' | 'demo';
};

export type Principal = UserPrincipal | DevicePrincipal;

export const ANY_DEMO_SCREEN = '*';

/** May this principal read this screen's layout and act as it (heartbeats, commands)? */
export function canActAsScreen(p: Principal, screen: string): boolean {
  if (p.kind !== 'device') return false;
  return p.screen === screen || (p.via === 'demo' && p.screen === ANY_DEMO_SCREEN);
}

/** Rooms every socket of a principal joins, so revocation and sign-out reach them on every node. */
export function principalRooms(p: Principal): string[] {
  if (p.kind === 'device') return [`device:${p.id}`];
  return p.sessionKey ? [`user:${p.id}`, `session:${p.sessionKey}`] : [`user:${p.id}`];
}

/** A short stable name for a secret, for rooms and logs; never the secret itself. */
export function secretKey(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 22);
}

export function sessionInfo(p: Principal): SessionInfo {
  if (p.kind === 'device') return { kind: 'device', id: p.id, name: p.name, role: 'viewer', scope: p.scope, screen: p.screen };
  return {
    kind: 'user',
    id: p.id,
    username: p.username,
    name: p.name,
    role: p.role,
    scope: p.scope,
    ...(p.agency ? { agency: p.agency } : {}),
    mustChangePassword: p.mustChangePassword,
  };
}
