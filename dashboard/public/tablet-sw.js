/* global self, caches */
/*
 * The tablet's service worker (registered by dashboard/src/tablet/offline.ts with scope /tablet): keeps
 * the app shell on the device so a tablet on poor Wi-Fi reloads without the network.
 *  - /tablet pages: network first (a new build is picked up at once), the cached shell when offline.
 *  - /assets/* (hashed, immutable): from the cache, else the network (then cached).
 *  - Nothing else: no /api answer and no socket traffic ever passes through here; the figures are kept
 *    per user in IndexedDB by the page and wiped at sign-out.
 * Plain JavaScript served as a file of this origin: it runs under the page CSP (script-src 'self').
 */
const SHELL = 'ioc-tablet-shell-v1';

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.add('/tablet'))
      .catch(() => undefined),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('ioc-tablet-shell-') && k !== SHELL).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

function isAsset(url) {
  return url.origin === self.location.origin && url.pathname.startsWith('/assets/');
}

// The page lists what it loaded before this worker controlled it; keep those assets too.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls
    .slice(0, 500)
    .map((u) => {
      try {
        return new URL(String(u), self.location.origin);
      } catch {
        return null;
      }
    })
    .filter((u) => u && isAsset(u))
    .map((u) => u.pathname);
  const port = event.ports && event.ports[0];
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) =>
        Promise.all([
          c.add('/tablet').catch(() => undefined),
          ...urls.map((u) => c.match(u).then((hit) => hit || c.add(u).catch(() => undefined))),
        ]),
      )
      .then(() => port && port.postMessage({ type: 'cached', count: urls.length })),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate' && (url.pathname === '/tablet' || url.pathname.startsWith('/tablet/'))) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(SHELL).then((c) => c.put('/tablet', copy));
          }
          return res;
        })
        .catch(() => caches.match('/tablet').then((hit) => hit || Response.error())),
    );
    return;
  }
  if (isAsset(url)) {
    event.respondWith(
      caches.match(url.pathname).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              caches.open(SHELL).then((c) => c.put(url.pathname, copy));
            }
            return res;
          }),
      ),
    );
  }
});
