/**
 * Security headers on every answer (helmet): a Content-Security-Policy with no `unsafe-inline` and no
 * `unsafe-eval`, under which every page runs (wall, map with its worker, tablet, admin): scripts, styles,
 * fonts, workers and the socket from this origin only; images also as data:/blob: (ECharts and deck.gl
 * draw into them). No page may be framed (frame-ancestors 'none'), no referrer leaves the site.
 */
import helmet from 'helmet';

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Everything is same-origin; no page is meant to be embedded or to embed others.
    crossOriginEmbedderPolicy: false,
  });
}
