/** Where a region of one grid lies on another grid (for cropping and for bounding work to the ROI). */
import { gridAffine, ijkToLps, lpsToIjk } from '../geometry/affine';
import { clipBoxToGrid, type IjkBox } from '../kernels';
import type { GridGeometry, Vec3 } from '../types/volume';

/**
 * Voxel box of `target` covering the box of `source`: the eight outer corners of the source voxel
 * box (voxel faces, not centres) taken through patient coordinates into the target grid, widened
 * by `marginVoxels`, clipped to the target. Every target voxel whose centre falls inside a source
 * voxel of the box lies within it (that is what mapMaskToGrid visits), so a crop to this box loses
 * nothing. null when the region misses the target grid.
 */
export function boxOnGrid(box: IjkBox, source: GridGeometry, target: GridGeometry, marginVoxels: number): IjkBox | null {
  const sa = gridAffine(source);
  const ta = gridAffine(target);
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const p: Vec3 = [0, 0, 0];
  const q: Vec3 = [0, 0, 0];
  for (let c = 0; c < 8; c++) {
    ijkToLps(
      sa,
      c & 1 ? box.max[0] + 0.5 : box.min[0] - 0.5,
      c & 2 ? box.max[1] + 0.5 : box.min[1] - 0.5,
      c & 4 ? box.max[2] + 0.5 : box.min[2] - 0.5,
      p,
    );
    lpsToIjk(ta, p[0], p[1], p[2], q);
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a]!, q[a]!);
      hi[a] = Math.max(hi[a]!, q[a]!);
    }
  }
  return clipBoxToGrid(
    {
      min: [Math.floor(lo[0]) - marginVoxels, Math.floor(lo[1]) - marginVoxels, Math.floor(lo[2]) - marginVoxels],
      max: [Math.ceil(hi[0]) + marginVoxels, Math.ceil(hi[1]) + marginVoxels, Math.ceil(hi[2]) + marginVoxels],
    },
    target,
  );
}

/** A box widened by `marginVoxels` on every side and clipped to the grid. */
export function widenBox(box: IjkBox, marginVoxels: number, grid: Pick<GridGeometry, 'dims'>): IjkBox {
  const m = marginVoxels;
  // Never null: the widened box still contains the original, which lies inside the grid.
  return clipBoxToGrid({ min: [box.min[0] - m, box.min[1] - m, box.min[2] - m], max: [box.max[0] + m, box.max[1] + m, box.max[2] + m] }, grid)!;
}

/** The same box in the index space of a crop starting at `cropMin`. */
export function shiftBox(box: IjkBox, cropMin: Vec3): IjkBox {
  return {
    min: [box.min[0] - cropMin[0], box.min[1] - cropMin[1], box.min[2] - cropMin[2]],
    max: [box.max[0] - cropMin[0], box.max[1] - cropMin[1], box.max[2] - cropMin[2]],
  };
}
