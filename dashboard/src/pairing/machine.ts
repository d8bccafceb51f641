/**
 * A wall screen's access as a pure state machine (ARCHITECTURE.md "Devices"): is there a credential
 * (GET /api/session), and when there is none, the pairing flow — ask for a code (POST /api/pairings),
 * show it, ask every ~2 s whether staff entered it (POST /api/pairings/:id/claim), reload into the wall
 * once paired, start again when the code expires. While the wall runs, a doubt (the socket refused or
 * closed by the server, a 401 on REST) makes it ask GET /api/session again: a 401 then means the device
 * was revoked, and the screen returns to pairing by itself; anything else keeps the wall.
 * Events in, actions out; the driver (usePairing.ts) performs the actions and feeds the answers back.
 */
import type { PairingClaim, PairingStart } from '../../../contract/identity.ts';
import { backoffMs } from '../../../contract/backoff.ts';

/** How often a waiting screen asks whether it has been enrolled. */
export const CLAIM_EVERY_MS = 2000;

export type WallAccess =
  /** Asking GET /api/session (again after `failures` network errors). */
  | { phase: 'checking'; failures: number; problem: string | null }
  /** A credential: the wall shows. `rechecking`: a doubt is being checked, the wall stays meanwhile. */
  | { phase: 'wall'; rechecking: boolean }
  /** No credential, asking for a code (again after `failures` failures). */
  | { phase: 'pairing-start'; failures: number; problem: string | null }
  /** Showing `pairing.code` until staff enter it or it expires. */
  | { phase: 'pairing'; pairing: PairingStart; expiresAtMs: number; failures: number; problem: string | null }
  /** Enrolled: the cookie is set; the page reloads into the wall. */
  | { phase: 'paired' };

export type AccessEvent =
  /** The answer of GET /api/session: a credential, none (401), or no answer (network, 5xx). */
  | { type: 'session'; outcome: 'ok' | 'none' | 'error'; problem?: string }
  /** The wall may have lost its credential. */
  | { type: 'doubt' }
  | { type: 'pairing-started'; pairing: PairingStart }
  | { type: 'pairing-failed'; problem: string }
  | { type: 'claim'; claim: PairingClaim }
  /** No answer (network, 5xx); `refused`: a 4xx (the pairing is gone on the server): ask for a new one. */
  | { type: 'claim-failed'; problem: string; refused?: boolean };

export type AccessAction =
  | { do: 'check-session'; inMs: number }
  | { do: 'start-pairing'; inMs: number }
  | { do: 'claim'; inMs: number }
  | { do: 'reload' };

export interface Step {
  state: WallAccess;
  actions: AccessAction[];
}

export const initialAccess = (): Step => ({
  state: { phase: 'checking', failures: 0, problem: null },
  actions: [{ do: 'check-session', inMs: 0 }],
});

/** Retries: 2 s, 4 s, … up to 30 s; fixed (no jitter) so the machine is a pure function. */
const retryMs = (failures: number, random: () => number) => backoffMs(failures, { baseMs: 2000, maxMs: 30_000, random });

const startPairing = (failures = 0, problem: string | null = null, inMs = 0): Step => ({
  state: { phase: 'pairing-start', failures, problem },
  actions: [{ do: 'start-pairing', inMs }],
});

const stay = (state: WallAccess): Step => ({ state, actions: [] });

export function step(s: WallAccess, e: AccessEvent, nowMs: number, random: () => number = () => 0.5): Step {
  switch (s.phase) {
    case 'checking':
      if (e.type !== 'session') return stay(s);
      if (e.outcome === 'ok') return stay({ phase: 'wall', rechecking: false });
      if (e.outcome === 'none') return startPairing();
      return {
        state: { phase: 'checking', failures: s.failures + 1, problem: e.problem ?? 'Không liên lạc được máy chủ' },
        actions: [{ do: 'check-session', inMs: retryMs(s.failures + 1, random) }],
      };

    case 'wall':
      if (e.type === 'doubt')
        return s.rechecking
          ? stay(s)
          : { state: { phase: 'wall', rechecking: true }, actions: [{ do: 'check-session', inMs: 0 }] };
      if (e.type !== 'session' || !s.rechecking) return stay(s);
      // Revoked or signed out: the screen pairs again. A server that cannot answer keeps the wall.
      if (e.outcome === 'none') return startPairing();
      return stay({ phase: 'wall', rechecking: false });

    case 'pairing-start':
      if (e.type === 'pairing-started') {
        const expiresAtMs = Date.parse(e.pairing.expiresAt);
        return {
          state: {
            phase: 'pairing',
            pairing: e.pairing,
            expiresAtMs: Number.isFinite(expiresAtMs) ? expiresAtMs : nowMs + 5 * 60_000,
            failures: 0,
            problem: null,
          },
          actions: [{ do: 'claim', inMs: CLAIM_EVERY_MS }],
        };
      }
      if (e.type === 'pairing-failed') return startPairing(s.failures + 1, e.problem, retryMs(s.failures + 1, random));
      return stay(s);

    case 'pairing':
      if (e.type === 'claim') {
        if (e.claim.status === 'paired') return { state: { phase: 'paired' }, actions: [{ do: 'reload' }] };
        if (e.claim.status === 'expired' || nowMs >= s.expiresAtMs) return startPairing();
        return { state: { ...s, failures: 0, problem: null }, actions: [{ do: 'claim', inMs: CLAIM_EVERY_MS }] };
      }
      if (e.type === 'claim-failed') {
        if (e.refused) return startPairing();
        // The code is kept while the server is away; past its expiry a new one is asked for.
        if (nowMs >= s.expiresAtMs) return startPairing(0, e.problem, retryMs(1, random));
        const failures = s.failures + 1;
        return {
          state: { ...s, failures, problem: e.problem },
          actions: [{ do: 'claim', inMs: Math.max(CLAIM_EVERY_MS, retryMs(failures, random)) }],
        };
      }
      return stay(s);

    case 'paired':
      return stay(s);
  }
}

/** `9:05` — minutes and seconds left until `expiresAtMs` (0:00 once past). */
export function countdownText(expiresAtMs: number, nowMs: number): string {
  const left = Math.max(0, Math.ceil((expiresAtMs - nowMs) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}
