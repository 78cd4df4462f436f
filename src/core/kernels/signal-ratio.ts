import type { Mask3D, Volume3D } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { assertDataLength, assertSameGrid } from './grid-check';

export interface MaskedMomentsParams {
  image: Volume3D;
  mask: Mask3D;
  box?: IjkBox;
  /** Voxels left out (e.g. the tumour out of a whole-liver reference mask). */
  exclude?: Mask3D | null;
}

export interface MaskedMomentsResult {
  /** Voxels used (finite values only). */
  voxels: number;
  /** In the image's signal units; null when no voxel. */
  meanSignal: number | null;
  /** Sample SD (n - 1); null below two voxels. */
  sdSignal: number | null;
}

/** Mean and SD of an image within a mask (two passes in float64 over the mask's bounding box). */
export function maskedMoments(params: MaskedMomentsParams): MaskedMomentsResult {
  const { image, mask, exclude } = params;
  assertDataLength(image, 'image');
  assertSameGrid(image, mask, 'mask');
  if (exclude) assertSameGrid(image, exclude, 'exclusion mask');
  const box = resolveBox(mask, params.box);
  if (!box) return { voxels: 0, meanSignal: null, sdSignal: null };
  const nx = image.dims[0];
  const nxy = nx * image.dims[1];
  const m = mask.data;
  const ex = exclude?.data;
  const d = image.data;
  const pass = (visit: (v: number) => void): void => {
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        const row = j * nx + k * nxy;
        for (let idx = row + box.min[0], end = row + box.max[0]; idx <= end; idx++) {
          if (m[idx] === 0 || (ex && ex[idx] !== 0)) continue;
          const v = d[idx]!;
          if (Number.isFinite(v)) visit(v);
        }
      }
    }
  };
  let n = 0, sum = 0;
  pass((v) => {
    n++;
    sum += v;
  });
  if (n === 0) return { voxels: 0, meanSignal: null, sdSignal: null };
  const mean = sum / n;
  let ss = 0;
  pass((v) => {
    ss += (v - mean) * (v - mean);
  });
  return { voxels: n, meanSignal: mean, sdSignal: n > 1 ? Math.sqrt(ss / (n - 1)) : null };
}

export interface SignalRatioParams {
  /** T1 (pre-contrast) or T2 image; masks must be on its grid (map them first otherwise). */
  image: Volume3D;
  tumour: Mask3D;
  tumourBox?: IjkBox;
  /** Non-tumorous liver; tumour voxels are removed from it, so a whole-liver mask is fine. */
  liverReference: Mask3D;
  referenceBox?: IjkBox;
}

export interface SignalRatioResult {
  /** mean(tumour) / mean(liver reference), dimensionless; null when a mask is empty or the liver mean is <= 0. */
  ratioToLiver: number | null;
  tumourMeanSignal: number | null;
  liverMeanSignal: number | null;
  tumourVoxels: number;
  liverVoxels: number;
}

/** Tumour-to-liver signal-intensity ratio of means (used for T1 and T2 alike). */
export function signalRatio(params: SignalRatioParams): SignalRatioResult {
  const { image, tumour, liverReference } = params;
  const t = maskedMoments({ image, mask: tumour, ...(params.tumourBox ? { box: params.tumourBox } : {}) });
  const l = maskedMoments({ image, mask: liverReference, exclude: tumour, ...(params.referenceBox ? { box: params.referenceBox } : {}) });
  const ratio = t.meanSignal !== null && l.meanSignal !== null && l.meanSignal > 0 ? t.meanSignal / l.meanSignal : null;
  return { ratioToLiver: ratio, tumourMeanSignal: t.meanSignal, liverMeanSignal: l.meanSignal, tumourVoxels: t.voxels, liverVoxels: l.voxels };
}
