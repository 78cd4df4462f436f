import { HccError } from '../errors';
import type { Mask3D, Volume3D } from '../types/volume';
import { boxVoxelCount, resolveBox, type IjkBox } from './bounding-box';
import { assertSameGrid } from './grid-check';
import { percentilesInPlace } from './percentiles';

/** A voxel's 3x3 in-plane window must hold at least this many reference voxels for a local SD. */
export const MIN_LOCAL_SD_VOXELS = 5;

export interface ReferenceCutoffParams {
  pre: Volume3D;
  arterial: Volume3D;
  /** Non-tumorous liver (or whole liver: the tumour is removed from it, see `tumour`). */
  liverReference: Mask3D;
  referenceBox?: IjkBox;
  /** Voxels left out of the reference (the lesion itself, when a whole-liver mask is given). */
  tumour?: Mask3D | null;
  rule: 'mean-sd' | 'mode-local-sd';
  sdMultiplier: number;
}

export interface ReferenceCutoffResult {
  /** Cut-off on the subtraction A = S_art - S_pre, in the images' signal units. */
  cutoffSubtraction: number;
  referenceVoxels: number;
  /** 'mean-sd': mean and sample SD of A over the reference. */
  referenceMeanSubtraction: number;
  referenceSdSubtraction: number | null;
  /** 'mode-local-sd' only: half-sample mode of A, median of the 3x3 in-plane local SDs and how many voxels had one. */
  referenceModeSubtraction: number | null;
  medianLocalSdSubtraction: number | null;
  localSdVoxels: number | null;
}

/**
 * qEASL-style cut-off from the liver reference ROI on the subtraction image A = S_art - S_pre:
 * - 'mean-sd': mean(A) + m * SD(A) (sample SD);
 * - 'mode-local-sd' (Yale qEASL): mode(A) + m * median(local SD of A). The mode is the half-sample
 *   mode (Bickel & Fruehwirth 2006; robust, no bin width to choose). The local SD is the sample SD
 *   of A over the voxel's 3x3 in-plane window restricted to reference voxels (at least 5 of 9);
 *   in-plane because slices are thick and noise is estimated within a slice. Using the mode and the
 *   median local SD keeps vessels and heterogeneous liver from inflating the cut-off.
 */
export function referenceCutoff(params: ReferenceCutoffParams): ReferenceCutoffResult {
  const { pre, arterial, liverReference: ref, tumour, rule, sdMultiplier: m } = params;
  assertSameGrid(arterial, pre, 'pre-contrast volume');
  assertSameGrid(arterial, ref, 'liver reference mask');
  if (tumour) assertSameGrid(arterial, tumour, 'tumour mask');
  if (!(m >= 0)) throw new HccError('INVALID_INPUT', `sdMultiplier must be >= 0, got ${m}`);
  const box = resolveBox(ref, params.referenceBox);
  const inRef = (idx: number): boolean => ref.data[idx] !== 0 && !(tumour && tumour.data[idx] !== 0);
  const nx = arterial.dims[0];
  const nxy = nx * arterial.dims[1];
  const a = new Float64Array(box ? boxVoxelCount(box) : 0);
  let n = 0;
  if (box) {
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        for (let i: number = box.min[0]; i <= box.max[0]; i++) {
          const idx = i + j * nx + k * nxy;
          if (inRef(idx)) a[n++] = arterial.data[idx]! - pre.data[idx]!;
        }
      }
    }
  }
  const sample = a.subarray(0, n);
  if (n < 2) throw new HccError('INVALID_INPUT', `liver reference ROI has ${n} voxel(s) outside the tumour; at least 2 are needed for a cut-off`);
  let sum = 0;
  for (let t = 0; t < n; t++) sum += sample[t]!;
  const mean = sum / n;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (sample[t]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (rule === 'mean-sd') {
    return {
      cutoffSubtraction: mean + m * sd, referenceVoxels: n, referenceMeanSubtraction: mean, referenceSdSubtraction: sd,
      referenceModeSubtraction: null, medianLocalSdSubtraction: null, localSdVoxels: null,
    };
  }
  const localSds = localSdInPlane(arterial, pre, box!, inRef);
  if (localSds.length === 0) {
    throw new HccError('INVALID_INPUT', `liver reference ROI too thin for a local SD: no voxel has ${MIN_LOCAL_SD_VOXELS} reference voxels in its 3x3 window`);
  }
  const medianLocalSd = percentilesInPlace({ values: localSds, percentiles: [50] }).values[0]!;
  const mode = halfSampleMode(sample.slice().sort());
  return {
    cutoffSubtraction: mode + m * medianLocalSd, referenceVoxels: n, referenceMeanSubtraction: mean, referenceSdSubtraction: sd,
    referenceModeSubtraction: mode, medianLocalSdSubtraction: medianLocalSd, localSdVoxels: localSds.length,
  };
}

/** Sample SD of A over each reference voxel's 3x3 in-plane neighbourhood (reference voxels only). */
function localSdInPlane(arterial: Volume3D, pre: Volume3D, box: IjkBox, inRef: (idx: number) => boolean): Float64Array {
  const [nx, ny] = arterial.dims;
  const nxy = nx * ny;
  const out = new Float64Array(boxVoxelCount(box));
  let count = 0;
  for (let k: number = box.min[2]; k <= box.max[2]; k++) {
    for (let j: number = box.min[1]; j <= box.max[1]; j++) {
      for (let i: number = box.min[0]; i <= box.max[0]; i++) {
        if (!inRef(i + j * nx + k * nxy)) continue;
        let w = 0, s = 0, s2 = 0;
        // Shifted sums (around the centre voxel) keep the single-pass variance accurate.
        const c = arterial.data[i + j * nx + k * nxy]! - pre.data[i + j * nx + k * nxy]!;
        for (let dj = -1; dj <= 1; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= ny) continue;
          for (let di = -1; di <= 1; di++) {
            const ii = i + di;
            if (ii < 0 || ii >= nx) continue;
            const idx = ii + jj * nx + k * nxy;
            if (!inRef(idx)) continue;
            const d = arterial.data[idx]! - pre.data[idx]! - c;
            w++;
            s += d;
            s2 += d * d;
          }
        }
        if (w >= MIN_LOCAL_SD_VOXELS) out[count++] = Math.sqrt(Math.max(0, (s2 - (s * s) / w) / (w - 1)));
      }
    }
  }
  return out.subarray(0, count);
}

/**
 * Half-sample mode of an ascending sample (Bickel & Fruehwirth 2006): repeatedly keep the
 * shortest interval holding half of the values; with 3 left, average the closer pair.
 */
export function halfSampleMode(sorted: Float64Array): number {
  let lo = 0;
  let n = sorted.length;
  if (n === 0) throw new HccError('INVALID_INPUT', 'mode of an empty sample');
  while (n > 3) {
    const h = Math.ceil(n / 2);
    let best = lo;
    let bestWidth = Infinity;
    for (let s = lo; s + h - 1 < lo + n; s++) {
      const width = sorted[s + h - 1]! - sorted[s]!;
      if (width < bestWidth) {
        bestWidth = width;
        best = s;
      }
    }
    lo = best;
    n = h;
  }
  if (n === 3) {
    const d1 = sorted[lo + 1]! - sorted[lo]!;
    const d2 = sorted[lo + 2]! - sorted[lo + 1]!;
    if (d1 < d2) return (sorted[lo]! + sorted[lo + 1]!) / 2;
    if (d1 > d2) return (sorted[lo + 1]! + sorted[lo + 2]!) / 2;
    return sorted[lo + 1]!;
  }
  if (n === 2) return (sorted[lo]! + sorted[lo + 1]!) / 2;
  return sorted[lo]!;
}
