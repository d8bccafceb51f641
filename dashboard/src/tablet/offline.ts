/**
 * Poor Wi-Fi, the page's side: registers the tablet's service worker (dashboard/public/tablet-sw.js,
 * scope /tablet) and hands it the assets this page already loaded, so the next reload works offline;
 * `data-offline-ready` on <html> says the shell is on the device. The figures themselves are cache.ts.
 */
import { useEffect, useState } from 'react';

function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.startsWith(`${location.origin}/assets/`));
}

async function handOver(worker: ServiceWorker): Promise<void> {
  await new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    const t = setTimeout(resolve, 15_000);
    ch.port1.onmessage = () => {
      clearTimeout(t);
      resolve();
    };
    worker.postMessage({ type: 'cache-assets', urls: loadedAssets() }, [ch.port2]);
  });
}

export function registerTabletWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  void (async () => {
    try {
      await navigator.serviceWorker.register('/tablet-sw.js', { scope: '/tablet' });
      const reg = await navigator.serviceWorker.ready;
      if (!reg.active) return;
      await handOver(reg.active);
      document.documentElement.dataset.offlineReady = '1';
      // Chunks loaded later (charts, the map's worker) pass through the worker once it controls the page;
      // the ones loaded before that are handed over once more.
      setTimeout(() => reg.active && void handOver(reg.active), 10_000);
    } catch {
      // No service worker (a private window, an old browser): the tablet works, just not offline.
    }
  })();
}

/** Minutes since `at` (ms), re-read every 15 s; null when `at` is null. */
export function useMinutesSince(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return at === null ? null : Math.max(0, Math.floor((now - at) / 60_000));
}

/** `cập nhật 12 phút trước`, `cập nhật dưới 1 phút trước`. */
export function agoTextVi(minutes: number): string {
  if (minutes < 1) return 'cập nhật dưới 1 phút trước';
  if (minutes < 120) return `cập nhật ${minutes} phút trước`;
  const h = Math.floor(minutes / 60);
  return h < 48 ? `cập nhật ${h} giờ ${minutes % 60} phút trước` : `cập nhật ${Math.floor(h / 24)} ngày trước`;
}
