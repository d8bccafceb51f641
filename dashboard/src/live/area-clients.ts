/**
 * The live clients of a page, one per area shown (a commune's figures come on their own connection),
 * kept across views — the meeting wall's and the tablet's: a chairman goes from the province to Cam Lâm and back a dozen times
 * in a meeting, and each return would otherwise open a new connection and wait for every snapshot
 * again. The most recently shown areas stay open (up to `keep`, never fewer than the current view
 * needs); older ones close. Pure bookkeeping around what `make` returns, so it is tested with a fake.
 */
/** Areas whose connection a page keeps open after it moves on (the province and a few communes). */
export const KEEP_AREAS = 8;

export interface Openable {
  open(): void;
  close(): void;
}

export class AreaClients<C extends Openable> {
  /** Areas in order of last use, oldest first (a Map keeps insertion order). */
  private readonly byArea = new Map<string, C>();
  private readonly opened = new Set<C>();

  constructor(
    private readonly make: (area: string) => C,
    private readonly keep: number,
  ) {}

  /** The clients for `areas`, built if new (not opened: construction must stay free of effects). */
  peek(areas: readonly string[]): Map<string, C> {
    const out = new Map<string, C>();
    for (const a of areas) {
      let c = this.byArea.get(a);
      if (!c) this.byArea.set(a, (c = this.make(a)));
      out.set(a, c);
    }
    return out;
  }

  /** After a view is on screen: opens its areas' clients, marks them most recent, closes the oldest beyond `keep`. */
  use(areas: readonly string[]): void {
    const now = this.peek(areas);
    for (const [a, c] of now) {
      this.byArea.delete(a);
      this.byArea.set(a, c);
      if (!this.opened.has(c)) {
        this.opened.add(c);
        c.open();
      }
    }
    const limit = Math.max(this.keep, now.size);
    for (const [a, c] of this.byArea) {
      if (this.byArea.size <= limit) break;
      if (now.has(a)) continue;
      this.byArea.delete(a);
      if (this.opened.delete(c)) c.close();
    }
  }

  /**
   * Every client closed (the meeting left, or frozen/unfrozen: figures must not mix). They stay known,
   * so a remount (React's strict mode in development) reopens the very clients its panels hold.
   */
  closeAll(): void {
    for (const c of this.opened) c.close();
    this.opened.clear();
  }
}
