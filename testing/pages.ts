/**
 * Shared steps of the browser tests: signing in through the sign-in page (as a person would), a session
 * cookie for Node-side requests (as staff's own browser would hold), and a watch on a page for
 * Content-Security-Policy violations and script errors.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Signs in on `/` through the form; resolves once the home page (or `next`) has loaded. */
export async function signIn(page: Page, base: string, username: string, password: string, next?: string): Promise<void> {
  await page.goto(next ? `${base}/?next=${encodeURIComponent(next)}` : `${base}/`);
  await page.locator('[data-testid="signin-username"]').fill(username);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
  if (next) await page.waitForURL((u) => u.pathname + u.search === next, { timeout: 15_000 });
  else await page.locator('[data-testid="home-page"]').waitFor({ timeout: 15_000 });
}

/** `ioc_session=…` for Node-side requests as `username` (POST /api/session), or throws with the status. */
export async function sessionCookie(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 204) throw new Error(`sign-in as ${username}: HTTP ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ioc_session='));
  if (!cookie) throw new Error('no ioc_session cookie');
  return cookie.split(';')[0]!;
}

export interface PageWatch {
  /** CSP violations seen by the page (`securitypolicyviolation`) and reported on its console. */
  violations(): Promise<string[]>;
  /** Uncaught script errors. */
  readonly errors: string[];
  readonly console: string[];
}

/**
 * Watches every page of `ctx` opened after this call: a `securitypolicyviolation` listener installed
 * before any script of the page runs (an init script), console messages that name the
 * Content Security Policy, and page errors.
 */
export async function watchPages(ctx: BrowserContext): Promise<(page: Page) => PageWatch> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return (page) => {
    const errors: string[] = [];
    const consoleCsp: string[] = [];
    const consoleAll: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      consoleAll.push(`${m.type()}: ${m.text()}`);
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) consoleCsp.push(m.text());
    });
    return {
      errors,
      console: consoleAll,
      async violations() {
        const inPage = await page
          .evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])
          .catch(() => [] as string[]);
        return [...inPage, ...consoleCsp];
      },
    };
  };
}
