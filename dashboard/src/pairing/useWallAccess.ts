/** The wall page's access (credential or pairing), driven while the page is mounted. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { AccessDriver, browserIo } from './driver.ts';
import type { WallAccess } from './machine.ts';

export function useWallAccess(): { access: WallAccess; doubt: () => void } {
  const [driver] = useState(() => new AccessDriver(browserIo()));
  useEffect(() => {
    driver.start();
    return () => driver.stop();
  }, [driver]);
  const access = useSyncExternalStore(driver.subscribe, driver.getSnapshot);
  return { access, doubt: driver.doubt };
}
