import { HccError } from '../errors';
import type { Mask3D, Vec3, Volume3D } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { assertSameGrid } from './grid-check';
import { maskedMoments } from './signal-ratio';

export type T1HyperintensityRule =
  /** voxel > mean_liver + k * SD_liver */
  | { kind: 'mean-plus-k-sd'; k: number }
  /** voxel > factor * mean_liver */
  | { kind: 'factor-of-mean'; factor: number };

/**
 * Default: voxel > mean_liver + 3 SD_liver. The SD of the patient's own liver reference carries
 * both noise and normal heterogeneity, so the rule adapts to SNR and coil profile, which a fixed
 * factor does not. k = 3 rather than 2: the fraction is tracked over time (haemorrhage appears
 * 2-4 weeks into therapy), so its baseline must be near zero - under a normal model k = 2 flags
 * ~2.3 % of liver-like voxels by chance, k = 3 ~0.13 %; haemorrhage and protein-rich necrosis are
 * markedly brighter than liver, far beyond 3 SD at clinical SNR.
 */
export const DEFAULT_T1_HYPERINTENSITY_RULE: T1HyperintensityRule = { kind: 'mean-plus-k-sd', k: 3 };

export interface T1HyperintenseParams {
  /** Pre-contrast T1-weighted image; masks on its grid. */
  t1: Volume3D;
  tumour: Mask3D;
  tumourBox?: IjkBox;
  /** Non-tumorous liver; tumour voxels are removed from it. */
  liverReference: Mask3D;
  referenceBox?: IjkBox;
  rule?: T1HyperintensityRule;
}

export interface T1HyperintenseResult {
  /** Full-grid mask of the hyperintense tumour voxels (map it to the DWI grid to exclude them from ADC). */
  hyperintense: Mask3D;
  /** Bounding box of `hyperintense`, null when none. */
  box: IjkBox | null;
  hyperintenseVoxels: number;
  tumourVoxels: number;
  /** hyperintense / tumour voxels; null for an empty tumour. */
  hyperintenseFraction: number | null;
  /** Signal above which a voxel counts as hyperintense (strictly greater). */
  thresholdSignal: number;
  liverMeanSignal: number;
  liverSdSignal: number | null;
  liverVoxels: number;
  rule: T1HyperintensityRule;
}

/** Fraction of tumour voxels T1-hyperintense relative to the liver reference (haemorrhage flag). */
export function t1Hyperintense(params: T1HyperintenseParams): T1HyperintenseResult {
  const { t1, tumour, liverReference } = params;
  const rule = params.rule ?? DEFAULT_T1_HYPERINTENSITY_RULE;
  assertSameGrid(t1, tumour, 'tumour mask');
  const liver = maskedMoments({ image: t1, mask: liverReference, exclude: tumour, ...(params.referenceBox ? { box: params.referenceBox } : {}) });
  if (liver.meanSignal === null) throw new HccError('INVALID_INPUT', 'liver reference ROI is empty (outside the tumour)');
  let threshold: number;
  if (rule.kind === 'mean-plus-k-sd') {
    if (!(rule.k >= 0)) throw new HccError('INVALID_INPUT', `k must be >= 0, got ${rule.k}`);
    if (liver.sdSignal === null) throw new HccError('INVALID_INPUT', 'liver reference ROI needs at least 2 voxels for an SD');
    threshold = liver.meanSignal + rule.k * liver.sdSignal;
  } else {
    if (!(rule.factor > 0)) throw new HccError('INVALID_INPUT', `factor must be > 0, got ${rule.factor}`);
    threshold = rule.factor * liver.meanSignal;
  }

  const n = tumour.data.length;
  const out = new Uint8Array(n);
  const box = resolveBox(tumour, params.tumourBox);
  let tumourVoxels = 0, hyper = 0;
  let i0 = Infinity, j0 = Infinity, k0 = Infinity, i1 = -1, j1 = -1, k1 = -1;
  if (box) {
    const nx = t1.dims[0];
    const nxy = nx * t1.dims[1];
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        for (let i: number = box.min[0]; i <= box.max[0]; i++) {
          const idx = i + j * nx + k * nxy;
          if (tumour.data[idx] === 0) continue;
          tumourVoxels++;
          if (!(t1.data[idx]! > threshold)) continue;
          out[idx] = 1;
          hyper++;
          if (i < i0) i0 = i;
          if (i > i1) i1 = i;
          if (j < j0) j0 = j;
          if (j > j1) j1 = j;
          if (k < k0) k0 = k;
          if (k > k1) k1 = k;
        }
      }
    }
  }
  return {
    hyperintense: {
      dims: [...t1.dims] as Vec3,
      spacingMm: [...t1.spacingMm] as Vec3,
      originLps: [...t1.originLps] as Vec3,
      direction: [...t1.direction] as Mask3D['direction'],
      data: out,
    },
    box: hyper > 0 ? { min: [i0, j0, k0], max: [i1, j1, k1] } : null,
    hyperintenseVoxels: hyper,
    tumourVoxels,
    hyperintenseFraction: tumourVoxels > 0 ? hyper / tumourVoxels : null,
    thresholdSignal: threshold,
    liverMeanSignal: liver.meanSignal,
    liverSdSignal: liver.sdSignal,
    liverVoxels: liver.voxels,
    rule,
  };
}
