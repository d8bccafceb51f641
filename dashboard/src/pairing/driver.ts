/**
 * Runs the wall's access machine (machine.ts): performs its actions — GET /api/session, POST
 * /api/pairings, POST /api/pairings/:id/claim, a reload — on timers and feeds the answers back. No React
 * here (useWallAccess.ts binds it); the requests are injected so the driver is tested without a server.
 */
import type { PairingClaim, PairingStart } from '../../../contract/identity.ts';
import { ApiError } from '../api/client.ts';
import { claimPairing, getSession, startPairing } from '../api/endpoints.ts';
import { initialAccess, step, type AccessAction, type AccessEvent, type Step, type WallAccess } from './machine.ts';

export interface AccessIo {
  getSession(): Promise<unknown>;
  startPairing(): Promise<PairingStart>;
  claim(pairing: PairingStart): Promise<PairingClaim>;
  reload(): void;
  now(): number;
}

export const browserIo = (): AccessIo => ({
  getSession: () => getSession(),
  startPairing: () => startPairing(),
  claim: (p) => claimPairing(p.pairingId, p.claimSecret),
  reload: () => window.location.reload(),
  now: () => Date.now(),
});

/** What the wall says when a request got no useful answer. */
export function problemOf(err: unknown): string {
  if (err instanceof ApiError) return `Máy chủ trả lỗi ${err.status}`;
  if (err instanceof SyntaxError) return 'Máy chủ trả dữ liệu không đọc được';
  return 'Không liên lạc được máy chủ';
}

export class AccessDriver {
  private state: WallAccess = initialAccess().state;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Bumped by start/stop: answers of an older run are dropped. */
  private run = 0;

  constructor(private readonly io: AccessIo) {}

  get current(): WallAccess {
    return this.state;
  }

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  getSnapshot = (): WallAccess => this.state;

  start(): void {
    this.stop();
    this.apply(initialAccess());
  }

  stop(): void {
    this.run++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The wall may have lost its credential (socket refused or closed by the server, a 401). */
  doubt = (): void => this.dispatch({ type: 'doubt' });

  dispatch(e: AccessEvent): void {
    this.apply(step(this.state, e, this.io.now()));
  }

  private apply(r: Step): void {
    if (r.state !== this.state) {
      this.state = r.state;
      for (const l of [...this.listeners]) l();
    }
    for (const a of r.actions) this.perform(a);
  }

  private perform(a: AccessAction): void {
    if (a.do === 'reload') {
      this.io.reload();
      return;
    }
    const run = this.run;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.answer(a).then((e) => {
        if (e && run === this.run) this.dispatch(e);
      });
    }, a.inMs);
    this.timers.add(t);
  }

  private async answer(a: Exclude<AccessAction, { do: 'reload' }>): Promise<AccessEvent | null> {
    switch (a.do) {
      case 'check-session':
        try {
          await this.io.getSession();
          return { type: 'session', outcome: 'ok' };
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) return { type: 'session', outcome: 'none' };
          return { type: 'session', outcome: 'error', problem: problemOf(err) };
        }
      case 'start-pairing':
        try {
          return { type: 'pairing-started', pairing: await this.io.startPairing() };
        } catch (err) {
          return { type: 'pairing-failed', problem: problemOf(err) };
        }
      case 'claim': {
        const s = this.state;
        if (s.phase !== 'pairing') return null;
        try {
          return { type: 'claim', claim: await this.io.claim(s.pairing) };
        } catch (err) {
          const refused = err instanceof ApiError && err.status >= 400 && err.status < 500;
          return { type: 'claim-failed', problem: problemOf(err), ...(refused ? { refused: true } : {}) };
        }
      }
    }
  }
}
