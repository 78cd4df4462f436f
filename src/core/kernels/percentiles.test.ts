import { describe, expect, it } from 'vitest';
import { sampleStats } from './intensity-stats';
import { percentilesInPlace, selectInPlace } from './percentiles';
import { prng } from './test-fixtures';

/** R-7 written out on a fully sorted copy: the reference the selection must equal. */
function referencePercentile(sorted: Float64Array, p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const PS = [0, 1, 10, 25, 33.3, 50, 75, 90, 99, 100];

describe('percentilesInPlace (R-7)', () => {
  it('hand-worked odd sample [3, 1, 2, 5, 4]', () => {
    const r = percentilesInPlace({ values: Float64Array.from([3, 1, 2, 5, 4]), percentiles: [50, 10, 25, 90, 0, 100] });
    // h = 4p/100: 50 -> x[2] = 3; 10 -> 1 + 0.4*(2-1); 25 -> x[1] = 2; 90 -> 4 + 0.6*(5-4)
    expect(r.values[0]).toBe(3);
    expect(r.values[1]).toBeCloseTo(1.4, 12);
    expect(r.values[2]).toBe(2);
    expect(r.values[3]).toBeCloseTo(4.6, 12);
    expect(r.values[4]).toBe(1);
    expect(r.values[5]).toBe(5);
  });

  it('even sample: the median is the mean of the middle pair', () => {
    expect(percentilesInPlace({ values: Float32Array.from([4, 1, 3, 2]), percentiles: [50] }).values).toEqual([2.5]);
  });

  it('single value and empty sample', () => {
    expect(percentilesInPlace({ values: Float64Array.from([7]), percentiles: [0, 50, 100] }).values).toEqual([7, 7, 7]);
    expect(percentilesInPlace({ values: new Float64Array(0), percentiles: [50] }).values).toEqual([null]);
  });

  it('refuses percentiles outside [0, 100]', () => {
    expect(() => percentilesInPlace({ values: Float64Array.from([1]), percentiles: [101] })).toThrow(/percentile/);
  });

  const rand = prng(2024);
  const cases: [string, Float64Array][] = [];
  for (const n of [2, 3, 17, 100, 1001, 20000]) cases.push([`uniform n=${n}`, Float64Array.from({ length: n }, () => rand() * 1000 - 500)]);
  cases.push(['many ties (integers 0..4)', Float64Array.from({ length: 5000 }, () => Math.floor(rand() * 5))]);
  cases.push(['all equal', new Float64Array(3000).fill(1.25)]);
  cases.push(['ascending', Float64Array.from({ length: 4000 }, (_, t) => t)]);
  cases.push(['descending', Float64Array.from({ length: 4000 }, (_, t) => -t)]);
  cases.push(['organ pipe', Float64Array.from({ length: 4001 }, (_, t) => Math.min(t, 4000 - t))]);
  cases.push(['normal n=100000 (bucketed path)', Float64Array.from({ length: 100000 }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()))]);
  cases.push(['concentrated: 95 % zeros, huge outliers', Float64Array.from({ length: 50000 }, () => (rand() < 0.95 ? 0 : rand() * 1e12))]);
  cases.push(['integer ADC-like values', Float64Array.from({ length: 30000 }, () => Math.round(800 + rand() * 1200))]);
  cases.push(['range overflowing float64 (max - min = Infinity)', Float64Array.from({ length: 6000 }, () => (rand() < 0.5 ? -1 : 1) * rand() * 1.7e308)]);
  cases.push(['denormal range', Float64Array.from({ length: 6000 }, () => Math.floor(rand() * 7) * 5e-324)]);
  cases.push(['negative zero and tiny values', Float64Array.from({ length: 999 }, (_, t) => (t % 3 === 0 ? -0 : (rand() - 0.5) * 1e-300))]);

  it.each(cases)('equals a reference sort: %s', (_, data) => {
    const sorted = data.slice().sort();
    const got = percentilesInPlace({ values: data.slice(), percentiles: PS }).values;
    // +0 normalises -0: selection treats -0 and 0 as equal, the sort orders them.
    PS.forEach((p, t) => expect(got[t]! + 0).toBe(referencePercentile(sorted, p) + 0));
  });

  it.each(cases)('the same with the sample range passed in (the pass sampleStats spares): %s', (_, data) => {
    const sorted = data.slice().sort();
    const range = { min: sorted[0]!, max: sorted[sorted.length - 1]! };
    const got = percentilesInPlace({ values: data.slice(), percentiles: PS, range }).values;
    PS.forEach((p, t) => expect(got[t]! + 0).toBe(referencePercentile(sorted, p) + 0));
  });

  // sampleStats fills the selection's buckets during its own pass over the sample: the percentiles it
  // reports must still be those of a sort, on every shape of data.
  it.each(cases)('sampleStats (buckets filled in its fused pass) equals a reference sort: %s', (_, data) => {
    const sorted = data.slice().sort();
    const s = sampleStats({ values: data.slice() });
    const want = [10, 25, 50, 75, 90].map((p) => referencePercentile(sorted, p) + 0);
    expect([s.p10! + 0, s.p25! + 0, s.median! + 0, s.p75! + 0, s.p90! + 0]).toEqual(want);
    expect([s.min, s.max]).toEqual([sorted[0], sorted[sorted.length - 1]]);
  });

  it('Float32 input gives the same as the float32 values sorted', () => {
    const data = Float32Array.from({ length: 2345 }, () => rand() * 3);
    const sorted = Float64Array.from(data).sort();
    const got = percentilesInPlace({ values: data, percentiles: PS }).values;
    PS.forEach((p, t) => expect(got[t]).toBeCloseTo(referencePercentile(sorted, p), 6));
  });
});

describe('selectInPlace', () => {
  it('partitions around the k-th smallest', () => {
    const rand = prng(5);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const a = Float64Array.from({ length: n }, () => Math.floor(rand() * 50));
      const sorted = a.slice().sort();
      const k = Math.floor(rand() * n);
      selectInPlace(a, k);
      expect(a[k]).toBe(sorted[k]);
      for (let t = 0; t < k; t++) expect(a[t]).toBeLessThanOrEqual(a[k]!);
      for (let t = k + 1; t < n; t++) expect(a[t]).toBeGreaterThanOrEqual(a[k]!);
    }
  });
});
