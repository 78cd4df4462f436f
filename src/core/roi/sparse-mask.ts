/**
 * The ROI model's mask: one plane per slice, each stored only over its tight in-plane bounding box.
 * Edits replace whole planes and share every untouched plane by reference, so a history of model
 * states costs the changed planes per edit, not a copy of the mask (see history.ts).
 *
 * Planes are immutable by convention: nothing in src/core/roi writes into a PlaneMask after creating it.
 */
import { HccError } from '../errors';
import type { IjkBox } from '../kernels/bounding-box';
import type { GridGeometry, Mask3D, Vec3 } from '../types/volume';

/** A rectangle of one slice: columns i0..i0+width-1, rows j0..j0+height-1 (may reach outside the grid). */
export interface Window2 {
  i0: number;
  j0: number;
  width: number;
  height: number;
}

/** One non-empty slice over its tight box: data[(i - i0) + (j - j0) * width] is 0 or 1. */
export interface PlaneMask extends Readonly<Window2> {
  readonly data: Uint8Array;
}

export interface SparseMask {
  readonly grid: GridGeometry;
  /** planes[k]: slice k, null when empty. Length dims[2]. */
  readonly planes: ReadonlyArray<PlaneMask | null>;
}

export function emptySparseMask(grid: GridGeometry): SparseMask {
  return { grid: copyGrid(grid), planes: new Array<PlaneMask | null>(grid.dims[2]).fill(null) };
}

export function copyGrid(grid: GridGeometry): GridGeometry {
  return {
    dims: [...grid.dims] as Vec3,
    spacingMm: [...grid.spacingMm] as Vec3,
    originLps: [...grid.originLps] as Vec3,
    direction: [...grid.direction] as GridGeometry['direction'],
  };
}

/** Grids closer than this (mm for spacing and origin, cosine for direction) are the same grid. */
export const SAME_GRID_TOLERANCE = 1e-4;

export function sameGrid(a: GridGeometry, b: GridGeometry): boolean {
  for (let x = 0; x < 3; x++) {
    if (a.dims[x] !== b.dims[x]) return false;
    if (Math.abs(a.spacingMm[x]! - b.spacingMm[x]!) > SAME_GRID_TOLERANCE) return false;
    if (Math.abs(a.originLps[x]! - b.originLps[x]!) > SAME_GRID_TOLERANCE) return false;
  }
  return a.direction.every((v, x) => Math.abs(v - b.direction[x]!) <= SAME_GRID_TOLERANCE);
}

/** Throws GEOMETRY_MISMATCH when two masks (or a mask and an image) are not on one grid. */
export function assertSameGrid(a: GridGeometry, b: GridGeometry, what: string): void {
  if (!sameGrid(a, b)) {
    throw new HccError(
      'GEOMETRY_MISMATCH',
      `${what}: the two are on different voxel grids (dims ${a.dims.join('x')} vs ${b.dims.join('x')}); ` +
        'map one onto the other through patient coordinates first',
    );
  }
}

/**
 * The tight plane of the set voxels of a dense window, clipped to the grid's in-plane size; null when
 * nothing is set. Takes ownership of `data` (no copy) when it is already tight, inside the grid and 0/1.
 */
export function planeFromWindow(data: Uint8Array, window: Window2, grid: Pick<GridGeometry, 'dims'>): PlaneMask | null {
  const { i0, j0, width, height } = window;
  const ci0 = Math.max(i0, 0);
  const cj0 = Math.max(j0, 0);
  const ci1 = Math.min(i0 + width, grid.dims[0]) - 1;
  const cj1 = Math.min(j0 + height, grid.dims[1]) - 1;
  let minI = Infinity, maxI = -1, minJ = Infinity, maxJ = -1;
  let binary = true;
  for (let j = cj0; j <= cj1; j++) {
    const row = (j - j0) * width - i0;
    for (let i = ci0; i <= ci1; i++) {
      const v = data[row + i]!;
      if (v === 0) continue;
      if (v !== 1) binary = false;
      if (i < minI) minI = i;
      if (i > maxI) maxI = i;
      if (j < minJ) minJ = j;
      maxJ = j;
    }
  }
  if (maxI < 0) return null;
  const w = maxI - minI + 1;
  const h = maxJ - minJ + 1;
  if (binary && minI === i0 && minJ === j0 && w === width && h === height) return { i0, j0, width, height, data };
  const out = new Uint8Array(w * h);
  for (let j = minJ; j <= maxJ; j++) {
    const src = (j - j0) * width + (minI - i0);
    const row = data.subarray(src, src + w);
    // Normalise to 0/1: windows built by callers may hold any non-zero label.
    for (let x = 0; x < w; x++) out[(j - minJ) * w + x] = row[x] === 0 ? 0 : 1;
  }
  return { i0: minI, j0: minJ, width: w, height: h, data: out };
}

/** Dense copy of a plane over `window` (zeros where the plane has nothing). */
export function planeToWindow(plane: PlaneMask | null, window: Window2): Uint8Array {
  const out = new Uint8Array(window.width * window.height);
  if (plane === null) return out;
  const i0 = Math.max(plane.i0, window.i0);
  const i1 = Math.min(plane.i0 + plane.width, window.i0 + window.width);
  const j0 = Math.max(plane.j0, window.j0);
  const j1 = Math.min(plane.j0 + plane.height, window.j0 + window.height);
  if (i1 <= i0) return out;
  for (let j = j0; j < j1; j++) {
    const src = (j - plane.j0) * plane.width + (i0 - plane.i0);
    out.set(plane.data.subarray(src, src + (i1 - i0)), (j - window.j0) * window.width + (i0 - window.i0));
  }
  return out;
}

/** Window covering both (either may be null). */
export function unionWindow(a: Window2 | null, b: Window2 | null): Window2 | null {
  if (a === null) return b === null ? null : { i0: b.i0, j0: b.j0, width: b.width, height: b.height };
  if (b === null) return { i0: a.i0, j0: a.j0, width: a.width, height: a.height };
  const i0 = Math.min(a.i0, b.i0);
  const j0 = Math.min(a.j0, b.j0);
  return {
    i0,
    j0,
    width: Math.max(a.i0 + a.width, b.i0 + b.width) - i0,
    height: Math.max(a.j0 + a.height, b.j0 + b.height) - j0,
  };
}

/** A new mask with some planes replaced; all other planes are shared with `mask`. */
export function withPlanes(mask: SparseMask, updates: ReadonlyMap<number, PlaneMask | null>): SparseMask {
  if (updates.size === 0) return mask;
  const planes = mask.planes.slice();
  for (const [k, plane] of updates) {
    if (!Number.isInteger(k) || k < 0 || k >= planes.length) throw new HccError('INVALID_INPUT', `slice ${k} is outside the grid (0..${planes.length - 1})`);
    planes[k] = plane;
  }
  return { grid: mask.grid, planes };
}

export function planeVoxelCount(plane: PlaneMask | null): number {
  if (plane === null) return 0;
  let n = 0;
  for (let x = 0; x < plane.data.length; x++) n += plane.data[x]!;
  return n;
}

export function sparseVoxelCount(mask: SparseMask): number {
  let n = 0;
  for (const plane of mask.planes) n += planeVoxelCount(plane);
  return n;
}

/** Indices of the non-empty slices, ascending. */
export function nonEmptySlices(mask: SparseMask): number[] {
  const out: number[] = [];
  mask.planes.forEach((p, k) => {
    if (p !== null) out.push(k);
  });
  return out;
}

export function isEmptyMask(mask: SparseMask): boolean {
  return mask.planes.every((p) => p === null);
}

/** Bounding box of the set voxels (planes are tight, so this reads only their boxes). */
export function sparseBox(mask: SparseMask): IjkBox | null {
  let box: IjkBox | null = null;
  mask.planes.forEach((p, k) => {
    if (p === null) return;
    if (box === null) box = { min: [p.i0, p.j0, k], max: [p.i0 + p.width - 1, p.j0 + p.height - 1, k] };
    else {
      box.min[0] = Math.min(box.min[0], p.i0);
      box.min[1] = Math.min(box.min[1], p.j0);
      box.max[0] = Math.max(box.max[0], p.i0 + p.width - 1);
      box.max[1] = Math.max(box.max[1], p.j0 + p.height - 1);
      box.max[2] = k;
    }
  });
  return box;
}

export function sparseVoxel(mask: SparseMask, i: number, j: number, k: number): 0 | 1 {
  const p = mask.planes[k];
  if (p === null || p === undefined) return 0;
  const x = i - p.i0;
  const y = j - p.j0;
  if (x < 0 || y < 0 || x >= p.width || y >= p.height) return 0;
  return p.data[x + y * p.width] === 0 ? 0 : 1;
}

/** Full-size Mask3D (the kernels' input) with its bounding box and voxel count. */
export function sparseToMask3D(mask: SparseMask): { mask: Mask3D; box: IjkBox | null; voxelCount: number } {
  const { dims } = mask.grid;
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const sliceSize = dims[0] * dims[1];
  mask.planes.forEach((p, k) => {
    if (p === null) return;
    for (let y = 0; y < p.height; y++) {
      data.set(p.data.subarray(y * p.width, (y + 1) * p.width), k * sliceSize + (p.j0 + y) * dims[0] + p.i0);
    }
  });
  return { mask: { ...copyGrid(mask.grid), data }, box: sparseBox(mask), voxelCount: sparseVoxelCount(mask) };
}

/** Sparse copy of a full-size mask (any non-zero label counts as set). */
export function sparseFromMask3D(mask: Mask3D): SparseMask {
  const { dims } = mask;
  const sliceSize = dims[0] * dims[1];
  const planes: Array<PlaneMask | null> = [];
  for (let k = 0; k < dims[2]; k++) {
    const slice = mask.data.subarray(k * sliceSize, (k + 1) * sliceSize);
    planes.push(planeFromWindow(slice, { i0: 0, j0: 0, width: dims[0], height: dims[1] }, mask));
  }
  // A plane that took the slice without copying would alias the caller's array: copy it.
  return {
    grid: copyGrid(mask),
    planes: planes.map((p) => (p !== null && p.data.buffer === mask.data.buffer ? { ...p, data: p.data.slice() } : p)),
  };
}
