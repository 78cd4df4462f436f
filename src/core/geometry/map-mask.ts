import { HccError } from '../errors';
import { clipBoxToGrid, maskBoundingBox, type IjkBox } from '../kernels/bounding-box';
import type { GridGeometry, Mask3D, Vec3 } from '../types/volume';
import { gridAffine, ijkToLps, lpsToIjk } from './affine';

export interface MapMaskParams {
  /** Mask on its own grid (e.g. drawn on the arterial phase). */
  source: Mask3D;
  /** Grid to map onto (e.g. the DWI / ADC series). */
  target: GridGeometry;
  /** Bounding box of the source mask when the caller already knows it (saves one scan). */
  sourceBox?: IjkBox;
  /**
   * Extra target voxels searched around the transformed source box. The transformed box already
   * contains every target centre that can map inside the mask; the margin only absorbs floating
   * point rounding at its faces. Default 1.
   */
  marginVoxels?: number;
}

export interface MapMaskResult {
  /** Full-size mask on the target grid (pages outside the searched box are never touched). */
  mask: Mask3D;
  /** Bounding box of the non-zero voxels of `mask`, null when nothing maps inside the target. */
  box: IjkBox | null;
  voxelCount: number;
  /** Target voxels that were examined: the source box transformed into the target grid, plus the margin. */
  searchedBox: IjkBox | null;
}

/**
 * Maps a mask onto another grid through patient (LPS) coordinates, never by index.
 *
 * Rule: each target voxel takes the label of the source voxel whose box contains the target voxel
 * centre, i.e. round() of the centre's continuous source index on each axis. For orthonormal
 * direction cosines that is the nearest source voxel centre in millimetres (the lattice is
 * rectangular, so the nearest centre can be found axis by axis). A centre exactly on a face goes
 * to the higher index; a centre outside the source grid gets 0. Labels are copied as stored.
 *
 * Only target voxels inside the source mask's bounding box, transformed into the target grid
 * (its eight corners at the outer faces of the voxel box) and widened by the margin, are visited.
 */
export function mapMaskToGrid(params: MapMaskParams): MapMaskResult {
  const { source, target } = params;
  const margin = params.marginVoxels ?? 1;
  if (!Number.isInteger(margin) || margin < 0) throw new HccError('INVALID_INPUT', `marginVoxels must be a non-negative integer, got ${margin}`);
  const td = target.dims;
  const out = new Uint8Array(td[0] * td[1] * td[2]);
  const mask: Mask3D = {
    dims: [...td] as Vec3,
    spacingMm: [...target.spacingMm] as Vec3,
    originLps: [...target.originLps] as Vec3,
    direction: [...target.direction] as Mask3D['direction'],
    data: out,
  };
  const srcBox = params.sourceBox ?? maskBoundingBox({ mask: source }).box;
  if (!srcBox) return { mask, box: null, voxelCount: 0, searchedBox: null };

  const sa = gridAffine(source);
  const ta = gridAffine(target);
  const searched = transformedBox(srcBox, sa, ta, margin, target);
  if (!searched) return { mask, box: null, voxelCount: 0, searchedBox: null };

  // Continuous source index of target voxel (i, j, k) = c0 + ci*i + cj*j + ck*k.
  const c0 = lpsToIjk(sa, ...ijkToLps(ta, 0, 0, 0));
  const ci = sub(lpsToIjk(sa, ...ijkToLps(ta, 1, 0, 0)), c0);
  const cj = sub(lpsToIjk(sa, ...ijkToLps(ta, 0, 1, 0)), c0);
  const ck = sub(lpsToIjk(sa, ...ijkToLps(ta, 0, 0, 1)), c0);

  const sd = source.dims;
  const sData = source.data;
  const sNx = sd[0];
  const sNxy = sd[0] * sd[1];
  const tNx = td[0];
  const tNxy = td[0] * td[1];
  const { min: bMin, max: bMax } = srcBox;
  let i0 = Infinity, j0 = Infinity, k0 = Infinity, i1 = -1, j1 = -1, k1 = -1;
  let count = 0;
  for (let k: number = searched.min[2]; k <= searched.max[2]; k++) {
    for (let j: number = searched.min[1]; j <= searched.max[1]; j++) {
      const rowBase = j * tNx + k * tNxy;
      for (let i: number = searched.min[0]; i <= searched.max[0]; i++) {
        // Evaluated directly (not accumulated along the row) so rounding is the same for every voxel.
        const si = Math.round(c0[0] + ci[0] * i + cj[0] * j + ck[0] * k);
        if (si < bMin[0] || si > bMax[0]) continue;
        const sj = Math.round(c0[1] + ci[1] * i + cj[1] * j + ck[1] * k);
        if (sj < bMin[1] || sj > bMax[1]) continue;
        const sk = Math.round(c0[2] + ci[2] * i + cj[2] * j + ck[2] * k);
        if (sk < bMin[2] || sk > bMax[2]) continue;
        const label = sData[si + sj * sNx + sk * sNxy]!;
        if (label === 0) continue;
        out[i + rowBase] = label;
        count++;
        if (i < i0) i0 = i;
        if (i > i1) i1 = i;
        if (j < j0) j0 = j;
        if (j > j1) j1 = j;
        if (k < k0) k0 = k;
        if (k > k1) k1 = k;
      }
    }
  }
  const box: IjkBox | null = count === 0 ? null : { min: [i0, j0, k0], max: [i1, j1, k1] };
  return { mask, box, voxelCount: count, searchedBox: searched };
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** Target-grid box holding the source box's outer corners, widened by `margin`, clipped to the target. */
function transformedBox(
  box: IjkBox,
  sa: ReturnType<typeof gridAffine>,
  ta: ReturnType<typeof gridAffine>,
  margin: number,
  target: GridGeometry,
): IjkBox | null {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const p = ijkToLps(
      sa,
      (c & 1 ? box.max[0] : box.min[0]) + (c & 1 ? 0.5 : -0.5),
      (c & 2 ? box.max[1] : box.min[1]) + (c & 2 ? 0.5 : -0.5),
      (c & 4 ? box.max[2] : box.min[2]) + (c & 4 ? 0.5 : -0.5),
    );
    const q = lpsToIjk(ta, p[0], p[1], p[2]);
    for (let a = 0; a < 3; a++) {
      if (q[a]! < lo[a]!) lo[a] = q[a]!;
      if (q[a]! > hi[a]!) hi[a] = q[a]!;
    }
  }
  return clipBoxToGrid(
    {
      min: [Math.floor(lo[0]) - margin, Math.floor(lo[1]) - margin, Math.floor(lo[2]) - margin],
      max: [Math.ceil(hi[0]) + margin, Math.ceil(hi[1]) + margin, Math.ceil(hi[2]) + margin],
    },
    target,
  );
}
