import { gridAffine, ijkToLps } from '../geometry/affine';
import type { Vec3 } from '../types/volume';
import type { SparseMask } from './sparse-mask';

/**
 * Where to show a lesion: its largest slice (most voxels; the lower slice on a tie), at the centroid
 * of that slice's voxels, in patient coordinates (LPS mm). The largest slice is where a reader
 * measures the diameters; a 3-D centroid could fall between slices or outside a curved lesion's
 * widest cut. Null for an empty mask.
 */
export function lesionViewPointLps(mask: SparseMask): Vec3 | null {
  let best: { k: number; count: number; sumI: number; sumJ: number } | null = null;
  mask.planes.forEach((plane, k) => {
    if (plane === null) return;
    let count = 0;
    let sumI = 0;
    let sumJ = 0;
    for (let y = 0; y < plane.height; y++) {
      for (let x = 0; x < plane.width; x++) {
        if (plane.data[x + y * plane.width] === 0) continue;
        count++;
        sumI += plane.i0 + x;
        sumJ += plane.j0 + y;
      }
    }
    if (count > 0 && (best === null || count > best.count)) best = { k, count, sumI, sumJ };
  });
  if (best === null) return null;
  const b: { k: number; count: number; sumI: number; sumJ: number } = best;
  return ijkToLps(gridAffine(mask.grid), b.sumI / b.count, b.sumJ / b.count, b.k);
}
