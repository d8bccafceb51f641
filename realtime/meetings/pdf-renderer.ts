/**
 * Server-side PDF in headless Chromium (playwright-core, Debian's /usr/bin/chromium; no download): one
 * browser launched on first use and reused, a fresh context (own cookies, own storage) per request, at
 * most `maxConcurrent` pages at once — the rest wait their turn, so a burst of exports cannot start ten
 * Chromium renderers on a two-core machine. A browser that died is launched again on the next request.
 */
import { chromium, type Browser } from 'playwright-core';

export interface PdfRenderRequest {
  /** The print page to open (on this node's own address). */
  url: string;
  /** Sent with every request of the page: the job's short-lived credential (never in the URL). */
  headers: Record<string, string>;
  /** The page signals it is ready (data and fonts) by showing this selector. */
  readySelector: string;
  /** A selector the page shows when it cannot render (its text is the reason). */
  errorSelector: string;
  timeoutMs?: number;
}

export interface PdfRenderer {
  render(req: PdfRenderRequest): Promise<Buffer>;
  close(): Promise<void>;
}

export const PDF_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** A4 landscape at 96 CSS px per inch: the print page lays each view out on this sheet. */
export const A4_LANDSCAPE_PX = { width: 1123, height: 794 };

export function createPdfRenderer(opts: { executablePath?: string; maxConcurrent?: number; args?: string[] } = {}): PdfRenderer {
  const maxConcurrent = Math.max(1, opts.maxConcurrent ?? 2);
  let browser: Promise<Browser> | null = null;
  let running = 0;
  const waiting: (() => void)[] = [];
  let closed = false;

  const getBrowser = (): Promise<Browser> => {
    if (!browser) {
      const launched = chromium.launch({
        executablePath: opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: opts.args ?? PDF_CHROMIUM_ARGS,
      });
      browser = launched;
      launched
        .then((b) =>
          b.on('disconnected', () => {
            if (browser === launched) browser = null;
          }),
        )
        .catch(() => {
          if (browser === launched) browser = null;
        });
    }
    return browser;
  };
  const acquire = async () => {
    if (running >= maxConcurrent) await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return {
    async render(req) {
      if (closed) throw new Error('renderer closed');
      await acquire();
      try {
        const b = await getBrowser();
        const ctx = await b.newContext({ viewport: A4_LANDSCAPE_PX, extraHTTPHeaders: req.headers, locale: 'vi-VN' });
        try {
          const page = await ctx.newPage();
          const timeout = req.timeoutMs ?? 30_000;
          await page.goto(req.url, { waitUntil: 'domcontentloaded', timeout });
          await page.waitForSelector(`${req.readySelector}, ${req.errorSelector}`, { state: 'attached', timeout });
          const problem = await page.$(req.errorSelector);
          if (problem) throw new Error(`print page: ${(await problem.textContent())?.slice(0, 200) ?? 'error'}`);
          await page.emulateMedia({ media: 'print' });
          return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
        } finally {
          await ctx.close().catch(() => {});
        }
      } finally {
        release();
      }
    },
    async close() {
      closed = true;
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
