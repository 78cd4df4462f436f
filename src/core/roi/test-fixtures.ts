/**
 * Helpers for the ROI tests only (never imported by production code): masks drawn as text, one
 * character per voxel ('#' set, '.' empty), so expected results are written out by hand.
 */
import type { GridGeometry } from '../types/volume';
import { emptySparseMask, planeFromWindow, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask } from './sparse-mask';

export { grid, centreLps, AXIAL, prng } from '../kernels/test-fixtures';

/** Slice k of a mask as text rows over the whole image width x height. */
export function sliceArt(mask: SparseMask, k: number): string[] {
  const [nx, ny] = mask.grid.dims;
  const p = mask.planes[k] ?? null;
  const rows: string[] = [];
  for (let j = 0; j < ny; j++) {
    let row = '';
    for (let i = 0; i < nx; i++) {
      const inside = p !== null && i >= p.i0 && i < p.i0 + p.width && j >= p.j0 && j < p.j0 + p.height && p.data[(i - p.i0) + (j - p.j0) * p.width] === 1;
      row += inside ? '#' : '.';
    }
    rows.push(row);
  }
  return rows;
}

/** A mask with the given text slices (rows must match the grid's width / height). */
export function maskFromArt(g: GridGeometry, slices: Record<number, readonly string[]>): SparseMask {
  const [nx, ny] = g.dims;
  const updates = new Map<number, PlaneMask | null>();
  for (const [key, rows] of Object.entries(slices)) {
    if (rows.length !== ny || rows.some((r) => r.length !== nx)) throw new Error(`art for slice ${key} is not ${nx} x ${ny}`);
    const data = Uint8Array.from(rows.join(''), (c) => (c === '#' ? 1 : 0));
    updates.set(Number(key), planeFromWindow(data, { i0: 0, j0: 0, width: nx, height: ny }, g));
  }
  return withPlanes(emptySparseMask(g), updates);
}

/** Mask of the voxels (i, j, k) for which `inside` holds, written voxel by voxel (independent of the tools under test). */
export function maskWhere(g: GridGeometry, inside: (i: number, j: number, k: number) => boolean): SparseMask {
  const [nx, ny, nz] = g.dims;
  const updates = new Map<number, PlaneMask | null>();
  for (let k = 0; k < nz; k++) {
    const data = new Uint8Array(nx * ny);
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (inside(i, j, k)) data[i + j * nx] = 1;
    updates.set(k, planeFromWindow(data, { i0: 0, j0: 0, width: nx, height: ny }, g));
  }
  return withPlanes(emptySparseMask(g), updates);
}

/** Set voxels of a mask as 'i,j,k' strings, for set comparisons. */
export function voxelSet(mask: SparseMask): Set<string> {
  const out = new Set<string>();
  mask.planes.forEach((p, k) => {
    if (p === null) return;
    for (let y = 0; y < p.height; y++) for (let x = 0; x < p.width; x++) if (p.data[x + y * p.width] === 1) out.add(`${p.i0 + x},${p.j0 + y},${k}`);
  });
  return out;
}
