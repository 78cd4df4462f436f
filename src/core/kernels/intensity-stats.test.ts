import { describe, expect, it } from 'vitest';
import { intensityStats, maskedValues, sampleStats } from './intensity-stats';
import { grid, index, maskWith, prng, volumeOf } from './test-fixtures';
import type { Vec3 } from '../types/volume';

describe('intensityStats on a hand-made 3x3x3 volume', () => {
  const g = grid([3, 3, 3], [0.7, 0.7, 3]);
  // Value = linear index, so voxel (i, j, k) holds i + 3j + 9k.
  const vol = volumeOf(g, Float32Array.from({ length: 27 }, (_, t) => t));
  const inMask: Vec3[] = [[0, 0, 0], [1, 0, 0], [2, 1, 0], [1, 1, 1], [2, 2, 2]]; // values 0, 1, 5, 13, 26
  const mask = maskWith(g, inMask);

  it('count, mean, sample SD, min, max, percentiles', () => {
    const s = intensityStats({ volume: vol, mask });
    expect(s.count).toBe(5);
    expect(s.maskVoxels).toBe(5);
    expect(s.mean).toBeCloseTo(9, 12); // 45 / 5
    // deviations -9 -8 -4 4 17: squares 81 64 16 16 289 = 466; / 4
    expect(s.sd).toBeCloseTo(Math.sqrt(466 / 4), 12);
    expect(s.min).toBe(0);
    expect(s.max).toBe(26);
    expect(s.median).toBe(5);
    expect(s.p10).toBeCloseTo(0.4, 12); // h = 0.4
    expect(s.p25).toBe(1); // h = 1
    expect(s.p75).toBe(13); // h = 3
    expect(s.p90).toBeCloseTo(13 + 0.6 * 13, 12); // h = 3.6
  });

  it('histogram: equal bins over [min, max], the maximum in the last bin', () => {
    const s = intensityStats({ volume: vol, mask, histogram: { bins: 4 } });
    // width 6.5: [0,6.5) 0 1 5 | [6.5,13) - | [13,19.5) 13 | [19.5,26] 26
    expect(Array.from(s.histogram!.edges)).toEqual([0, 6.5, 13, 19.5, 26]);
    expect(Array.from(s.histogram!.counts)).toEqual([3, 0, 1, 1]);
  });

  it.each([7, 10, 64])('histogram bins follow their edges exactly (edges[b] <= v < edges[b + 1]), values on edges included: %d bins', (bins) => {
    const rand = prng(77 + bins);
    // Integers 0..100 (on the edges of 10 bins) mixed with uniform values.
    const values = Float64Array.from({ length: 3000 }, (_, t) => (t % 2 === 0 ? Math.floor(rand() * 101) : rand() * 100));
    values[0] = 0;
    values[1] = 100;
    const h = sampleStats({ values: values.slice(), histogram: { bins } }).histogram!;
    const expected = new Array<number>(bins).fill(0);
    for (const v of values) {
      let b = 0;
      while (b < bins - 1 && v >= h.edges[b + 1]!) b++; // linear search over the edges, the last bin closed
      expected[b]!++;
    }
    expect(Array.from(h.counts)).toEqual(expected);
  });

  it('explicit histogram range counts values outside it', () => {
    const s = intensityStats({ volume: vol, mask, histogram: { bins: 2, min: 1, max: 13 } });
    expect(Array.from(s.histogram!.counts)).toEqual([2, 1]); // [1,7): 1 5; [7,13]: 13
    expect(s.histogram!.belowRange).toBe(1);
    expect(s.histogram!.aboveRange).toBe(1);
  });

  it('exclusion mask and non-finite values are left out and counted', () => {
    const v2 = volumeOf(g, vol.data.slice());
    v2.data[index(g, 1, 1, 1)] = NaN;
    const s = intensityStats({ volume: v2, mask, exclude: maskWith(g, [[2, 2, 2], [0, 2, 0]]) });
    expect(s.maskVoxels).toBe(5);
    expect(s.excludedVoxels).toBe(1);
    expect(s.nonFiniteVoxels).toBe(1);
    expect(s.count).toBe(3);
    expect(s.mean).toBeCloseTo(2, 12); // 0 1 5
  });

  it('a given bounding box limits the voxels visited', () => {
    const s = intensityStats({ volume: vol, mask, box: { min: [0, 0, 0], max: [2, 2, 0] } });
    expect(s.count).toBe(3);
  });

  it('an empty mask gives nulls, a single voxel a null SD', () => {
    const e = intensityStats({ volume: vol, mask: maskWith(g, []) });
    expect(e.count).toBe(0);
    expect(e.mean).toBeNull();
    expect(e.median).toBeNull();
    expect(e.histogram).toBeNull();
    const one = intensityStats({ volume: vol, mask: maskWith(g, [[1, 2, 1]]) });
    expect(one.mean).toBe(16);
    expect(one.sd).toBeNull();
    expect(one.median).toBe(16);
  });

  it('refuses a mask from another grid', () => {
    const other = maskWith(grid([3, 3, 3], [0.7, 0.7, 2.5]), [[0, 0, 0]]);
    expect(() => intensityStats({ volume: vol, mask: other })).toThrow(expect.objectContaining({ code: 'GEOMETRY_MISMATCH' }));
  });
});

describe('sampleStats numerics', () => {
  it('keeps the SD exact on a large offset (two-pass)', () => {
    const v = Float64Array.from([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    const s = sampleStats({ values: v });
    expect(s.mean).toBe(1e9 + 10);
    expect(s.sd).toBeCloseTo(Math.sqrt(90 / 3), 9);
  });

  it('matches naive float64 formulas on random data', () => {
    const rand = prng(11);
    const data = Float64Array.from({ length: 5000 }, () => 1000 + rand() * 500);
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    const sd = Math.sqrt(data.reduce((a, b) => a + (b - mean) ** 2, 0) / (data.length - 1));
    const s = sampleStats({ values: data.slice() });
    expect(s.mean).toBeCloseTo(mean, 9);
    expect(s.sd).toBeCloseTo(sd, 9);
    expect(s.histogram!.counts.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('histogram counts of the fused pass equal bins counted one value at a time (explicit range, values outside it)', () => {
    const rand = prng(5);
    const data = Float64Array.from({ length: 9000 }, () => rand() * 1200 - 100);
    const spec = { bins: 10, min: 0, max: 1000 };
    const want = new Array<number>(10).fill(0);
    let below = 0, above = 0;
    for (const v of data) {
      if (v < 0) below++;
      else if (v > 1000) above++;
      else want[Math.min(9, Math.floor(v / 100))]!++;
    }
    const h = sampleStats({ values: data.slice(), histogram: spec }).histogram!;
    expect([...h.counts]).toEqual(want);
    expect([h.belowRange, h.aboveRange]).toEqual([below, above]);
  });

  it('moments handed in by maskedValues give the same statistics as computing them here', () => {
    const g = grid([40, 30, 12], [1, 1, 2]);
    const rand = prng(8);
    const vol = volumeOf(g, Float32Array.from({ length: 40 * 30 * 12 }, () => rand() * 900));
    const mask = { ...g, data: Uint8Array.from({ length: 40 * 30 * 12 }, () => (rand() < 0.7 ? 1 : 0)) };
    const fused = intensityStats({ volume: vol, mask });
    const sel = maskedValues({ volume: vol, mask });
    const plain = sampleStats({ values: sel.values.slice() });
    expect(fused.count).toBeGreaterThan(4096); // the bucketed selection
    expect({ ...fused, maskVoxels: 0, excludedVoxels: 0, nonFiniteVoxels: 0 }).toEqual({ ...plain, maskVoxels: 0, excludedVoxels: 0, nonFiniteVoxels: 0 });
  });
});
