/**
 * What a page keeps on the device for one signed-in person (the tablet's last figures, for poor Wi-Fi):
 * wiped at sign-out, whichever page signs out, so the next person on a shared tablet never sees them.
 * The databases listed here are the only ones a page may create.
 */
export const DEVICE_DATABASES = ['ioc-tablet'] as const;

/** Deletes every database of DEVICE_DATABASES; resolves after at most `timeoutMs` (sign-out never hangs). */
export async function wipeDeviceData(timeoutMs = 3000): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const one = (name: string) =>
    new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => resolve();
      // An open connection elsewhere closes itself on `versionchange` (tablet/cache.ts), then this succeeds.
    });
  await Promise.race([Promise.all(DEVICE_DATABASES.map(one)), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
