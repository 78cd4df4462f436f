import { HccError } from '../errors';
import { gridAffine, ijkToLps } from '../geometry/affine';
import type { Mask3D, Vec3, Volume3D } from '../types/volume';
import { boxVoxelCount, resolveBox, type IjkBox } from './bounding-box';
import { assertDataLength, assertSameGrid } from './grid-check';
import { referenceCutoff, type ReferenceCutoffResult } from './enhancement-reference';

/**
 * Default relative-enhancement threshold t = 0.5 (50 %). A project choice, not a validated
 * voxel-level cut-off from the HCC literature (none is established; mRECIST/EASL are visual):
 * - necrosis does not enhance: with pre/arterial SNR ~20 the relative enhancement of a
 *   non-enhancing voxel has an SD of ~0.07, so 0.5 is ~7 SD above it;
 * - viable HCC is arterially hyper-enhancing, typically well above +50 % over its pre-contrast
 *   signal on the late arterial phase, while background liver enhances less in that phase;
 * - 50 % is also the conventional "medium initial enhancement" bound of relative initial
 *   enhancement in DCE-MRI kinetics (BI-RADS), so readers know the scale.
 * Tune it per protocol, or use the reference method, which calibrates itself on the patient's liver.
 */
export const DEFAULT_RELATIVE_ENHANCEMENT_THRESHOLD = 0.5;
/** qEASL: cut-off = centre + 2 SD of the reference (about 2.3 % false-positive normal liver voxels under a normal model). */
export const DEFAULT_REFERENCE_SD_MULTIPLIER = 2;

export type EnhancementMethod =
  /** enhancing when (S_art - S_pre) / S_pre >= threshold */
  | { kind: 'relative-threshold'; threshold: number }
  /** enhancing when S_art - S_pre >= mean + m*SD of (S_art - S_pre) over the liver reference */
  | { kind: 'reference-mean-sd'; sdMultiplier: number }
  /** enhancing when S_art - S_pre >= mode + m*median local SD over the liver reference (Yale qEASL) */
  | { kind: 'reference-mode-local-sd'; sdMultiplier: number };

export const DEFAULT_ENHANCEMENT_METHOD: EnhancementMethod = { kind: 'relative-threshold', threshold: DEFAULT_RELATIVE_ENHANCEMENT_THRESHOLD };

/** What produced the split; goes into every export. */
export type EnhancementMethodRecord =
  | { source: 'user-drawn'; userMaskVoxelsOutsideTumour: number }
  | { source: 'automatic'; kind: 'relative-threshold'; threshold: number }
  | ({ source: 'automatic'; kind: 'reference-mean-sd' | 'reference-mode-local-sd'; sdMultiplier: number } & ReferenceCutoffResult);

export interface EnhancementSplitParams {
  pre: Volume3D;
  arterial: Volume3D;
  /** Whole tumour, on the arterial grid (pre and arterial share it). */
  tumour: Mask3D;
  tumourBox?: IjkBox;
  /** Default: relative threshold 0.5. Ignored when userEnhancing is given. */
  method?: EnhancementMethod;
  /** Needed by the reference methods. Tumour voxels are removed from it (a whole-liver mask is fine). */
  liverReference?: Mask3D | null;
  referenceBox?: IjkBox;
  /** User-drawn enhancing portion: overrides the automatic split (enhancing = user mask AND tumour). */
  userEnhancing?: Mask3D | null;
  /** Its bounding box when known (otherwise it is scanned once to report voxels drawn outside the tumour). */
  userEnhancingBox?: IjkBox;
}

export interface EnhancementSplitResult {
  /** Full-grid masks (pages outside the tumour box are never written, so they cost no memory traffic). */
  enhancing: Mask3D;
  necrotic: Mask3D;
  /** Tumour bounding box: both masks are zero outside it. */
  box: IjkBox | null;
  tumourVoxels: number;
  enhancingVoxels: number;
  necroticVoxels: number;
  /**
   * Tumour voxels with S_pre <= 0 (relative method only): the ratio is undefined there; they are
   * classified by its limit S_pre -> 0+, i.e. enhancing when S_art > 0. Non-zero means suspect data.
   */
  nonPositivePreVoxels: number;
  method: EnhancementMethodRecord;
}

/**
 * Splits the tumour into enhancing (viable) and necrotic (non-enhancing) voxels.
 * A user-drawn enhancing mask always wins over the automatic methods.
 */
export function enhancementSplit(params: EnhancementSplitParams): EnhancementSplitResult {
  const { pre, arterial, tumour, userEnhancing } = params;
  assertDataLength(pre, 'pre-contrast volume');
  assertDataLength(arterial, 'arterial volume');
  assertSameGrid(arterial, pre, 'pre-contrast volume');
  assertSameGrid(arterial, tumour, 'tumour mask');
  if (userEnhancing) assertSameGrid(arterial, userEnhancing, 'user-drawn enhancing mask');
  const n = tumour.data.length;
  const enh = new Uint8Array(n);
  const nec = new Uint8Array(n);
  const box = resolveBox(tumour, params.tumourBox);
  const method = params.method ?? DEFAULT_ENHANCEMENT_METHOD;

  let record: EnhancementMethodRecord;
  // One loop for all methods, switching on a small integer rather than calling a closure per voxel.
  const USER = 0, RELATIVE = 1, REFERENCE = 2;
  let mode: number;
  let threshold = 0, cutoff = 0;
  if (userEnhancing) {
    mode = USER;
    const outside = countOutside(userEnhancing, tumour, params.userEnhancingBox);
    record = { source: 'user-drawn', userMaskVoxelsOutsideTumour: outside };
  } else if (method.kind === 'relative-threshold') {
    mode = RELATIVE;
    threshold = method.threshold;
    if (!Number.isFinite(threshold)) throw new HccError('INVALID_INPUT', `relative enhancement threshold must be finite, got ${threshold}`);
    record = { source: 'automatic', kind: 'relative-threshold', threshold };
  } else {
    mode = REFERENCE;
    if (!params.liverReference) throw new HccError('INVALID_INPUT', `enhancement method ${method.kind} needs a liver reference mask`);
    const ref = referenceCutoff({
      pre, arterial, liverReference: params.liverReference, tumour,
      rule: method.kind === 'reference-mean-sd' ? 'mean-sd' : 'mode-local-sd',
      sdMultiplier: method.sdMultiplier,
      ...(params.referenceBox ? { referenceBox: params.referenceBox } : {}),
    });
    cutoff = ref.cutoffSubtraction;
    record = { source: 'automatic', kind: method.kind, sdMultiplier: method.sdMultiplier, ...ref };
  }

  let tumourVoxels = 0, enhancingVoxels = 0, nonPositivePre = 0;
  if (box) {
    const nx = tumour.dims[0];
    const nxy = nx * tumour.dims[1];
    const m = tumour.data;
    const u = userEnhancing?.data;
    const p = pre.data;
    const a = arterial.data;
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        const row = j * nx + k * nxy;
        for (let idx = row + box.min[0], end = row + box.max[0]; idx <= end; idx++) {
          if (m[idx] === 0) continue;
          tumourVoxels++;
          let enhancing: boolean;
          if (mode === USER) enhancing = u![idx] !== 0;
          else {
            const sPre = p[idx]!;
            const sArt = a[idx]!;
            if (mode === REFERENCE) enhancing = sArt - sPre >= cutoff;
            else if (sPre > 0) enhancing = (sArt - sPre) / sPre >= threshold;
            else {
              nonPositivePre++;
              enhancing = sArt > 0;
            }
          }
          if (enhancing) {
            enh[idx] = 1;
            enhancingVoxels++;
          } else nec[idx] = 1;
        }
      }
    }
  }
  return {
    enhancing: { ...geometryOf(tumour), data: enh },
    necrotic: { ...geometryOf(tumour), data: nec },
    box,
    tumourVoxels,
    enhancingVoxels,
    necroticVoxels: tumourVoxels - enhancingVoxels,
    nonPositivePreVoxels: nonPositivePre,
    method: record,
  };
}

/** Voxels of `mask` outside `within` (user mask drawn beyond the tumour: ignored, but reported). */
function countOutside(mask: Mask3D, within: Mask3D, maskBox: IjkBox | undefined): number {
  const box = resolveBox(mask, maskBox);
  if (!box) return 0;
  const nx = mask.dims[0];
  const nxy = nx * mask.dims[1];
  let count = 0;
  for (let k: number = box.min[2]; k <= box.max[2]; k++) {
    for (let j: number = box.min[1]; j <= box.max[1]; j++) {
      for (let i: number = box.min[0]; i <= box.max[0]; i++) {
        const idx = i + j * nx + k * nxy;
        if (mask.data[idx] !== 0 && within.data[idx] === 0) count++;
      }
    }
  }
  return count;
}

function geometryOf(g: Mask3D): Omit<Mask3D, 'data'> {
  return {
    dims: [...g.dims] as Vec3,
    spacingMm: [...g.spacingMm] as Vec3,
    originLps: [...g.originLps] as Vec3,
    direction: [...g.direction] as Mask3D['direction'],
  };
}

export interface RelativeEnhancementMapParams {
  pre: Volume3D;
  arterial: Volume3D;
  mask: Mask3D;
  box?: IjkBox;
}

export interface RelativeEnhancementMapResult {
  /**
   * (S_art - S_pre) / S_pre (dimensionless: 0.5 = +50 %) on the mask's bounding box only: a
   * cropped volume with its own origin (patient position of the box's first voxel), so a viewer
   * places it without knowing the offset. NaN outside the mask and where S_pre <= 0 (undefined).
   * null for an empty mask.
   */
  relativeEnhancement: Volume3D<Float32Array> | null;
  box: IjkBox | null;
  nonPositivePreVoxels: number;
}

/** Per-voxel relative enhancement within a mask (for overlays and histograms). */
export function relativeEnhancementMap(params: RelativeEnhancementMapParams): RelativeEnhancementMapResult {
  const { pre, arterial, mask } = params;
  assertSameGrid(arterial, pre, 'pre-contrast volume');
  assertSameGrid(arterial, mask, 'mask');
  const box = resolveBox(mask, params.box);
  if (!box) return { relativeEnhancement: null, box: null, nonPositivePreVoxels: 0 };
  const w = box.max[0] - box.min[0] + 1;
  const h = box.max[1] - box.min[1] + 1;
  const out = new Float32Array(boxVoxelCount(box)).fill(NaN);
  const nx = mask.dims[0];
  const nxy = nx * mask.dims[1];
  let nonPositive = 0;
  for (let k: number = box.min[2]; k <= box.max[2]; k++) {
    for (let j: number = box.min[1]; j <= box.max[1]; j++) {
      for (let i: number = box.min[0]; i <= box.max[0]; i++) {
        const idx = i + j * nx + k * nxy;
        if (mask.data[idx] === 0) continue;
        const sPre = pre.data[idx]!;
        if (sPre <= 0) {
          nonPositive++;
          continue;
        }
        out[i - box.min[0] + (j - box.min[1]) * w + (k - box.min[2]) * w * h] = (arterial.data[idx]! - sPre) / sPre;
      }
    }
  }
  const origin = ijkToLps(gridAffine(mask), box.min[0], box.min[1], box.min[2]);
  return {
    relativeEnhancement: {
      dims: [w, h, box.max[2] - box.min[2] + 1],
      spacingMm: [...mask.spacingMm] as Vec3,
      originLps: origin,
      direction: [...mask.direction] as Mask3D['direction'],
      data: out,
    },
    box,
    nonPositivePreVoxels: nonPositive,
  };
}
