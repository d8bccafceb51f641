/**
 * The boundaries, bundled as hashed assets of our own origin (Vite `?url`): fetched once per page.
 */
import { useEffect, useState } from 'react';
import communesUrl from './geo/khanh-hoa-communes.geojson?url';
import provincesUrl from './geo/vn-provinces.geojson?url';
import type { CommuneFeature, FeatureCollection } from './geo.ts';

export { default as licencesUrl } from './geo/LICENSES.txt?url';
export { default as attribution } from './geo/attribution.json';

const cache = new Map<string, Promise<FeatureCollection>>();

function load(url: string): Promise<FeatureCollection> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<FeatureCollection>;
    });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

export type GeoState<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; message: string };

export function useGeo(which: 'communes' | 'provinces'): GeoState<FeatureCollection<CommuneFeature>> {
  const url = which === 'communes' ? communesUrl : provincesUrl;
  const [s, setS] = useState<GeoState<FeatureCollection>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load(url).then(
      (data) => live && setS({ state: 'ready', data }),
      (err: Error) => live && setS({ state: 'error', message: err.message }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return s;
}
