import type { Direction3, GridGeometry, Vec3 } from '../../src/core/types/volume';
import { DWI_OFFSET_VOXELS, DWI_SLICE_FACTOR, FOV_MM } from './definitions';

/** Axial, the way scanners write it: rows along +x (L), columns along +y (P), normal +z (S). */
export const AXIAL: Direction3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/**
 * Numbers are rounded to 6 decimals before use so that the grid recorded in truth.json is exactly
 * what a reader parses back from the decimal strings (DS) in the files.
 */
export const round6 = (v: number): number => {
  const r = Math.round(v * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
};

/** DICOM DS text of a number (<= 16 characters, at most 6 decimals). */
export function formatDs(v: number): string {
  const text = String(round6(v));
  if (text.length <= 16) return text;
  throw new Error(`value ${v} does not fit a DS`);
}

export function parseSize(text: string): Vec3 {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`size must look like 128x128x40, got "${text}"`);
  const dims: Vec3 = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (dims.some((d) => d < 8 || d > 2048)) throw new Error(`each size must be in 8..2048, got "${text}"`);
  return dims;
}

function centredGrid(dims: Vec3, spacingMm: Vec3, offsetMm: Vec3): GridGeometry {
  const originLps: Vec3 = [0, 1, 2].map((a) => round6(-((dims[a]! - 1) / 2) * spacingMm[a]! + offsetMm[a]!)) as Vec3;
  return { dims: [...dims] as Vec3, spacingMm, originLps, direction: [...AXIAL] as Direction3 };
}

/** T1 grid (all dynamic phases and T2): `dims` = --size, fixed physical FOV centred on the isocentre. */
export function t1Grid(dims: Vec3): GridGeometry {
  const spacingMm = [0, 1, 2].map((a) => round6(FOV_MM[a]! / dims[a]!)) as Vec3;
  return centredGrid(dims, spacingMm, [0, 0, 0]);
}

/** DWI and ADC grid: half the in-plane matrix, slices 1.6x thicker, origin shifted by a fraction of a voxel. */
export function dwiGrid(t1Dims: Vec3): GridGeometry {
  const t1 = t1Grid(t1Dims);
  const dims: Vec3 = [Math.max(4, Math.floor(t1Dims[0] / 2)), Math.max(4, Math.floor(t1Dims[1] / 2)), Math.max(4, Math.floor(t1Dims[2] / DWI_SLICE_FACTOR))];
  const spacingMm: Vec3 = [round6(FOV_MM[0] / dims[0]), round6(FOV_MM[1] / dims[1]), round6(t1.spacingMm[2] * DWI_SLICE_FACTOR)];
  const offsetMm = [0, 1, 2].map((a) => DWI_OFFSET_VOXELS[a]! * spacingMm[a]!) as Vec3;
  return centredGrid(dims, spacingMm, offsetMm);
}

/** Centre of voxel (i, j, k) in LPS mm: origin + i*sx*row + j*sy*col + k*sz*normal (volume.ts contract). */
export function voxelCentre(grid: GridGeometry, i: number, j: number, k: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const d = grid.direction;
  const s = grid.spacingMm;
  const o = grid.originLps;
  const a = i * s[0];
  const b = j * s[1];
  const c = k * s[2];
  // Same summation order as rasterizeSlice, so a voxel's label is bit-for-bit the same either way.
  out[0] = o[0] + b * d[3] + c * d[6] + a * d[0];
  out[1] = o[1] + b * d[4] + c * d[7] + a * d[1];
  out[2] = o[2] + b * d[5] + c * d[8] + a * d[2];
  return out;
}

/** ImagePositionPatient of slice k (centre of its first pixel), rounded as written (<= 5e-7 mm off). */
export function slicePosition(grid: GridGeometry, k: number): Vec3 {
  return voxelCentre(grid, 0, 0, k).map(round6) as Vec3;
}

/** ImageOrientationPatient of a grid: row cosines then column cosines. */
export function orientation(grid: GridGeometry): [number, number, number, number, number, number] {
  const d = grid.direction;
  return [d[0], d[1], d[2], d[3], d[4], d[5]];
}

export function voxelVolumeMm3(grid: GridGeometry): number {
  return grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2];
}
