/**
 * Values of one series at the voxel centres of another grid, for voxel-wise combinations across
 * series (relative enhancement needs S_pre and S_art at the same place). Same rule as the mask
 * mapping (geometry/map-mask): the source voxel containing the target centre (nearest centre),
 * through patient coordinates.
 */
import { gridAffine, ijkToLps, lpsToIjk } from '../geometry/affine';
import type { IjkBox } from '../kernels';
import type { GridGeometry, Vec3, Volume3D } from '../types/volume';
import { copyGeometry } from './masks-on-grids';

export interface SampleOnGridParams {
  source: Volume3D;
  target: GridGeometry;
  /** Target voxels to fill (separate boxes are not joined: the space between is never sampled); the rest is 0 and must not be read. */
  boxes: readonly IjkBox[];
}

export interface SampleOnGridResult {
  /** Full-size volume on the target grid; only `box` holds sampled values. */
  volume: Volume3D<Float32Array>;
  /** Target voxels in the boxes whose centre lies outside the source grid (set to NaN; counted once per box). */
  outsideSourceVoxels: number;
}

export function sampleOnGrid(params: SampleOnGridParams): SampleOnGridResult {
  const { source, target, boxes } = params;
  const [tnx, tny, tnz] = target.dims;
  // Only the box is written: the rest of a large target stays untouched (lazily zeroed pages).
  const out = new Float32Array(tnx * tny * tnz);
  const sa = gridAffine(source);
  const ta = gridAffine(target);
  const c0 = lpsToIjk(sa, ...ijkToLps(ta, 0, 0, 0));
  const axis = (i: number, j: number, k: number): Vec3 => {
    const p = lpsToIjk(sa, ...ijkToLps(ta, i, j, k));
    return [p[0] - c0[0], p[1] - c0[1], p[2] - c0[2]];
  };
  const ci = axis(1, 0, 0);
  const cj = axis(0, 1, 0);
  const ck = axis(0, 0, 1);
  const [snx, sny, snz] = source.dims;
  const src = source.data;
  let outside = 0;
  for (const box of boxes) {
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        const row = j * tnx + k * tnx * tny;
        for (let i: number = box.min[0]; i <= box.max[0]; i++) {
          // Evaluated per voxel (not accumulated) so rounding matches geometry/map-mask exactly.
          const si = Math.round(c0[0] + ci[0] * i + cj[0] * j + ck[0] * k);
          const sj = Math.round(c0[1] + ci[1] * i + cj[1] * j + ck[1] * k);
          const sk = Math.round(c0[2] + ci[2] * i + cj[2] * j + ck[2] * k);
          if (si < 0 || sj < 0 || sk < 0 || si >= snx || sj >= sny || sk >= snz) {
            out[row + i] = NaN;
            outside++;
            continue;
          }
          out[row + i] = src[si + sj * snx + sk * snx * sny]!;
        }
      }
    }
  }
  return { volume: { ...copyGeometry(target), data: out }, outsideSourceVoxels: outside };
}
