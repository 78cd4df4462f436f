import { HccError } from '../errors';

export type SelectableArray = Float64Array | Float32Array;

export interface PercentilesParams {
  /**
   * The sample. It may be REORDERED in place (selection partitions it), so pass a copy you own.
   * It must not contain NaN (comparisons with NaN break partitioning); callers filter first.
   */
  values: SelectableArray;
  /** Percentiles to report, each in [0, 100]. */
  percentiles: readonly number[];
  /** The sample's minimum and maximum when the caller has them already (spares a pass over a large sample). */
  range?: { min: number; max: number };
  /** Bucket counts the caller filled while passing over the sample anyway (see valueBuckets); spares the counting pass. */
  buckets?: ValueBuckets | null;
}

export interface PercentilesResult {
  /** One value per requested percentile, same order; null for an empty sample. */
  values: (number | null)[];
}

/**
 * Exact percentiles by selection (no full sort), definition R-7 / NumPy's default "linear":
 * with the sample sorted as x[0] <= ... <= x[n-1], h = (n - 1) * p / 100 and
 * P(p) = x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).
 * So the median of an even sample is the mean of the two middle values, P(0) = min, P(100) = max.
 */
export function percentilesInPlace(params: PercentilesParams): PercentilesResult {
  const { values: a, percentiles } = params;
  const n = a.length;
  for (const p of percentiles) {
    if (!(p >= 0 && p <= 100)) throw new HccError('INVALID_INPUT', `percentile must be within [0, 100], got ${p}`);
  }
  if (n === 0) return { values: percentiles.map(() => null) };
  const needed = new Set<number>();
  for (const p of percentiles) {
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    needed.add(lo);
    if (h > lo && lo + 1 < n) needed.add(lo + 1);
  }
  const ranks = Float64Array.from(needed).sort();
  const stats = orderStatistics(a, ranks, params.range, params.buckets ?? null);
  const at = (r: number): number => stats[ranks.indexOf(r)]!;
  return {
    values: percentiles.map((p) => {
      const h = ((n - 1) * p) / 100;
      const lo = Math.floor(h);
      const frac = h - lo;
      return frac > 0 && lo + 1 < n ? at(lo) + frac * (at(lo + 1) - at(lo)) : at(lo);
    }),
  };
}

/** Below this size selection runs on the whole array; above it, buckets narrow the search first. */
const BUCKET_THRESHOLD = 4096;
const BUCKETS = 4096;

const LAST_BUCKET = BUCKETS - 1;

/**
 * Bucket of a value v in [min, max]: floor((v - min) * scale), the maximum in the last bucket. The
 * offset is non-negative and below 2^31, so truncation (|0) is the floor: 2.5x faster than
 * Math.floor in V8's hot loops. Counting and gathering must place a value in the same bucket: both use this.
 */
export function bucketIndex(v: number, min: number, scale: number): number {
  const b = ((v - min) * scale) | 0;
  return b < LAST_BUCKET ? b : LAST_BUCKET;
}

/**
 * Counts of a sample's values in BUCKETS equal-width buckets over [min, max] (bucketIndex). A caller already passing over the sample
 * (statistics) fills `counts` there and hands them to orderStatistics, which then skips its own
 * counting pass.
 */
export interface ValueBuckets {
  min: number;
  scale: number;
  counts: Uint32Array;
}

/** Empty buckets for a sample of n values in [min, max]; null when selection would not use buckets (small sample, no or unusable range). */
export function valueBuckets(n: number, min: number, max: number): ValueBuckets | null {
  if (n <= BUCKET_THRESHOLD || !(max > min)) return null;
  const scale = BUCKETS / (max - min);
  // A range too small (denormal) or too large (overflow) for finite bucket indices: selection runs directly.
  if (!(scale > 0 && Number.isFinite(scale))) return null;
  return { min, scale, counts: new Uint32Array(BUCKETS) };
}

/**
 * The k-th smallest values for ascending, distinct ranks k. Large samples are bucketed by value
 * (one counting pass, one pass gathering only the buckets that hold a wanted rank), so the
 * selection runs on a few hundred values instead of the whole sample: about two cheap passes in
 * all. Concentrated data (most values in one bucket) stays correct, it is only slower.
 */
export function orderStatistics(
  a: SelectableArray,
  ranks: Float64Array,
  range?: { min: number; max: number },
  filled: ValueBuckets | null = null,
): Float64Array {
  const n = a.length;
  if (n <= BUCKET_THRESHOLD) return selectDirectly(a, ranks);
  let buckets = filled;
  if (!buckets) {
    const { min, max } = range ?? minMax(a);
    if (!(max > min)) return new Float64Array(ranks.length).fill(min);
    buckets = valueBuckets(n, min, max);
    if (!buckets) return selectDirectly(a, ranks);
    countBuckets(a, buckets);
  }
  const { min, scale, counts } = buckets;
  const out = new Float64Array(ranks.length);
  // Bucket of each rank and its offset inside the bucket; wanted buckets get a slot in `gathered`.
  const bucketOf = new Int32Array(ranks.length);
  const slotStart = new Int32Array(BUCKETS).fill(-1);
  let below = 0, b = 0, size = 0;
  for (let t = 0; t < ranks.length; t++) {
    const r = ranks[t]!;
    while (below + counts[b]! <= r) below += counts[b++]!;
    bucketOf[t] = b;
    if (slotStart[b] === -1) {
      slotStart[b] = size;
      size += counts[b]!;
    }
    out[t] = r - below; // offset inside the bucket, replaced by the value below
  }
  const gathered = new Float64Array(size);
  gatherBuckets(a, min, scale, slotStart.slice(), gathered);
  let t = 0;
  while (t < ranks.length) {
    const bucket = bucketOf[t]!;
    let u = t;
    while (u + 1 < ranks.length && bucketOf[u + 1] === bucket) u++;
    const segment = gathered.subarray(slotStart[bucket]!, slotStart[bucket]! + counts[bucket]!);
    const local = out.slice(t, u + 1);
    multiSelect(segment, local, 0, segment.length - 1, 0, local.length - 1);
    for (let q = t; q <= u; q++) out[q] = segment[local[q - t]!]!;
    t = u + 1;
  }
  return out;
}

// The passes over the whole sample are small functions of their own: V8 optimises them alone, with
// their arrays in registers rather than in a closure's context.

function selectDirectly(a: SelectableArray, ranks: Float64Array): Float64Array {
  multiSelect(a, ranks, 0, a.length - 1, 0, ranks.length - 1);
  return ranks.map((r) => a[r]!);
}

function minMax(a: SelectableArray): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let q = 0; q < a.length; q++) {
    const v = a[q]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function countBuckets(a: SelectableArray, buckets: ValueBuckets): void {
  const { min, scale, counts } = buckets;
  for (let q = 0; q < a.length; q++) counts[bucketIndex(a[q]!, min, scale)]!++;
}

/** Copies the values of the wanted buckets (fill[bucket] >= 0: its next slot in `gathered`) in one pass. */
function gatherBuckets(a: SelectableArray, min: number, scale: number, fill: Int32Array, gathered: Float64Array): void {
  for (let q = 0; q < a.length; q++) {
    const v = a[q]!;
    const slot = fill[bucketIndex(v, min, scale)]!;
    if (slot >= 0) {
      gathered[slot] = v;
      fill[bucketIndex(v, min, scale)] = slot + 1;
    }
  }
}

/** Places ranks[rlo..rhi] (ascending, all within [left, right]) at their sorted positions. */
function multiSelect(a: SelectableArray, ranks: Float64Array, left: number, right: number, rlo: number, rhi: number): void {
  if (rlo > rhi) return;
  const mid = (rlo + rhi) >>> 1;
  const r = ranks[mid]!;
  selectInPlace(a, r, left, right);
  multiSelect(a, ranks, left, r - 1, rlo, mid - 1);
  multiSelect(a, ranks, r + 1, right, mid + 1, rhi);
}

const SMALL_RANGE = 16;

/**
 * Introselect: after the call a[k] holds the k-th smallest element of a[left..right], everything
 * in a[left..k-1] is <= a[k] and everything in a[k+1..right] is >= a[k].
 * Quickselect with a median-of-three pivot and Hoare partitioning (which splits runs of equal values
 * evenly); if it exceeds 2*log2(n) + 8 rounds (adversarial input) the remaining range is sorted
 * natively, bounding the worst case at O(n log n). Small ranges are sorted natively as well.
 */
export function selectInPlace(a: SelectableArray, k: number, left = 0, right = a.length - 1): void {
  if (k < left || k > right) throw new HccError('INVALID_INPUT', `rank ${k} outside [${left}, ${right}]`);
  let budget = 2 * Math.ceil(Math.log2(right - left + 2)) + 8;
  while (right > left) {
    if (right - left < SMALL_RANGE || budget-- <= 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    const mid = (left + right) >>> 1;
    // Order a[left] <= a[mid] <= a[right]; the median becomes the pivot.
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // a[left..j] <= pivot, a[i..right] >= pivot, a[j+1..i-1] == pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: SelectableArray, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
