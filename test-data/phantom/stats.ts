/**
 * Statistics of written voxel values per label, kept as a histogram of the stored 12-bit values
 * (one array increment per voxel: cheap enough for 512 x 512 x 120 series). Labels 0..31.
 */
export class LabelHistogram {
  static readonly LABELS = 32;
  static readonly VALUES = 4096;
  /** Index (label << 12) | stored value. */
  readonly counts = new Uint32Array(LabelHistogram.LABELS * LabelHistogram.VALUES);

  /** @param slope rescale slope: real value = stored * slope. */
  constructor(readonly slope = 1) {}

  /** Adds a whole slice: labels and stored values of the same length. */
  addSlice(labels: Uint8Array, stored: Uint16Array): void {
    const counts = this.counts;
    for (let v = 0; v < labels.length; v++) counts[(labels[v]! << 12) | stored[v]!]!++;
  }

  count(label: number): number {
    let n = 0;
    for (let x = 0; x < LabelHistogram.VALUES; x++) n += this.counts[(label << 12) | x]!;
    return n;
  }

  /** Pooled over several labels, in real values. */
  summary(labels: readonly number[]): ValueSummary {
    let n = 0;
    let s = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const l of labels) {
      for (let x = 0; x < LabelHistogram.VALUES; x++) {
        const c = this.counts[(l << 12) | x]!;
        if (c === 0) continue;
        const value = x * this.slope;
        n += c;
        s += c * value;
        s2 += c * value * value;
        lo = Math.min(lo, value);
        hi = Math.max(hi, value);
      }
    }
    const mean = n > 0 ? s / n : NaN;
    // Sample SD (n - 1), as numpy.std(ddof=1) and most viewers.
    const sd = n > 1 ? Math.sqrt(Math.max(0, (s2 - n * mean * mean) / (n - 1))) : 0;
    return { voxels: n, mean, sd, min: n > 0 ? lo : NaN, max: n > 0 ? hi : NaN };
  }
}

export interface ValueSummary {
  voxels: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

/** Full statistics of a small list of values (ROI ADC values): mean, SD, median and percentiles. */
export interface DistributionSummary extends ValueSummary {
  median: number;
  p10: number;
  p25: number;
  p75: number;
  p90: number;
}

/** Percentile with linear interpolation between order statistics (numpy's default, "linear"). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function distribution(values: readonly number[]): DistributionSummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let s = 0;
  for (const v of sorted) s += v;
  const mean = n > 0 ? s / n : NaN;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) * (v - mean);
  return {
    voxels: n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: n > 0 ? sorted[0]! : NaN,
    max: n > 0 ? sorted[n - 1]! : NaN,
    median: percentile(sorted, 50),
    p10: percentile(sorted, 10),
    p25: percentile(sorted, 25),
    p75: percentile(sorted, 75),
    p90: percentile(sorted, 90),
  };
}
