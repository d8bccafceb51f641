/**
 * One wall display: a Chromium window (persistent profile of its own) placed on the display, opened on
 * /wall/<display>?token=<device token> — the server exchanges the token for the HttpOnly device cookie
 * (kept in the profile, so a reboot needs no password) and answers 303 to the address without it, which
 * page.goto follows like any redirect — kept alive by the watchdog (watchdog.ts decides, this file acts),
 * and sending a small screenshot to the server now and then. The page sends its own heartbeats to the
 * server over its socket; to the kiosk it signals through the `__kioskBeat` binding.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Logger } from 'pino';
import { KioskSignalSchema } from '../contract/kiosk.ts';
import type { DisplayRect } from '../contract/wall.ts';
import { connectingHtml } from './connecting.ts';
import {
  initialState,
  step,
  type WatchdogAction,
  type WatchdogEvent,
  type WatchdogSettings,
  type WatchdogState,
} from './watchdog.ts';

export interface ScreenOptions {
  display: DisplayRect & { name: string };
  /** Server base URL, e.g. http://127.0.0.1:8080 */
  server: string;
  token: string;
  profileDir: string;
  headless: boolean;
  executablePath: string;
  settings: WatchdogSettings;
  /** Seconds between thumbnails (0: none). */
  screenshotS: number;
  log: Logger;
  /** Extra Chromium flags (tests). */
  extraArgs?: string[];
}

export function chromiumArgs(o: Pick<ScreenOptions, 'display' | 'headless' | 'extraArgs'>): string[] {
  const d = o.display;
  return [
    ...(o.headless ? ['--headless'] : ['--kiosk', '--start-fullscreen']),
    `--window-position=${d.x},${d.y}`,
    `--window-size=${d.width},${d.height}`,
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--hide-crash-restore-bubble',
    '--disable-features=Translate,TranslateUI,MediaRouter',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--check-for-update-interval=31536000',
    // A wall is never "in the background": keep timers and rendering at full pace.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    '--autoplay-policy=no-user-gesture-required',
    '--enable-precise-memory-info',
    ...(typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : []),
    ...(o.extraArgs ?? []),
  ];
}

export interface ScreenStatus {
  id: string;
  phase: WatchdogState['phase'];
  reason: string;
  restarts: number;
  lastBeatAt: number | null;
}

export class KioskScreen {
  private context: BrowserContext | null = null;
  page: Page | null = null;
  private state: WatchdogState = initialState(Date.now());
  private queue: Promise<void> = Promise.resolve();
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private shooter: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  restarts = 0;
  /** Signals from the page that did not match contract/kiosk.ts (ignored). */
  badSignals = 0;
  /** Every action taken, newest last (bounded), for tests and diagnostics. */
  readonly history: { at: number; action: string }[] = [];

  constructor(readonly o: ScreenOptions) {}

  get url(): string {
    return `${this.o.server}/wall/${encodeURIComponent(this.o.display.id)}?token=${encodeURIComponent(this.o.token)}`;
  }

  status(): ScreenStatus {
    return {
      id: this.o.display.id,
      phase: this.state.phase,
      reason: this.state.reason,
      restarts: this.restarts,
      lastBeatAt: this.state.lastBeatAt,
    };
  }

  async start(): Promise<void> {
    await this.launch();
    this.ticker = setInterval(() => this.dispatch({ type: 'tick' }), 1000);
    if (this.o.screenshotS > 0) this.shooter = setInterval(() => void this.thumbnail(), this.o.screenshotS * 1000);
    this.dispatch({ type: 'tick' });
    this.enqueue(() => this.probe());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.shooter) clearInterval(this.shooter);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.queue.catch(() => {});
    await this.context?.close().catch(() => {});
  }

  private dispatch(e: WatchdogEvent): void {
    if (this.stopped) return;
    const r = step(this.state, e, Date.now(), this.o.settings);
    this.state = r.state;
    for (const a of r.actions) this.act(a);
  }

  private act(a: WatchdogAction): void {
    this.history.push({ at: Date.now(), action: a.do === 'probe' ? `probe+${a.inMs}` : a.do });
    if (this.history.length > 200) this.history.shift();
    switch (a.do) {
      case 'probe':
        this.later(() => this.enqueue(() => this.probe()), a.inMs);
        return;
      case 'show-connecting':
        this.enqueue(() => this.showConnecting(a.retryInMs));
        return;
      case 'navigate':
        this.o.log.info({ display: this.o.display.id, reason: a.reason }, 'opening the wall page');
        this.enqueue(() => this.navigate());
        return;
      case 'new-page':
        this.restarts++;
        this.o.log.warn({ display: this.o.display.id, reason: a.reason }, 'renderer lost: new page');
        this.enqueue(() => this.newPage());
        return;
      case 'new-browser':
        this.restarts++;
        this.o.log.warn({ display: this.o.display.id, reason: a.reason }, 'browser lost: relaunching');
        this.enqueue(() => this.launch());
        return;
    }
  }

  /** Actions run one at a time, in order; a failure is logged, never thrown. */
  private enqueue(fn: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        await fn();
      } catch (err) {
        this.o.log.warn({ display: this.o.display.id, err: (err as Error).message }, 'kiosk action failed');
      }
    });
  }

  private later(fn: () => void, ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private async launch(): Promise<void> {
    await this.context?.close().catch(() => {});
    mkdirSync(this.o.profileDir, { recursive: true });
    const d = this.o.display;
    const ctx = await chromium.launchPersistentContext(this.o.profileDir, {
      executablePath: this.o.executablePath,
      headless: false, // the flags decide (--headless or --kiosk); see chromiumArgs
      args: chromiumArgs(this.o),
      ignoreDefaultArgs: ['--enable-automation'],
      viewport: this.o.headless ? { width: d.width, height: d.height } : null,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    this.context = ctx;
    await ctx.exposeBinding('__kioskBeat', (_src, signal: unknown) => {
      const s = KioskSignalSchema.safeParse(signal);
      if (!s.success) {
        // Anything running in the page can call the binding: a malformed signal proves nothing.
        if (this.badSignals++ === 0) this.o.log.warn({ display: this.o.display.id }, 'malformed kiosk signal ignored');
        return;
      }
      if (s.data.type === 'beat') this.dispatch({ type: 'beat', heapBytes: s.data.heapBytes });
      else this.dispatch({ type: 'boundary' });
    });
    ctx.on('close', () => {
      if (!this.stopped && this.context === ctx) this.dispatch({ type: 'closed' });
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    this.attach(page);
  }

  private attach(page: Page): void {
    this.page = page;
    page.on('crash', () => {
      if (this.page === page) this.dispatch({ type: 'crash' });
    });
    // Never leave a JavaScript dialog blocking the wall.
    page.on('dialog', (d) => void d.dismiss().catch(() => {}));
  }

  private async newPage(): Promise<void> {
    if (!this.context) return this.launch();
    const old = this.page;
    const page = await this.context.newPage();
    this.attach(page);
    await old?.close().catch(() => {});
  }

  private async probe(): Promise<void> {
    const reachable = await fetch(`${this.o.server}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
      (res) => res.ok,
      () => false,
    );
    this.dispatch({ type: 'server', reachable });
  }

  private async showConnecting(retryInMs: number): Promise<void> {
    const page = this.page;
    if (!page) return;
    // Content written into the wall's document would run under its Content-Security-Policy (no inline
    // style or script): a white, frozen page. Leave it for a blank one of no origin first.
    if (page.url() !== 'about:blank') await page.goto('about:blank', { timeout: 5000 }).catch(() => {});
    await page.setContent(
      connectingHtml({ name: this.o.display.name, server: this.o.server, retryInS: retryInMs / 1000, reason: this.state.reason }),
    );
  }

  private async navigate(): Promise<void> {
    const page = this.page;
    if (!page) return;
    try {
      await page.goto(this.url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
      this.dispatch({ type: 'loaded' });
    } catch {
      this.dispatch({ type: 'load-failed' });
    }
  }

  /** A small JPEG of what the display shows (the DevTools protocol scales it down), to the server. */
  async thumbnail(): Promise<boolean> {
    const page = this.page;
    if (!page || !this.context || this.state.phase !== 'running') return false;
    try {
      const cdp = await this.context.newCDPSession(page);
      try {
        const size = page.viewportSize() ?? { width: this.o.display.width, height: this.o.display.height };
        const scale = Math.min(1, 320 / size.width);
        const shot = await cdp.send('Page.captureScreenshot', {
          format: 'jpeg',
          quality: 60,
          clip: { x: 0, y: 0, width: size.width, height: size.height, scale },
        });
        const res = await fetch(`${this.o.server}/api/screens/${encodeURIComponent(this.o.display.id)}/thumbnail`, {
          method: 'POST',
          headers: { 'Content-Type': 'image/jpeg', Authorization: `Bearer ${this.o.token}` },
          body: Buffer.from(shot.data, 'base64'),
          signal: AbortSignal.timeout(5000),
        });
        return res.ok;
      } finally {
        await cdp.detach().catch(() => {});
      }
    } catch (err) {
      this.o.log.debug?.({ display: this.o.display.id, err: (err as Error).message }, 'thumbnail not sent');
      return false;
    }
  }
}
