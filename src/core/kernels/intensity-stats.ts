import { HccError } from '../errors';
import type { Mask3D, Volume3D } from '../types/volume';
import { boxVoxelCount, resolveBox, type IjkBox } from './bounding-box';
import { assertDataLength, assertSameGrid } from './grid-check';
import { bucketIndex, percentilesInPlace, valueBuckets } from './percentiles';

/** Display histogram: 64 bins resolve an ROI's distribution without being dominated by noise at ROI sizes of ~1e3 voxels. */
export const DEFAULT_HISTOGRAM_BINS = 64;

export interface HistogramSpec {
  /** Number of equal-width bins (default 64). */
  bins?: number;
  /** Lower edge; default the sample minimum. */
  min?: number;
  /** Upper edge; default the sample maximum. */
  max?: number;
}

export interface Histogram {
  /**
   * bins + 1 edges, ascending. Bin b holds edges[b] <= v < edges[b+1] (as floor((v - lo) * bins / (hi - lo))
   * places it, up to rounding at an edge); the last bin also holds v == edges[bins].
   */
  edges: Float64Array;
  counts: Uint32Array;
  /** Values below edges[0] / above edges[bins] (only with an explicit range). */
  belowRange: number;
  aboveRange: number;
}

export interface MaskedValuesParams {
  volume: Volume3D;
  /** Mask on the volume's grid (map it first when drawn on another series). */
  mask: Mask3D;
  /** Bounding box of the mask when known; voxels outside it are ignored. */
  box?: IjkBox;
  /** Voxels to leave out (e.g. T1-hyperintense haemorrhage), same grid. */
  exclude?: Mask3D | null;
  /** Factor applied to every value as it is copied (a unit conversion, e.g. ADC storage to mm^2/s); default 1. */
  scale?: number;
  /**
   * Where to copy the values when it is large enough (at least the box's voxel count); else a new
   * buffer. The result's `values` is then a view of it, valid until it is written again.
   */
  into?: Float64Array;
}

/** Sum, minimum and maximum of a sample. */
export interface SampleMoments {
  sum: number;
  min: number;
  max: number;
}

export interface MaskedValuesResult {
  /** Finite values of the masked, non-excluded voxels (float64 copy, yours to reorder). */
  values: Float64Array;
  maskVoxels: number;
  excludedVoxels: number;
  /** Masked, non-excluded voxels holding NaN or +-Infinity (e.g. an undefined fit); left out. */
  nonFiniteVoxels: number;
  /** Of `values`, in their order, gathered while copying (hand them to sampleStats: one pass fewer). */
  moments: SampleMoments;
}

/** Copies the finite values under a mask into a Float64Array (params.into or a new one), visiting only the mask's bounding box. */
export function maskedValues(params: MaskedValuesParams): MaskedValuesResult {
  const { volume, mask, exclude } = params;
  assertDataLength(volume, 'volume');
  assertSameGrid(volume, mask, 'mask');
  if (exclude) assertSameGrid(volume, exclude, 'exclusion mask');
  const box = resolveBox(mask, params.box);
  if (!box) return { values: new Float64Array(0), maskVoxels: 0, excludedVoxels: 0, nonFiniteVoxels: 0, moments: { sum: 0, min: Infinity, max: -Infinity } };
  const size = boxVoxelCount(box);
  const buffer = params.into && params.into.length >= size ? params.into : new Float64Array(size);
  const src = volume.data;
  const m = mask.data;
  const ex = exclude?.data;
  const scale = params.scale ?? 1;
  const nx = volume.dims[0];
  const nxy = nx * volume.dims[1];
  let n = 0, maskVoxels = 0, excluded = 0, nonFinite = 0;
  let sum = 0, min = Infinity, max = -Infinity;
  for (let k: number = box.min[2]; k <= box.max[2]; k++) {
    for (let j: number = box.min[1]; j <= box.max[1]; j++) {
      const row = j * nx + k * nxy;
      for (let idx = row + box.min[0], end = row + box.max[0]; idx <= end; idx++) {
        if (m[idx] === 0) continue;
        maskVoxels++;
        if (ex && ex[idx] !== 0) {
          excluded++;
          continue;
        }
        const stored = src[idx]!;
        if (!Number.isFinite(stored)) {
          nonFinite++;
          continue;
        }
        const v = scale === 1 ? stored : stored * scale;
        buffer[n++] = v;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return { values: buffer.subarray(0, n), maskVoxels, excludedVoxels: excluded, nonFiniteVoxels: nonFinite, moments: { sum, min, max } };
}

export interface SampleStats {
  count: number;
  /** Arithmetic mean, two-pass in float64. */
  mean: number | null;
  /** Sample standard deviation (n - 1 denominator); null for fewer than two values. */
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Percentiles by the R-7 / NumPy-linear definition (see percentiles.ts). */
  median: number | null;
  p10: number | null;
  p25: number | null;
  p75: number | null;
  p90: number | null;
  histogram: Histogram | null;
}

export interface SampleStatsParams {
  /** The sample; reordered in place by the percentile selection. No NaN. */
  values: Float64Array;
  histogram?: HistogramSpec;
  /** Sum, min and max of exactly these values when the caller has them (maskedValues does); else one pass computes them. */
  moments?: SampleMoments;
}

/**
 * Summary statistics of a sample (the core of intensityStats, also used by adc.ts), in three passes
 * over it: sum / min / max (skipped when the caller has them), then deviations from the mean, the
 * histogram and the percentile buckets together, then the selection's gathering of the few buckets
 * holding a wanted percentile.
 */
export function sampleStats(params: SampleStatsParams): SampleStats {
  const a = params.values;
  const n = a.length;
  if (n === 0) {
    return { count: 0, mean: null, sd: null, min: null, max: null, median: null, p10: null, p25: null, p75: null, p90: null, histogram: null };
  }
  const { sum, min, max } = params.moments ?? moments(a);
  const mean = sum / n;
  const hist = emptyHistogram(min, max, params.histogram);
  const { lo, hi, bins, counts } = hist;
  // Bins per unit of value; Infinity for a zero-width range, where NaN | 0 puts everything in bin 0.
  const binScale = bins / (hi - lo);
  const lastBin = bins - 1;
  const buckets = valueBuckets(n, min, max);
  const bucketCounts = buckets?.counts ?? null;
  const bucketScale = buckets?.scale ?? 0;
  // Corrected two-pass variance (Chan, Golub & LeVeque 1983): the second term removes the rounding error of the mean.
  let ss = 0, comp = 0, below = 0, above = 0;
  for (let i: number = 0; i < n; i++) {
    const v = a[i]!;
    const d = v - mean;
    ss += d * d;
    comp += d;
    if (v < lo) below++;
    else if (v > hi) above++;
    else {
      // (v - lo) * binScale is in [0, bins]: truncation is the floor.
      const b = ((v - lo) * binScale) | 0;
      counts[b < lastBin ? b : lastBin]!++;
    }
    if (bucketCounts !== null) bucketCounts[bucketIndex(v, min, bucketScale)]!++;
  }
  const sd = n > 1 ? Math.sqrt(Math.max(0, ss - (comp * comp) / n) / (n - 1)) : null;
  const histogram: Histogram = { edges: hist.edges, counts, belowRange: below, aboveRange: above };
  const [p10, p25, median, p75, p90] = percentilesInPlace({ values: a, percentiles: [10, 25, 50, 75, 90], range: { min, max }, buckets }).values;
  return { count: n, mean, sd, min, max, median: median!, p10: p10!, p25: p25!, p75: p75!, p90: p90!, histogram };
}

function moments(a: Float64Array): SampleMoments {
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i: number = 0; i < a.length; i++) {
    const v = a[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { sum, min, max };
}

/** Edges and zero counts of the histogram (range: the spec's, else the sample's), filled by sampleStats' pass. */
function emptyHistogram(sampleMin: number, sampleMax: number, spec: HistogramSpec | undefined) {
  const bins = spec?.bins ?? DEFAULT_HISTOGRAM_BINS;
  if (!Number.isInteger(bins) || bins < 1) throw new HccError('INVALID_INPUT', `histogram bins must be a positive integer, got ${bins}`);
  const lo = spec?.min ?? sampleMin;
  const hi = spec?.max ?? sampleMax;
  if (!(hi >= lo)) throw new HccError('INVALID_INPUT', `histogram range [${lo}, ${hi}] is empty`);
  const edges = new Float64Array(bins + 1);
  const width = (hi - lo) / bins;
  for (let b = 0; b <= bins; b++) edges[b] = lo + b * width;
  edges[bins] = hi;
  return { edges, counts: new Uint32Array(bins), lo, hi, width, bins };
}

/**
 * One sample buffer per thread, reused by every statistics call: a lesion's figures would otherwise
 * allocate (and zero) a box-sized buffer per series, garbage that makes a worker collect more often.
 * Safe because the callers below use it synchronously and return only figures and new arrays.
 */
let scratch = new Float64Array(0);

/** The shared sample buffer, grown to hold the mask's box (or the whole mask without a box). */
export function sampleScratch(mask: Mask3D, box?: IjkBox): Float64Array {
  const size = box ? boxVoxelCount(box) : mask.data.length;
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, Math.ceil(scratch.length * 1.5)));
  return scratch;
}

export interface IntensityStatsParams extends Omit<MaskedValuesParams, 'into'> {
  histogram?: HistogramSpec;
}

export interface IntensityStatsResult extends SampleStats {
  /** Voxels in the mask (before exclusion and non-finite removal); `count` is what the statistics use. */
  maskVoxels: number;
  excludedVoxels: number;
  nonFiniteVoxels: number;
}

/**
 * Statistics of any volume within a mask, in the volume's own units (signal intensity, mm^2/s, ...);
 * adc.ts wraps it with unit-named fields.
 */
export function intensityStats(params: IntensityStatsParams): IntensityStatsResult {
  const sel = maskedValues({ ...params, into: sampleScratch(params.mask, params.box) });
  const stats = sampleStats({ values: sel.values, moments: sel.moments, ...(params.histogram ? { histogram: params.histogram } : {}) });
  return { ...stats, maskVoxels: sel.maskVoxels, excludedVoxels: sel.excludedVoxels, nonFiniteVoxels: sel.nonFiniteVoxels };
}
