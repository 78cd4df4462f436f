import { HccError } from '../errors';
import type { Mask3D, Vec3, Volume3D } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { assertDataLength, assertSameGrid } from './grid-check';

/**
 * Fit over b >= 200 s/mm^2 by default: the IVIM pseudo-diffusion term exp(-b D*) has fallen to
 * e^-2 or less at b = 200 even for a slow D* ~ 0.01 mm^2/s (liver D* is ~0.05-0.1), so the slope
 * approaches the tissue diffusion D rather than D plus perfusion. On the OSIPI IVIM curves the
 * remaining bias is <= 1.9 % for every tissue, against up to +81 % when b = 0..1000 are all used
 * (adc-fit.test.ts). With fewer than two b-values >= 200 all b-values are used, and said so.
 */
export const DEFAULT_ADC_MIN_BVALUE_SMM2 = 200;

export interface AdcFitParams {
  /** One volume per acquired b-value (repeats and directions allowed), all on one grid. */
  dwi: readonly Volume3D[];
  bValuesSmm2: readonly number[];
  /** Voxels to fit (on the DWI grid); default: the whole box, or the whole grid without a box. */
  mask?: Mask3D | null;
  box?: IjkBox;
  /** Lowest b-value used when at least two distinct b-values reach it (default 200 s/mm^2). */
  minBValueSmm2?: number;
}

export interface AdcFitResult {
  /** ADC in mm^2/s on the full DWI grid; NaN where not fitted (outside the region, or < 2 usable b-values). */
  adcMm2s: Volume3D<Float32Array>;
  /** Distinct b-values that entered the fit, ascending. */
  usedBValuesSmm2: number[];
  /** false when fewer than two distinct b-values reached the minimum and all b-values were used. */
  perfusionSuppressed: boolean;
  fittedVoxels: number;
  /** Voxels in the region where fewer than two distinct used b-values had S > 0 (ADC undefined, NaN). */
  undefinedVoxels: number;
}

/**
 * Voxel-wise mono-exponential ADC: S(b) = S0 exp(-b ADC), fitted by unweighted linear least
 * squares on ln S over the used b-values (exact on exact exponentials, the usual scanner method).
 * Points with S <= 0 (or non-finite) have no logarithm and are dropped voxel by voxel.
 * The fitted slope is reported as is, even when noise makes it negative: clamping would bias ROI means.
 */
export function fitAdc(params: AdcFitParams): AdcFitResult {
  const { dwi, bValuesSmm2, mask } = params;
  if (dwi.length !== bValuesSmm2.length) throw new HccError('INVALID_INPUT', `${dwi.length} DWI volumes but ${bValuesSmm2.length} b-values`);
  const first = dwi[0];
  if (!first) throw new HccError('INVALID_INPUT', 'no DWI volume');
  for (const [v, vol] of dwi.entries()) {
    assertDataLength(vol, `DWI volume ${v}`);
    assertSameGrid(first, vol, `DWI volume ${v} (b = ${bValuesSmm2[v]})`);
  }
  if (mask) assertSameGrid(first, mask, 'ADC fit mask');
  for (const b of bValuesSmm2) if (!(b >= 0) || !Number.isFinite(b)) throw new HccError('INVALID_INPUT', `invalid b-value ${b}`);

  const minB = params.minBValueSmm2 ?? DEFAULT_ADC_MIN_BVALUE_SMM2;
  const distinctAbove = new Set(bValuesSmm2.filter((b) => b >= minB));
  const perfusionSuppressed = distinctAbove.size >= 2;
  const use: number[] = [];
  bValuesSmm2.forEach((b, v) => {
    if (!perfusionSuppressed || b >= minB) use.push(v);
  });
  const used = [...new Set(use.map((v) => bValuesSmm2[v]!))].sort((a, b) => a - b);
  if (used.length < 2) throw new HccError('INVALID_INPUT', `ADC fit needs at least two distinct b-values, got ${used.join(', ')}`);

  const b = Float64Array.from(use, (v) => bValuesSmm2[v]!);
  const data = use.map((v) => dwi[v]!.data);
  const m = b.length;
  const out = new Float32Array(first.data.length).fill(NaN);
  const [nx, ny, nz] = first.dims;
  const box: IjkBox | null = mask ? resolveBox(mask, params.box) : (params.box ?? { min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] });
  let fitted = 0, undefinedCount = 0;
  if (box) {
    const nxy = nx * ny;
    for (let k: number = box.min[2]; k <= box.max[2]; k++) {
      for (let j: number = box.min[1]; j <= box.max[1]; j++) {
        for (let i: number = box.min[0]; i <= box.max[0]; i++) {
          const idx = i + j * nx + k * nxy;
          if (mask && mask.data[idx] === 0) continue;
          // Sums centred on the first used b keep the normal equations well conditioned.
          let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
          for (let t = 0; t < m; t++) {
            const s = data[t]![idx]!;
            if (!(s > 0) || !Number.isFinite(s)) continue;
            const x = b[t]! - b[0]!;
            const y = Math.log(s);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
          }
          const den = n * sxx - sx * sx;
          // den > 0 iff at least two distinct b-values remain; the relative guard absorbs rounding.
          if (n < 2 || !(den > 1e-12 * n * sxx)) {
            undefinedCount++;
            continue;
          }
          out[idx] = -(n * sxy - sx * sy) / den;
          fitted++;
        }
      }
    }
  }
  return {
    adcMm2s: {
      dims: [...first.dims] as Vec3,
      spacingMm: [...first.spacingMm] as Vec3,
      originLps: [...first.originLps] as Vec3,
      direction: [...first.direction] as Volume3D['direction'],
      data: out,
    },
    usedBValuesSmm2: used,
    perfusionSuppressed,
    fittedVoxels: fitted,
    undefinedVoxels: undefinedCount,
  };
}
