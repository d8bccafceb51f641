/** What the identity routes and the socket handshake need, built once by bin/system.ts from the center's db. */
import type { UserRepo } from '../../center/users.ts';
import type { SessionRepo } from '../../center/sessions.ts';
import type { DeviceRepo } from '../../center/devices.ts';
import type { AuditLog } from '../../center/audit.ts';
import type { SignInThrottle } from '../../center/throttle.ts';
import type { PrincipalResolver } from './resolver.ts';

export interface IdentityServices {
  users: UserRepo;
  sessions: SessionRepo;
  devices: DeviceRepo;
  audit: AuditLog;
  throttle: SignInThrottle;
  resolver: PrincipalResolver;
}
