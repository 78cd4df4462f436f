import type { Direction3, GridGeometry, Vec3 } from '../types/volume';

/**
 * Voxel index <-> patient (LPS, mm) mapping of a regular grid.
 * lps = origin + Σ_a index[a] * spacing[a] * dir_a, with dir_a the a-th row of `direction`.
 */
export interface GridAffine {
  /** 3x3 column-major-by-axis matrix M with lps = origin + M * ijk (M[:,a] = spacing[a] * dir_a). */
  readonly matrix: Float64Array;
  /** Inverse of `matrix`. */
  readonly inverse: Float64Array;
  readonly originLps: Vec3;
}

export function gridAffine(grid: GridGeometry): GridAffine {
  const { spacingMm: s, direction: d } = grid;
  // m[r*3 + c]: row r (x, y, z of LPS), column c (axis i, j, k).
  const m = new Float64Array(9);
  for (let axis = 0; axis < 3; axis++) {
    for (let r = 0; r < 3; r++) m[r * 3 + axis] = d[axis * 3 + r]! * s[axis]!;
  }
  return { matrix: m, inverse: invert3(m), originLps: [...grid.originLps] as Vec3 };
}

export function ijkToLps(affine: GridAffine, i: number, j: number, k: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const m = affine.matrix;
  const o = affine.originLps;
  out[0] = o[0] + m[0]! * i + m[1]! * j + m[2]! * k;
  out[1] = o[1] + m[3]! * i + m[4]! * j + m[5]! * k;
  out[2] = o[2] + m[6]! * i + m[7]! * j + m[8]! * k;
  return out;
}

/** Continuous voxel coordinates of a patient point (round to get the nearest voxel centre). */
export function lpsToIjk(affine: GridAffine, x: number, y: number, z: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const n = affine.inverse;
  const o = affine.originLps;
  const dx = x - o[0];
  const dy = y - o[1];
  const dz = z - o[2];
  out[0] = n[0]! * dx + n[1]! * dy + n[2]! * dz;
  out[1] = n[3]! * dx + n[4]! * dy + n[5]! * dz;
  out[2] = n[6]! * dx + n[7]! * dy + n[8]! * dz;
  return out;
}

export function invert3(m: ArrayLike<number>): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!, m[8]!];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) {
    throw new Error('singular grid matrix: direction cosines are degenerate or a spacing is zero');
  }
  const inv = new Float64Array(9);
  inv[0] = A / det;
  inv[1] = -(b * i - c * h) / det;
  inv[2] = (b * f - c * e) / det;
  inv[3] = B / det;
  inv[4] = (a * i - c * g) / det;
  inv[5] = -(a * f - c * d) / det;
  inv[6] = C / det;
  inv[7] = -(a * h - b * g) / det;
  inv[8] = (a * e - b * d) / det;
  return inv;
}

export function cross(a: ArrayLike<number>, b: ArrayLike<number>): Vec3 {
  return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

/** Direction cosines from DICOM ImageOrientationPatient (row cosines, column cosines), normal = row x column. */
export function directionFromOrientation(iop: ArrayLike<number>): Direction3 {
  const row = [iop[0]!, iop[1]!, iop[2]!];
  const col = [iop[3]!, iop[4]!, iop[5]!];
  const n = cross(row, col);
  return [row[0]!, row[1]!, row[2]!, col[0]!, col[1]!, col[2]!, n[0], n[1], n[2]];
}
