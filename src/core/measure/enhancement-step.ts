/**
 * The enhancing / necrotic split of one lesion on its drawing grid: the user's enhancing layer when
 * drawn (always wins), otherwise the configured automatic method on pre-contrast and arterial
 * values sampled at the drawing grid's voxel centres.
 */
import { HccError } from '../errors';
import { enhancementSplit, sameGrid, type EnhancementMethod, type EnhancementMethodRecord, type IjkBox } from '../kernels';
import type { Mask3D, Volume3D } from '../types/volume';
import { LESION_FLAG, withReason } from './flags';
import { copyGeometry } from './masks-on-grids';
import { sampleOnGrid } from './resample';

export interface EnhancementStepParams {
  tumour: Mask3D;
  tumourBox: IjkBox;
  userEnhancing: Mask3D | null;
  userEnhancingBox: IjkBox | null;
  liverReference: Mask3D | null;
  referenceBox: IjkBox | null;
  pre: Volume3D | null;
  arterial: Volume3D | null;
  method: EnhancementMethod;
}

export interface EnhancementStepResult {
  /** Enhancing voxels on the drawing grid (inside the tumour box only); null when unknown. */
  enhancing: Mask3D | null;
  record: EnhancementMethodRecord | null;
  flags: string[];
}

export function enhancementStep(p: EnhancementStepParams): EnhancementStepResult {
  if (p.userEnhancing) return userDrawn(p.tumour, p.tumourBox, p.userEnhancing, p.userEnhancingBox);
  const flags: string[] = [];
  if (!p.pre || !p.arterial) {
    const missing = [!p.pre && 'pre-contrast', !p.arterial && 'arterial'].filter(Boolean).join(' and ');
    return { enhancing: null, record: null, flags: [withReason(LESION_FLAG.enhancementUnavailable, `no ${missing} series`)] };
  }
  const needsReference = p.method.kind !== 'relative-threshold';
  if (needsReference && (!p.liverReference || !p.referenceBox)) {
    return { enhancing: null, record: null, flags: [withReason(LESION_FLAG.enhancementUnavailable, `${p.method.kind} needs a liver reference ROI`)] };
  }
  // Voxel-wise (S_art - S_pre) needs both on one grid: the drawing grid, where the volumes are counted.
  const regions = needsReference ? [p.tumourBox, p.referenceBox!] : [p.tumourBox];
  const onDrawingGrid = (v: Volume3D, name: string): Volume3D => {
    if (sameGrid(v, p.tumour)) return v;
    const s = sampleOnGrid({ source: v, target: p.tumour, boxes: regions });
    if (s.outsideSourceVoxels > 0) flags.push(withReason(LESION_FLAG.enhancementUnavailable, `${s.outsideSourceVoxels} voxels of the ROI region lie outside the ${name} series`));
    return s.volume;
  };
  const pre = onDrawingGrid(p.pre, 'pre-contrast');
  const arterial = onDrawingGrid(p.arterial, 'arterial');
  if (flags.length > 0) return { enhancing: null, record: null, flags };
  const split = enhancementSplit({
    pre,
    arterial,
    tumour: p.tumour,
    tumourBox: p.tumourBox,
    method: p.method,
    ...(needsReference ? { liverReference: p.liverReference, referenceBox: p.referenceBox! } : {}),
  });
  if (split.nonPositivePreVoxels > 0) flags.push(withReason(LESION_FLAG.nonPositivePre, `${split.nonPositivePreVoxels} tumour voxels`));
  return { enhancing: split.enhancing, record: split.method, flags };
}

/** enhancing = user mask AND tumour; voxels drawn outside the tumour are ignored but reported. */
function userDrawn(tumour: Mask3D, tumourBox: IjkBox, user: Mask3D, userBox: IjkBox | null): EnhancementStepResult {
  if (!sameGrid(tumour, user)) {
    // The ROI model keeps both layers on the drawing grid; anything else is a caller error.
    throw new HccError('GEOMETRY_MISMATCH', 'the user-drawn enhancing mask is not on the grid of the tumour mask');
  }
  const [nx, ny] = tumour.dims;
  const nxy = nx * ny;
  const out = new Uint8Array(tumour.data.length);
  const t = tumour.data;
  const u = user.data;
  for (let k: number = tumourBox.min[2]; k <= tumourBox.max[2]; k++) {
    for (let j: number = tumourBox.min[1]; j <= tumourBox.max[1]; j++) {
      const row = j * nx + k * nxy;
      for (let idx = row + tumourBox.min[0], end = row + tumourBox.max[0]; idx <= end; idx++) if (t[idx] !== 0 && u[idx] !== 0) out[idx] = 1;
    }
  }
  let outside = 0;
  if (userBox) {
    for (let k: number = userBox.min[2]; k <= userBox.max[2]; k++) {
      for (let j: number = userBox.min[1]; j <= userBox.max[1]; j++) {
        const row = j * nx + k * nxy;
        for (let idx = row + userBox.min[0], end = row + userBox.max[0]; idx <= end; idx++) if (u[idx] !== 0 && t[idx] === 0) outside++;
      }
    }
  }
  const flags: string[] = [LESION_FLAG.enhancingUserDrawn];
  if (outside > 0) flags.push(withReason(LESION_FLAG.enhancingOutsideTumour, `${outside} voxels ignored`));
  return {
    enhancing: { ...copyGeometry(tumour), data: out },
    record: { source: 'user-drawn', userMaskVoxelsOutsideTumour: outside },
    flags,
  };
}
