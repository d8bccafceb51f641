/**
 * The one place that turns credentials into a principal, for HTTP requests and socket handshakes alike:
 * the `ioc_session` cookie (a person), the `ioc_device` cookie or a Bearer credential (a screen, paired or
 * from config/devices.yaml), a program token of config/devices.yaml `users`, and in demo mode the demo
 * token. Secrets are compared by hash (the stored side) or in constant time (the in-memory side).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../contract/config.ts';
import { effectiveScope, fullScope } from '../../contract/scope.ts';
import type { SessionRepo } from '../../center/sessions.ts';
import type { DeviceRepo } from '../../center/devices.ts';
import { ANY_DEMO_SCREEN, secretKey, type DevicePrincipal, type Principal, type UserPrincipal } from './principal.ts';
import { isKnownScreen, screenScope } from './screen-scope.ts';

export const SESSION_COOKIE = 'ioc_session';
export const DEVICE_COOKIE = 'ioc_device';
/** Longer is not a secret: it is a mistake or an attack, refused before any lookup. */
const MAX_CREDENTIAL_LENGTH = 512;

export interface Credentials {
  sessionCookie?: string | undefined;
  deviceCookie?: string | undefined;
  /** `Authorization: Bearer …` or the socket's `auth.token`. */
  bearer?: string | undefined;
  /** The screen a page says it is (socket `auth.screen`): binds the demo token to that screen. */
  screen?: string | undefined;
}

export interface PrincipalResolver {
  resolve(c: Credentials): Promise<Principal | null>;
  /** A credential that opens a screen (device or demo token), for the one-time `?token=` exchange. */
  isScreenCredential(token: string): Promise<boolean>;
  /** A program token from config/devices.yaml `users` (Bearer only; never a cookie). */
  isProgramToken(token: string): boolean;
}

export interface ResolverDeps {
  config: Config;
  sessions: SessionRepo;
  devices: DeviceRepo;
  /** Demo mode: this token opens every screen, each page acting as its own screen's device. */
  demoToken?: string | undefined;
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const usable = (s: string | undefined): s is string => typeof s === 'string' && s.length > 0 && s.length <= MAX_CREDENTIAL_LENGTH;

export function createPrincipalResolver(deps: ResolverDeps): PrincipalResolver {
  const { config, sessions, devices } = deps;
  const programs = config.devices.users.map((u) => ({
    hash: digest(u.token),
    principal: {
      kind: 'user',
      id: u.id,
      username: u.id,
      name: u.name,
      role: u.role,
      scope: fullScope(),
      agency: null,
      via: 'token',
      sessionKey: null,
      mustChangePassword: false,
    } satisfies UserPrincipal,
  }));
  const demoHash = deps.demoToken ? digest(deps.demoToken) : null;
  const allScreens = [...config.screens.map((s) => s.id), ...config.walls.flatMap((w) => w.displays.map((d) => d.id))];
  const demoAll = (): DevicePrincipal => {
    const groups = new Set(allScreens.flatMap((s) => screenScope(config, s).groups as string[]));
    return {
      kind: 'device',
      id: 'demo',
      name: 'Demo',
      screen: ANY_DEMO_SCREEN,
      scope: { groups: [...groups].sort(), areas: '*' },
      via: 'demo',
    };
  };

  const program = (token: string): UserPrincipal | null => {
    const h = digest(token);
    for (const p of programs) if (timingSafeEqual(p.hash, h)) return p.principal;
    return null;
  };
  const isDemo = (token: string) => demoHash !== null && timingSafeEqual(demoHash, digest(token));

  async function screenPrincipal(token: string, screen: string | undefined): Promise<DevicePrincipal | null> {
    if (isDemo(token)) {
      if (screen && isKnownScreen(config, screen))
        return {
          kind: 'device',
          id: `demo:${screen}`,
          name: `Demo · ${screen}`,
          screen,
          scope: screenScope(config, screen),
          via: 'demo',
        };
      return demoAll();
    }
    const d = await devices.authenticate(token);
    if (!d) return null;
    return { kind: 'device', id: d.id, name: d.name, screen: d.screen, scope: screenScope(config, d.screen), via: 'device' };
  }

  async function sessionPrincipal(token: string): Promise<UserPrincipal | null> {
    const found = await sessions.lookup(token);
    if (!found) return null;
    const u = found.user;
    return {
      kind: 'user',
      id: u.id,
      username: u.username,
      name: u.name,
      role: u.role,
      scope: effectiveScope(u.role, u.scope),
      agency: u.agency,
      via: 'session',
      sessionKey: secretKey(token),
      mustChangePassword: u.mustChangePassword,
    };
  }

  return {
    async resolve(c) {
      // An explicit credential wins over cookies: a program or kiosk says who it is.
      if (usable(c.bearer)) return program(c.bearer) ?? (await screenPrincipal(c.bearer, c.screen));
      if (usable(c.sessionCookie)) {
        const p = await sessionPrincipal(c.sessionCookie);
        if (p) return p;
      }
      if (usable(c.deviceCookie)) return screenPrincipal(c.deviceCookie, c.screen);
      return null;
    },
    async isScreenCredential(token) {
      return usable(token) && !program(token) && (await screenPrincipal(token, undefined)) !== null;
    },
    isProgramToken(token) {
      return usable(token) && program(token) !== null;
    },
  };
}
