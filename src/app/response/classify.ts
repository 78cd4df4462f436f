import { gridAffine, ijkToLps, lpsToIjk } from '../../core/geometry/affine';
import type { SparseMask } from '../../core/roi/sparse-mask';
import { sparseBox, sparseVoxel } from '../../core/roi/sparse-mask';
import type { Mask3D, Vec3 } from '../../core/types/volume';
import { RESPONSE_NECROTIC, RESPONSE_VIABLE, type ResponseLabelmap } from '../../viewer/response-types';

/**
 * Splits a lesion's tumour into viable and necrotic voxels for the response overlay: viable where
 * the measured enhancing mask (a crop positioned in patient space, MeasurementState.enhancingMasks)
 * is set, necrotic elsewhere in the tumour. The result is a labelmap on the crop of the tumour's
 * grid that holds the tumour. Each tumour voxel centre is looked up in the enhancing mask through
 * patient coordinates (nearest voxel), so a crop with any origin lands on the right voxels.
 * Null for an empty tumour.
 */
export function classifyLesion(lesionNumber: number, tumour: SparseMask, enhancing: Mask3D): ResponseLabelmap | null {
  const box = sparseBox(tumour);
  if (!box) return null;
  const dims: Vec3 = [box.max[0] - box.min[0] + 1, box.max[1] - box.min[1] + 1, box.max[2] - box.min[2] + 1];
  const tumourAffine = gridAffine(tumour.grid);
  const enhancingAffine = gridAffine(enhancing);
  const [ex, ey, ez] = enhancing.dims;
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const lps: Vec3 = [0, 0, 0];
  const ijk: Vec3 = [0, 0, 0];
  let n = 0;
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      for (let i = box.min[0]; i <= box.max[0]; i++, n++) {
        if (sparseVoxel(tumour, i, j, k) === 0) continue;
        ijkToLps(tumourAffine, i, j, k, lps);
        lpsToIjk(enhancingAffine, lps[0], lps[1], lps[2], ijk);
        const a = Math.round(ijk[0]);
        const b = Math.round(ijk[1]);
        const c = Math.round(ijk[2]);
        const inEnhancing = a >= 0 && b >= 0 && c >= 0 && a < ex && b < ey && c < ez && enhancing.data[a + b * ex + c * ex * ey] !== 0;
        labels[n] = inEnhancing ? RESPONSE_VIABLE : RESPONSE_NECROTIC;
      }
    }
  }
  return {
    lesionNumber,
    dims,
    spacingMm: [...tumour.grid.spacingMm] as Vec3,
    originLps: ijkToLps(tumourAffine, box.min[0], box.min[1], box.min[2]),
    direction: [...tumour.grid.direction] as ResponseLabelmap['direction'],
    labels,
  };
}

/** Voxel counts of a labelmap per class (the legend's and the tests' check against the figures). */
export function classCounts(map: ResponseLabelmap): { viable: number; necrotic: number } {
  let viable = 0;
  let necrotic = 0;
  for (const v of map.labels) {
    if (v === RESPONSE_VIABLE) viable++;
    else if (v === RESPONSE_NECROTIC) necrotic++;
  }
  return { viable, necrotic };
}
