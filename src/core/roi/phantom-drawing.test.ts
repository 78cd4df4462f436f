/**
 * Drawing a phantom tumour the way a user would: a closed contour on a few slices of the arterial
 * grid, then slice interpolation. Ground truth: the phantom's analytic label map (test-data/phantom).
 */
import { describe, expect, it } from 'vitest';
import { LESIONS, phantomLabels, t1Grid } from '../../../test-data/phantom';
import { gridAffine, ijkToLps } from '../geometry/affine';
import type { Vec3 } from '../types/volume';
import { interpolateLayer, paintLayer } from './layer-edit';
import { addLesion, createRoiModel, lesionLayers } from './lesion-model';
import { intersectMasks } from './mask-ops';
import { rasterizePolygonLps } from './rasterize';
import { nonEmptySlices, sparseVoxelCount } from './sparse-mask';
import { maskWhere } from './test-fixtures';

describe('a phantom tumour from a few drawn slices', () => {
  it('Lesion 1 (sphere r = 20 mm on 2.97 x 2.97 x 5 mm voxels): 4 contours + interpolation give Dice > 0.9 with the truth', () => {
    const grid = t1Grid([128, 128, 40]);
    const labels = phantomLabels('baseline', grid);
    const [nx, ny] = grid.dims;
    const truth = maskWhere(grid, (i, j, k) => Math.floor(labels[i + j * nx + k * nx * ny]! / 10) === 1);
    const slices = nonEmptySlices(truth);
    const lesion = LESIONS.baseline[0]!.whole;
    const affine = gridAffine(grid);
    const drawn = [slices[0]!, slices[2]!, slices[slices.length - 3]!, slices[slices.length - 1]!];
    let model = addLesion(createRoiModel('P', ['1.2.3'])).model;
    const ref = { studyInstanceUid: '1.2.3', layer: 'tumour' as const, lesionNumber: 1 };
    for (const k of drawn) {
      // The sphere's cross-section at this slice, as a 72-point contour in patient mm.
      const z = ijkToLps(affine, 0, 0, k)[2];
      const r = Math.sqrt(lesion.radiusMm ** 2 - (z - lesion.centreMm[2]) ** 2);
      const ring: Vec3[] = Array.from({ length: 72 }, (_, n) => [
        lesion.centreMm[0] + r * Math.cos((n * Math.PI) / 36),
        lesion.centreMm[1] + r * Math.sin((n * Math.PI) / 36),
        z,
      ]);
      model = paintLayer(model, ref, rasterizePolygonLps({ grid, rings: [ring] }).patch, 'arterial');
    }
    const { model: filled, filledSlices } = interpolateLayer(model, ref);
    expect(filledSlices.length).toBe(slices.length - drawn.length);
    const mask = lesionLayers(filled, '1.2.3', 1)!.tumour!.mask;
    const overlap = sparseVoxelCount(intersectMasks(mask, truth));
    const dice = (2 * overlap) / (sparseVoxelCount(mask) + sparseVoxelCount(truth));
    expect(dice).toBeGreaterThan(0.9);
    // Contours inscribed in the circles, radius interpolated linearly under the sphere's convex profile:
    // nothing may land outside the true tumour.
    expect(overlap).toBe(sparseVoxelCount(mask));
  });
});
