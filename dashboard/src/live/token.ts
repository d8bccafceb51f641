/**
 * The access token of a page: `?token=` in the address wins and is remembered per screen in
 * localStorage, so a kiosk that reloads a bare address keeps working.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const tokenStorageKey = (scope: string) => `ioc.token.${scope}`;

export function resolveToken(scope: string, search: string, storage: KeyValueStorage | null): string | null {
  const fromUrl = new URLSearchParams(search).get('token')?.trim() || null;
  try {
    if (fromUrl) {
      storage?.setItem(tokenStorageKey(scope), fromUrl);
      return fromUrl;
    }
    return storage?.getItem(tokenStorageKey(scope))?.trim() || null;
  } catch {
    // Storage may be disabled (private mode, quota): the URL token still works for this load.
    return fromUrl;
  }
}

/** Browser storage if usable. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
