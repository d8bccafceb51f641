/**
 * Who the page is, as GET /api/session says — one answer shared by every component of the page (a module
 * store read through useSyncExternalStore in useSession.ts). Pure classification (`sessionStateOf`) apart
 * from the store, so it is tested as a table.
 */
import type { SessionInfo } from '../../../contract/identity.ts';
import { ApiError } from '../api/client.ts';
import { getSession } from '../api/endpoints.ts';

export type UserSession = Extract<SessionInfo, { kind: 'user' }>;
export type DeviceSession = Extract<SessionInfo, { kind: 'device' }>;

export type SessionState =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'user'; user: UserSession }
  | { state: 'device'; device: DeviceSession }
  /** The server could not be asked (network, 5xx): nothing is known; try again. */
  | { state: 'error'; message: string };

/** The state for an answer of GET /api/session: a body, or what it threw. */
export function sessionStateOf(answer: { ok: true; body: unknown } | { ok: false; error: unknown }): SessionState {
  if (!answer.ok) {
    const e = answer.error;
    if (e instanceof ApiError && e.status === 401) return { state: 'signed-out' };
    if (e instanceof ApiError) return { state: 'error', message: `Máy chủ trả lỗi ${e.status}` };
    return { state: 'error', message: 'Không liên lạc được máy chủ' };
  }
  const b = answer.body as Partial<SessionInfo> | null;
  if (b?.kind === 'user' && typeof b.id === 'string' && typeof b.name === 'string' && typeof b.role === 'string')
    return { state: 'user', user: b as UserSession };
  if (b?.kind === 'device' && typeof b.id === 'string' && typeof b.screen === 'string')
    return { state: 'device', device: b as DeviceSession };
  return { state: 'error', message: 'Máy chủ trả thông tin phiên không hợp lệ' };
}

// ---- the page's store --------------------------------------------------------------------------------

const listeners = new Set<() => void>();
let current: SessionState = { state: 'loading' };
let started = false;
let seq = 0;

function set(next: SessionState): void {
  current = next;
  for (const l of [...listeners]) l();
}

/** Asks the server again (after signing in, out, or a refusal); resolves to the new state. */
export async function refreshSession(): Promise<SessionState> {
  started = true;
  const mine = ++seq;
  let next: SessionState;
  try {
    next = sessionStateOf({ ok: true, body: await getSession() });
  } catch (error) {
    next = sessionStateOf({ ok: false, error });
  }
  // Only the latest question answers: an older, slower one never overwrites a newer state.
  if (mine === seq) set(next);
  return current;
}

/** After DELETE /api/session: no need to ask. */
export function markSignedOut(): void {
  seq++;
  started = true;
  set({ state: 'signed-out' });
}

export function subscribeSession(cb: () => void): () => void {
  listeners.add(cb);
  if (!started) void refreshSession();
  return () => listeners.delete(cb);
}

export const currentSession = (): SessionState => current;
