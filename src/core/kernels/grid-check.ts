import { HccError } from '../errors';
import type { GridGeometry } from '../types/volume';

/** Tolerances for "the same grid": sub-micrometre positions, 1e-5 relative spacing, 1e-5 cosines. */
const POSITION_TOLERANCE_MM = 1e-3;
const SPACING_REL_TOLERANCE = 1e-5;
const DIRECTION_TOLERANCE = 1e-5;

/** True when both grids have the same dims and (within float tolerance) the same geometry. */
export function sameGrid(a: GridGeometry, b: GridGeometry): boolean {
  for (let axis = 0; axis < 3; axis++) {
    if (a.dims[axis] !== b.dims[axis]) return false;
    const sa = a.spacingMm[axis]!;
    const sb = b.spacingMm[axis]!;
    if (Math.abs(sa - sb) > SPACING_REL_TOLERANCE * Math.max(Math.abs(sa), Math.abs(sb))) return false;
    if (Math.abs(a.originLps[axis]! - b.originLps[axis]!) > POSITION_TOLERANCE_MM) return false;
  }
  for (let c = 0; c < 9; c++) if (Math.abs(a.direction[c]! - b.direction[c]!) > DIRECTION_TOLERANCE) return false;
  return true;
}

/**
 * Voxel-wise kernels combine arrays by index, which is only meaningful on one grid; a mask from
 * another series must first go through geometry/map-mask (patient coordinates), never by index.
 */
export function assertSameGrid(reference: GridGeometry, other: GridGeometry, what: string): void {
  if (!sameGrid(reference, other)) {
    throw new HccError(
      'GEOMETRY_MISMATCH',
      `${what} is not on the grid of the image it is applied to (dims ${other.dims.join('x')} vs ${reference.dims.join('x')}); map it through patient coordinates first`,
    );
  }
}

/** Checks a data array has one element per voxel of its grid. */
export function assertDataLength(grid: GridGeometry & { data: ArrayLike<number> }, what: string): void {
  const n = grid.dims[0] * grid.dims[1] * grid.dims[2];
  if (grid.data.length !== n) {
    throw new HccError('INVALID_INPUT', `${what}: data has ${grid.data.length} elements, grid ${grid.dims.join('x')} needs ${n}`);
  }
}
