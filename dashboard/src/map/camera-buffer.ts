/**
 * The cameras of the map as typed arrays for deck.gl's binary data. A province registers thousands of
 * cameras and their statuses change all day; deck.gl given objects and accessors runs the colour
 * accessor over every camera on each change (about 2 ms for 5,000, most of an update's budget). Here
 * a status change rewrites four bytes and `colorsVersion`, the layer's update trigger for its colours:
 * the data object stays the same, so deck.gl re-uploads the colours (4 bytes a camera) and leaves the
 * positions and every other attribute alone. A new camera list is a new data object. Pure: no DOM, no deck.gl.
 */
import type { CameraState } from '../../../contract/alerts.ts';
import { CAMERA_RGBA, type BinaryPoints } from './layers.ts';

export interface CameraPlace {
  id: string;
  lon: number;
  lat: number;
}

export interface CameraPoints {
  /** The same object while the list and positions stay the same (its colours are swapped in place). */
  data: BinaryPoints;
  /** Grows when a colour changed: the layer's `updateTriggers.getFillColor`. */
  colorsVersion: number;
}

const EMPTY: BinaryPoints = {
  length: 0,
  attributes: {
    getPosition: { value: new Float32Array(0), size: 2 },
    getFillColor: { value: new Uint8Array(0), size: 4, normalized: true },
  },
};

/** A state this build does not know (a newer server) is drawn as unknown, not left black. */
const colourOf = (state: CameraState | null) => CAMERA_RGBA[state ?? 'none'] ?? CAMERA_RGBA.unknown;

export class CameraBuffer {
  private ids: string[] = [];
  private states: (CameraState | null)[] = [];
  private positions: BinaryPoints['attributes']['getPosition'] = EMPTY.attributes.getPosition;
  private colors = new Uint8Array(0);
  private points: CameraPoints = { data: EMPTY, colorsVersion: 0 };

  /**
   * Takes the cameras as they are now: the same result when nothing changed, a new one when a status
   * (same data object, new colours) or the list (new data object) changed. One pass of comparisons,
   * no allocation unless the list itself changed. Cameras without a finite position are left out.
   */
  sync<C extends CameraPlace>(cameras: readonly C[], stateOf: (c: C) => CameraState | null): CameraPoints {
    const { ids, states, colors } = this;
    const p = this.positions.value;
    let i = 0;
    let recoloured = false;
    for (const c of cameras) {
      if (!Number.isFinite(c.lon) || !Number.isFinite(c.lat)) continue;
      if (ids[i] !== c.id || p[2 * i] !== Math.fround(c.lon) || p[2 * i + 1] !== Math.fround(c.lat))
        return this.rebuild(cameras, stateOf);
      const state = stateOf(c);
      if (states[i] !== state) {
        states[i] = state;
        colors.set(colourOf(state), 4 * i);
        recoloured = true;
      }
      i++;
    }
    if (i !== ids.length) return this.rebuild(cameras, stateOf);
    if (recoloured) {
      // deck.gl holds this data object; the new view of the colours is what its update trigger uploads.
      this.points.data.attributes.getFillColor = this.colorAttribute();
      this.points = { data: this.points.data, colorsVersion: this.points.colorsVersion + 1 };
    }
    return this.points;
  }

  private rebuild<C extends CameraPlace>(cameras: readonly C[], stateOf: (c: C) => CameraState | null): CameraPoints {
    const placed = cameras.filter((c) => Number.isFinite(c.lon) && Number.isFinite(c.lat));
    const value = new Float32Array(placed.length * 2);
    this.colors = new Uint8Array(placed.length * 4);
    this.ids = [];
    this.states = [];
    placed.forEach((c, i) => {
      value[2 * i] = c.lon;
      value[2 * i + 1] = c.lat;
      const state = stateOf(c);
      this.ids.push(c.id);
      this.states.push(state);
      this.colors.set(colourOf(state), 4 * i);
    });
    this.positions = { value, size: 2 };
    this.points = {
      data: { length: placed.length, attributes: { getPosition: this.positions, getFillColor: this.colorAttribute() } },
      colorsVersion: this.points.colorsVersion + 1,
    };
    return this.points;
  }

  private colorAttribute(): BinaryPoints['attributes']['getFillColor'] {
    return { value: this.colors.subarray(0), size: 4, normalized: true };
  }
}
