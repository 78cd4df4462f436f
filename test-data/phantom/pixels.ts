import type { GridGeometry } from '../../src/core/types/volume';
import { NOISE_AMPLITUDE, tissueOfLabel, tissueValue, type TimePointKey } from './definitions';
import { orientation, slicePosition } from './grids';
import { hash32 } from './prng';
import type { SeriesSpec } from './series';
import type { ImagePlane } from './write-dicom';

/** Noise-free real value of every label (0..255) for one series (and b-value). */
export function valueTable(spec: SeriesSpec, bValue: number | null): Float64Array {
  const table = new Float64Array(256);
  for (let label = 0; label < 256; label++) table[label] = tissueValue(spec.kind, tissueOfLabel(label), bValue ?? 0);
  return table;
}

/**
 * Stored (integer) pixels of one slice: round(value * (1 + u) / slope), u uniform in
 * [-NOISE_AMPLITUDE, NOISE_AMPLITUDE]. The generator is seeded per (seed, time point, series,
 * b-value, slice), so a slice is the same whichever order or file it is written in.
 */
export function slicePixels(
  seed: number,
  timePoint: TimePointKey,
  spec: SeriesSpec,
  bValue: number | null,
  k: number,
  labels: Uint8Array,
  table: Float64Array,
  out: Uint16Array,
): Uint16Array {
  // mulberry32 (prng.ts) inlined: this loop runs for every voxel of every series.
  let state = hash32(seed, timePoint, spec.key, bValue ?? -1, k);
  const inverseSlope = 1 / spec.rescaleSlope;
  for (let v = 0; v < labels.length; v++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const random = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    const u = (2 * random - 1) * NOISE_AMPLITUDE;
    const stored = Math.round(table[labels[v]!]! * (1 + u) * inverseSlope);
    if (stored > 4095) throw new Error(`stored value ${stored} exceeds 12 bits (${spec.key})`);
    out[v] = stored;
  }
  return out;
}

/** The plane of slice k of a regular grid, as written. */
export function gridPlane(grid: GridGeometry, k: number): ImagePlane {
  return {
    rows: grid.dims[1],
    columns: grid.dims[0],
    pixelSpacingMm: [grid.spacingMm[1], grid.spacingMm[0]],
    positionLps: slicePosition(grid, k),
    orientation: orientation(grid),
    sliceThicknessMm: grid.spacingMm[2],
  };
}
