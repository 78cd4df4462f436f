import type { LesionRoi, TimePointRois } from '../../src/core/roi/types';
import type { GridGeometry, Mask3D, Vec3 } from '../../src/core/types/volume';
import { LABEL, lesionLabel, type TimePointKey } from './definitions';
import { phantomLabels } from './rasterize';
import type { TimePointTruth } from './truth';

/** Mask of the voxels whose label is one of `wanted`. */
export function labelMask(labels: Uint8Array, grid: GridGeometry, wanted: readonly number[]): Mask3D {
  const set = new Uint8Array(256);
  for (const w of wanted) set[w] = 1;
  const data = new Uint8Array(labels.length);
  for (let v = 0; v < labels.length; v++) data[v] = set[labels[v]!]!;
  return { dims: [...grid.dims] as Vec3, spacingMm: [...grid.spacingMm] as Vec3, originLps: [...grid.originLps] as Vec3, direction: [...grid.direction] as GridGeometry['direction'], data };
}

/**
 * The ROIs a reader would draw at one time point, from the phantom's own label definitions on the
 * T1 (arterial) grid: Lesion n = its viable and necrotic labels, the liver reference its sphere.
 * With `userEnhancing` the viable part is given as a drawn enhancing layer too.
 */
export function phantomRois(key: TimePointKey, tp: TimePointTruth, options: { userEnhancing?: boolean } = {}): TimePointRois {
  const grid = tp.grids.t1;
  const labels = phantomLabels(key, grid);
  const lesions: LesionRoi[] = tp.lesions.map((_, index) => {
    const n = index + 1;
    return {
      lesionNumber: n,
      target: true,
      organ: 'liver',
      tumour: labelMask(labels, grid, [lesionLabel(n, true), lesionLabel(n, false)]),
      enhancing: options.userEnhancing ? labelMask(labels, grid, [lesionLabel(n, true)]) : null,
    };
  });
  return {
    studyInstanceUid: tp.studyInstanceUid,
    seriesInstanceUid: tp.seriesByRole.arterial,
    lesions,
    liverReference: labelMask(labels, grid, [LABEL.liverReference]),
    nonTargetStatus: null,
    newLesion: false,
  };
}
