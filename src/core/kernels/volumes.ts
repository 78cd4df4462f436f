import { voxelVolumeMl, type Mask3D } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { assertSameGrid } from './grid-check';

export interface LesionVolumesParams {
  /** Whole tumour. */
  tumour: Mask3D;
  /** Enhancing (viable) voxels on the same grid; only the part inside the tumour counts. */
  enhancing: Mask3D;
  tumourBox?: IjkBox;
}

export interface LesionVolumesResult {
  tumourVoxels: number;
  enhancingVoxels: number;
  necroticVoxels: number;
  tumourVolumeMl: number;
  enhancingVolumeMl: number;
  /** Tumour minus enhancing: the non-enhancing (necrotic) part. */
  necroticVolumeMl: number;
  /** Enhancing / tumour volume in [0, 1]; null for an empty tumour (undefined, not 0). */
  enhancingFraction: number | null;
  voxelVolumeMl: number;
}

/**
 * Tumour, enhancing and necrotic volumes in mL: voxel counts x voxel volume
 * (spacing product, i.e. orthonormal direction cosines as DICOM image planes have).
 * Necrotic = tumour voxels that are not enhancing, so the three always add up.
 */
export function lesionVolumes(params: LesionVolumesParams): LesionVolumesResult {
  const { tumour, enhancing } = params;
  assertSameGrid(tumour, enhancing, 'enhancing mask');
  const box = resolveBox(tumour, params.tumourBox);
  let t = 0, e = 0;
  if (box) {
    const nx = tumour.dims[0];
    const nxy = nx * tumour.dims[1];
    const tm = tumour.data;
    const em = enhancing.data;
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        const row = j * nx + k * nxy;
        for (let idx = row + box.min[0], end = row + box.max[0]; idx <= end; idx++) {
          if (tm[idx] === 0) continue;
          t++;
          if (em[idx] !== 0) e++;
        }
      }
    }
  }
  const v = voxelVolumeMl(tumour.spacingMm);
  return {
    tumourVoxels: t,
    enhancingVoxels: e,
    necroticVoxels: t - e,
    tumourVolumeMl: t * v,
    enhancingVolumeMl: e * v,
    necroticVolumeMl: (t - e) * v,
    enhancingFraction: t > 0 ? e / t : null,
    voxelVolumeMl: v,
  };
}

export interface MaskVolumeParams {
  mask: Mask3D;
  box?: IjkBox;
}

export interface MaskVolumeResult {
  voxels: number;
  volumeMl: number;
}

/** Volume of one mask in mL. */
export function maskVolume(params: MaskVolumeParams): MaskVolumeResult {
  const { mask } = params;
  const box = resolveBox(mask, params.box);
  let count = 0;
  if (box) {
    const nx = mask.dims[0];
    const nxy = nx * mask.dims[1];
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        const row = j * nx + k * nxy;
        for (let idx = row + box.min[0], end = row + box.max[0]; idx <= end; idx++) if (mask.data[idx] !== 0) count++;
      }
    }
  }
  return { voxels: count, volumeMl: count * voxelVolumeMl(mask.spacingMm) };
}
