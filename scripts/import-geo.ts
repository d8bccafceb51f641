/**
 * Copies the boundaries the map needs from the shared geo folder into dashboard/src/map/geo/ (bundled by
 * Vite as hashed assets, served by our own server): properties trimmed to what the map reads, the
 * attribution and the MIT notices of geo/SOURCES.md beside them.
 *   npx tsx scripts/import-geo.ts [../shared] [dashboard/src/map/geo]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const shared = process.argv[2] ?? '../shared';
const out = process.argv[3] ?? 'dashboard/src/map/geo';
mkdirSync(out, { recursive: true });

type Feature = { type: 'Feature'; id?: number; properties: Record<string, unknown>; geometry: unknown };
type FC = { type: 'FeatureCollection'; features: Feature[] };

function trim(file: string, keep: string[], target: string): void {
  const fc = JSON.parse(readFileSync(join(shared, 'geo', file), 'utf8')) as FC;
  const slim: FC = {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      properties: Object.fromEntries(keep.map((k) => [k, f.properties[k]])),
      geometry: f.geometry,
    })),
  };
  const text = JSON.stringify(slim);
  writeFileSync(join(out, target), text);
  console.log(`${target}: ${slim.features.length} features, ${(text.length / 1024).toFixed(0)} KB`);
}

trim('khanh-hoa-communes-2025.geojson', ['code', 'name', 'type'], 'khanh-hoa-communes.geojson');
trim('vn-provinces-2025.geojson', ['code', 'name', 'type'], 'vn-provinces.geojson');

// Attribution (Vietnamese text, to show in the map) and the licence notices, verbatim from SOURCES.md.
const sources = readFileSync(join(shared, 'geo/SOURCES.md'), 'utf8');
const attribution = /## Required attribution[\s\S]*?\n> (.+)\n/.exec(sources)?.[1]?.trim();
if (!attribution) throw new Error('attribution not found in SOURCES.md');
const notices = [...sources.matchAll(/```\n(MIT License[\s\S]*?)```/g)].map((m) => m[1]!.trim());
if (notices.length !== 2) throw new Error(`expected 2 MIT notices, found ${notices.length}`);
writeFileSync(join(out, 'attribution.json'), JSON.stringify({ vi: attribution }, null, 2) + '\n');
writeFileSync(
  join(out, 'LICENSES.txt'),
  `Ranh giới hành chính / Administrative boundaries\n\n${attribution}\n\n` +
    'Sources: thanglequoc/vietnamese-provinces-database (commit cd58063299585146ded3981f2272946ef19ced54, tag v2.4.1),\n' +
    'dvhcvn/20250701 (commit dd94887ce32324380bc5bb0a76fe39867dafc73b). Geometry simplified (mapshaper), see SOURCES.md.\n\n' +
    notices.join('\n\n----------------------------------------------------------------------\n\n') +
    '\n',
);
console.log('attribution.json, LICENSES.txt');
