import type { RoiModel } from '../../core/roi/model';
import { nonEmptySlices, planeVoxelCount, sparseVoxelCount, type SparseMask } from '../../core/roi/sparse-mask';
import { voxelVolumeMl } from '../../core/types/volume';
import type { EditLayer } from './gesture-edit';

/** One drawn mask: what the panel lists and the tests read. */
export interface LayerSummary {
  studyInstanceUid: string;
  /** Position of the time point in the model (0 = baseline). */
  timePointIndex: number;
  /** null for the liver reference. */
  lesionNumber: number | null;
  layer: EditLayer;
  seriesId: string;
  voxels: number;
  volumeMl: number;
  /** Slices (k on the grid drawn on) holding voxels, and the voxels of each. */
  slices: number[];
  sliceVoxels: number[];
}

function summary(mask: SparseMask, base: Omit<LayerSummary, 'voxels' | 'volumeMl' | 'slices' | 'sliceVoxels'>): LayerSummary {
  const voxels = sparseVoxelCount(mask);
  const slices = nonEmptySlices(mask);
  return { ...base, voxels, volumeMl: voxels * voxelVolumeMl(mask.grid.spacingMm), slices, sliceVoxels: slices.map((k) => planeVoxelCount(mask.planes[k] ?? null)) };
}

/** Every drawn mask of the model, time point by time point. */
export function summarizeModel(model: RoiModel): LayerSummary[] {
  const out: LayerSummary[] = [];
  model.timePoints.forEach((tp, timePointIndex) => {
    const at = { studyInstanceUid: tp.studyInstanceUid, timePointIndex };
    for (const lesion of tp.lesions) {
      if (lesion.tumour) out.push(summary(lesion.tumour.mask, { ...at, lesionNumber: lesion.lesionNumber, layer: 'tumour', seriesId: lesion.tumour.seriesId }));
      if (lesion.enhancing) out.push(summary(lesion.enhancing.mask, { ...at, lesionNumber: lesion.lesionNumber, layer: 'enhancing', seriesId: lesion.enhancing.seriesId }));
    }
    if (tp.liverReference) out.push(summary(tp.liverReference.mask, { ...at, lesionNumber: null, layer: 'liverReference', seriesId: tp.liverReference.seriesId }));
  });
  return out;
}
