/**
 * Cameras: unique ids, a commune of the province, a configured feed source, one camera per (feed, ref),
 * a position inside the province; and feed source ids unique across kinds (each is a URL segment).
 */
import type { CameraConfig, ProvinceConfig, SourcesConfig } from '../config.ts';
import type { ConfigIssue } from './issues.ts';
import type { Loaded } from './yaml-source.ts';
import { suggestHint } from './hints.ts';

/** Khánh Hòa (with the former Ninh Thuận) lies within about 11.2–12.9 N, 108.6–109.5 E; Trường Sa far south-east. */
function insideKhanhHoa(lat: number, lon: number): boolean {
  const mainland = lat >= 11.0 && lat <= 13.0 && lon >= 108.4 && lon <= 109.6;
  const spratly = lat >= 7.0 && lat <= 12.0 && lon >= 111.0 && lon <= 117.0;
  return mainland || spratly;
}

export function checkCameras(
  { source, value: cameras }: Loaded<CameraConfig[]>,
  province: ProvinceConfig | null,
  sources: SourcesConfig | null,
  issues: ConfigIssue[],
): void {
  const communes = new Set(province?.communes.map((c) => c.code) ?? []);
  const feedIds = new Set(allFeeds(sources).map((x) => x.id));
  const ids = new Set<string>();
  const refs = new Set<string>();
  cameras.forEach((c, i) => {
    const at = (key: string, message: string, hint?: string) => issues.push(source.issue(['cameras', i, key], message, hint));
    if (ids.has(c.id)) at('id', `camera "${c.id}" is defined twice`);
    ids.add(c.id);
    if (province && !communes.has(c.area))
      at('area', `"${c.area}" is not one of the province's communes`, 'use a 5-digit commune code from province.yaml');
    if (sources && !feedIds.has(c.feed))
      at('feed', `unknown feed source "${c.feed}"`, `define it under feeds: in sources.yaml; ${suggestHint(c.feed, feedIds)}`);
    const ref = `${c.feed}|${c.ref.toLowerCase()}`;
    if (refs.has(ref)) at('ref', `two cameras are "${c.ref}" of feed "${c.feed}"`);
    refs.add(ref);
    if (province?.code === '56' && !insideKhanhHoa(c.lat, c.lon))
      at(
        'lat',
        `position ${c.lat}, ${c.lon} is outside Khánh Hòa`,
        'lat/lon in decimal degrees, e.g. lat: 12.2431, lon: 109.1960',
      );
  });
}

function allFeeds(sources: SourcesConfig | null): { id: string }[] {
  const f = sources?.feeds;
  return f ? [...f.frigate, ...f.hikvision, ...f.onvif, ...f.webhook] : [];
}

/** Feed source ids are unique across frigate, hikvision, onvif and webhook: each is the :source of a URL. */
export function checkFeedIds({ source, value }: Loaded<SourcesConfig>, issues: ConfigIssue[]): void {
  const f = value.feeds;
  if (!f) return;
  const seen = new Set<string>();
  for (const kind of ['frigate', 'hikvision', 'onvif', 'webhook'] as const)
    f[kind].forEach((x, i) => {
      if (seen.has(x.id))
        issues.push(
          source.issue(
            ['feeds', kind, i, 'id'],
            `feed source id "${x.id}" is used twice`,
            'ids are unique across frigate, hikvision, onvif and webhook',
          ),
        );
      seen.add(x.id);
    });
}
