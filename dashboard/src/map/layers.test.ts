import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertBuffer, forgetMissing, heatRefreshDue } from './alert-buffer.ts';
import type { CameraState } from '../../../contract/alerts.ts';
import { CameraBuffer } from './camera-buffer.ts';
import {
  CAMERA_RGBA,
  LAYER_IDS,
  PULSE_MS,
  SEVERITY_RGBA,
  cameraSpec,
  choroplethSpec,
  declutter,
  labelData,
  labelSpec,
  pulseLook,
  type BinaryPoints,
} from './layers.ts';
import { communeFigures, choroplethModel } from './choropleth.ts';
import { HOANG_SA, TRUONG_SA, insetPath, labelPoint, partsWithin, pointInPolygon, type CommuneFeature } from './geo.ts';
import { NO_DATA } from './scale.ts';
import type { IndicatorValue } from '../../../contract/messages.ts';
import type { IndicatorInfo } from '../../../contract/http.ts';

const square = (code: string, x: number, y: number, s = 1): CommuneFeature => ({
  type: 'Feature',
  properties: { code, name: `Xã ${code}`, type: 'Xã' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  },
});

test('choropleth spec: stable id, fills by code, updateTriggers change with the figures and the selection', () => {
  const features = [square('1', 0, 0), square('2', 1, 0)];
  const fills = new Map([['1', [1, 2, 3, 4] as [number, number, number, number]]]);
  const a = choroplethSpec({ features, fills, fillsKey: 'k1', selected: null });
  const b = choroplethSpec({ features, fills, fillsKey: 'k2', selected: '2' });
  assert.equal(a.id, LAYER_IDS.communes);
  assert.equal(a.data, b.data, 'same data array: geometry is not re-tessellated on a new figure');
  assert.deepEqual(a.getFillColor(features[0]!), [1, 2, 3, 4]);
  assert.deepEqual(a.getFillColor(features[1]!), NO_DATA);
  assert.notEqual(a.updateTriggers.getFillColor, b.updateTriggers.getFillColor);
  assert.notEqual(a.updateTriggers.getLineColor, b.updateTriggers.getLineColor);
  assert.equal(b.getLineWidth(features[1]!), 4);
});

test('labels: Vietnamese characters from the data, local font, label point inside concave parts', () => {
  const spec = labelSpec(labelData([square('1', 0, 0)]), 16, null);
  assert.equal(spec.characterSet, 'auto');
  assert.match(spec.fontFamily, /Be Vietnam Pro/);
  const u: CommuneFeature['geometry'] = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ],
  };
  const p = labelPoint(u);
  assert.ok(pointInPolygon(p, u.coordinates), `label point ${p} inside the U`);
});

test('declutter keeps the first label of overlapping ones', () => {
  const labels = [
    { code: 'a', text: 'Nha Trang', position: [0, 0] as [number, number] },
    { code: 'b', text: 'Bắc Nha Trang', position: [1, 0] as [number, number] },
    { code: 'c', text: 'Cam Ranh', position: [0, 10] as [number, number] },
  ];
  const kept = declutter(labels, ([x, y]) => [x * 10, y * 10], 16);
  assert.deepEqual(
    kept.map((l) => l.code),
    ['a', 'c'],
  );
});

test('cameras: coloured by status; a status change rewrites colours only, a moved camera the positions', () => {
  type Cam = { id: string; lon: number; lat: number; state: CameraState | null };
  const state = (c: Cam) => c.state;
  const colour = (d: BinaryPoints, i: number) => [...d.attributes.getFillColor.value.slice(4 * i, 4 * i + 4)];
  const b = new CameraBuffer();
  const cams: Cam[] = [
    { id: 'c1', lon: 109.1, lat: 12.2, state: 'offline' },
    { id: 'c2', lon: 109.3, lat: 12.4, state: null },
    { id: 'no-place', lon: NaN, lat: 12, state: 'online' },
  ];
  const r1 = b.sync(cams, state);
  const d1 = r1.data;
  assert.equal(d1.length, 2, 'a camera without a position is not drawn');
  assert.deepEqual(colour(d1, 0), CAMERA_RGBA.offline);
  assert.deepEqual(colour(d1, 1), CAMERA_RGBA.none);
  assert.equal(
    b.sync(
      cams.map((c) => ({ ...c })),
      state,
    ),
    r1,
    'nothing changed (new objects, same cameras): same result',
  );
  const { getPosition: positions1, getFillColor: colours1 } = d1.attributes;
  const r2 = b.sync([cams[0]!, { ...cams[1]!, state: 'online' }, cams[2]!], state);
  assert.ok(r2.colorsVersion > r1.colorsVersion, 'a status change moves the colour update trigger');
  assert.equal(r2.data, d1, '... on the same data object, so deck.gl updates nothing else');
  assert.equal(r2.data.attributes.getPosition, positions1, '... and skips the positions');
  assert.notEqual(r2.data.attributes.getFillColor, colours1, '... and uploads the colours');
  assert.deepEqual(colour(r2.data, 1), CAMERA_RGBA.online);
  const r3 = b.sync(
    [
      { ...cams[0]!, lon: 109.5 },
      { ...cams[1]!, state: 'online' },
    ],
    state,
  );
  assert.notEqual(r3.data, d1, 'a moved camera is a new data object');
  assert.deepEqual([...r3.data.attributes.getPosition.value], [...new Float32Array([109.5, 12.2, 109.3, 12.4])]);
  assert.equal(b.sync([cams[1]!], state).data.length, 1, 'a camera removed from the registry leaves the map');
  const odd = b.sync([{ ...cams[1]!, state: 'rebooting' as CameraState }], state);
  assert.deepEqual(colour(odd.data, 0), CAMERA_RGBA.unknown, 'a state this build does not know is drawn as unknown');
  assert.equal(cameraSpec(r3.data, r3.colorsVersion, 4).pickable, false, 'a tap on a camera dot reaches its commune');
});

test('a pulse resumes at its age and lives PULSE_MS', () => {
  const pulse = { id: 'a', lon: 1, lat: 2, severity: 'critical' as const, bornAt: 1_000 };
  assert.deepEqual(pulseLook(pulse, 1_000), { color: 'rgb(255, 77, 109)', delayMs: 0 }, 'a new pulse starts at the beginning');
  assert.equal(pulseLook(pulse, 13_000).delayMs, -12_000, 'a pulse shown again after a page switch resumes at its age');
  assert.equal(pulseLook(pulse, 1_000 + 5 * PULSE_MS).delayMs, -PULSE_MS, 'never beyond its life');
  assert.equal(pulseLook(pulse, 0).delayMs, 0, 'a clock going back does not make it younger than new');
});

test('alert buffer: upsert in place, drop old points, binary data per version', () => {
  const b = new AlertBuffer(2);
  b.upsert([
    { id: 'a', lon: 1, lat: 2, severity: 'low', at: 100 },
    { id: 'b', lon: 3, lat: 4, severity: 'high', at: 200 },
    { id: 'c', lon: 5, lat: 6, severity: 'critical', at: 300 },
  ]);
  assert.equal(b.length, 3);
  const d1 = b.binary();
  assert.equal(b.binary(), d1, 'same object while nothing changed');
  b.upsert([{ id: 'a', lon: 9, lat: 9, severity: 'low', at: 400 }]);
  assert.equal(b.length, 3, 'an update keeps its slot');
  assert.notEqual(b.binary(), d1);
  assert.equal(b.dropBefore(250), 1);
  const d = b.binary();
  assert.equal(d.length, 2);
  assert.deepEqual([...d.attributes.getPosition.value.slice(0, 2 * d.length)], [9, 9, 5, 6]);
  assert.deepEqual([...d.attributes.getFillColor.value.slice(4, 8)], SEVERITY_RGBA.critical);
  assert.equal(b.dropBefore(250), 0, 'nothing older: nothing dropped');
  b.upsert([{ id: 'late-old', lon: 0, lat: 0, severity: 'info', at: 50 }]);
  assert.equal(b.dropBefore(60), 1, 'a point that arrives late with an old time is still dropped');
  const capacity = d.attributes.getPosition.value.length;
  b.upsert([{ id: 'z', lon: 1, lat: 1, severity: 'low', at: 500 }]);
  assert.equal(b.binary().length, 3);
  assert.equal(
    b.binary().attributes.getPosition.value.length,
    capacity,
    'one more alert, same array length: deck.gl keeps its GPU buffer',
  );
});

test('heat snapshot: a copy that stays put while the buffer changes in place', () => {
  const b = new AlertBuffer(4);
  b.upsert([{ id: 'a', lon: 1, lat: 2, severity: 'low', at: 100 }]);
  const snap = b.snapshot();
  b.upsert([{ id: 'a', lon: 7, lat: 8, severity: 'critical', at: 200 }]);
  assert.deepEqual([...snap.data.attributes.getPosition.value], [1, 2]);
  assert.deepEqual([...snap.data.attributes.getFillColor.value], SEVERITY_RGBA.low);
  assert.notEqual(snap.version, b.version);
});

test('heat refresh: at most once per period, in its own task, at once when it shows nothing', () => {
  const taken = (version: number, length: number, takenAtMs: number) => ({ version, length, takenAtMs });
  const cases: [string, ReturnType<typeof heatRefreshDue>, ...Parameters<typeof heatRefreshDue>][] = [
    ['first render', { take: true, waitMs: null }, null, 0, 1_000, 10_000, false],
    ['up to date', { take: false, waitMs: null }, taken(3, 50, 0), 3, 1_000, 10_000, false],
    [
      'changed 1 s after the last refresh: its task in 9 s',
      { take: false, waitMs: 9_000 },
      taken(3, 50, 0),
      4,
      1_000,
      10_000,
      false,
    ],
    ['due, in a live update: not now, its task at once', { take: false, waitMs: 0 }, taken(3, 50, 0), 4, 12_000, 10_000, false],
    ['due, in its own task: now', { take: true, waitMs: null }, taken(3, 50, 0), 4, 12_000, 10_000, true],
    ['its task fired early (clock): wait the rest', { take: false, waitMs: 500 }, taken(3, 50, 0), 4, 9_500, 10_000, true],
    [
      'the heat map is empty: the first alerts at once, even in an update',
      { take: true, waitMs: null },
      taken(3, 0, 0),
      4,
      1_000,
      10_000,
      false,
    ],
  ];
  for (const [name, want, ...args] of cases) assert.deepEqual(heatRefreshDue(...args), want, name);
});

test('per-alert bookkeeping stays bounded by the alert list', () => {
  const m = new Map(Array.from({ length: 20 }, (_, i) => [`a${i}`, i] as const));
  forgetMissing(m, new Set(['a1', 'a2']), 100);
  assert.equal(m.size, 20, 'below the bound nothing is walked');
  forgetMissing(m, new Set(['a1', 'a2', 'gone']), 10);
  assert.deepEqual([...m.keys()], ['a1', 'a2'], 'past it, only listed alerts are kept');
});

test('choropleth model: latest commune period by default, a chosen period otherwise', () => {
  const info = { id: 'x.rate', period: 'month', name: 'Tỷ lệ', unit: '%', higherIsBetter: true, neutral: false } as IndicatorInfo;
  const v = (area: string, period: string, value: number): IndicatorValue => ({
    indicator: 'x.rate',
    area,
    period,
    value,
    plan: null,
    status: 'official',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  const values = [v('1', '2026-09', 10), v('1', '2026-10', 20), v('2', '2026-10', 30), v('56', '2026-11', 99)];
  const f = communeFigures(info, values, ['1', '2', '3']);
  assert.equal(f.period, '2026-10');
  assert.equal(f.missing, 1);
  assert.equal(communeFigures(info, values, ['1', '2', '3'], '2026-09').byCode.get('1')?.value, 10);
  const m = choroplethModel(info, f, ['1', '2', '3']);
  assert.deepEqual(m.fills.get('3'), NO_DATA);
  assert.notEqual(
    m.key,
    choroplethModel(info, communeFigures(info, [...values, v('3', '2026-10', 1)], ['1', '2', '3']), ['1', '2', '3']).key,
  );
});

test('insets: archipelago parts are picked by box and drawn inside the inset', () => {
  const reef = square('r', 112, 16.5, 0.01);
  const mainland = square('m', 108, 12);
  assert.equal(partsWithin([reef, mainland], HOANG_SA).length, 1);
  assert.equal(partsWithin([reef, mainland], TRUONG_SA).length, 0);
  const d = insetPath(partsWithin([reef], HOANG_SA), HOANG_SA, 220, 150);
  assert.match(d, /^M[\d.]+ [\d.]+/);
  for (const n of d.match(/[\d.]+/g)!.map(Number)) assert.ok(n >= 0 && n <= 220);
});
