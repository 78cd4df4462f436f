import { describe, expect, it } from 'vitest';
import { squaredDistanceMap2d } from './distance-transform';
import { interpolateSlices } from './interpolate';
import { intersectMasks, subtractMasks, unionMasks } from './mask-ops';
import { nonEmptySlices, planeVoxelCount, sparseVoxel, sparseVoxelCount } from './sparse-mask';
import { grid, maskWhere, prng, voxelSet } from './test-fixtures';

describe('distance transform', () => {
  it('equals brute force on random images with anisotropic pixels', () => {
    const rand = prng(7);
    for (const [w, h, sx, sy] of [[13, 9, 0.7, 1.9], [1, 6, 1, 1], [8, 1, 2, 0.5], [11, 11, 1, 1]] as const) {
      const image = Uint8Array.from({ length: w * h }, () => (rand() < 0.15 ? 1 : 0));
      const d = squaredDistanceMap2d(image, w, h, [sx, sy], 1);
      for (let j = 0; j < h; j++) {
        for (let i = 0; i < w; i++) {
          let best = Infinity;
          for (let q = 0; q < h; q++) for (let p = 0; p < w; p++) if (image[p + q * w] === 1) best = Math.min(best, ((p - i) * sx) ** 2 + ((q - j) * sy) ** 2);
          expect(d[i + j * w]).toBeCloseTo(best, 9);
        }
      }
    }
  });

  it('is Infinity everywhere when there is no site', () => {
    expect(Array.from(squaredDistanceMap2d(new Uint8Array(6), 3, 2, [1, 1], 1))).toEqual(Array(6).fill(Infinity));
  });
});

describe('slice interpolation by signed distance', () => {
  const disc = (ci: number, cj: number, rMm: number, sx = 1, sy = 1) => (i: number, j: number) => ((i - ci) * sx) ** 2 + ((j - cj) * sy) ** 2 <= rMm * rMm;
  const dist = (i: number, j: number, ci: number, cj: number, sx = 1, sy = 1) => Math.hypot((i - ci) * sx, (j - cj) * sy);

  it('two discs (r = 4 and 12 mm, 8 slices apart) give discs of radius 4 + k mm in between, within a voxel', () => {
    const g = grid([41, 41, 9], [1, 1, 2]);
    const drawn = maskWhere(g, (i, j, k) => (k === 0 && disc(20, 20, 4)(i, j)) || (k === 8 && disc(20, 20, 12)(i, j)));
    const { mask, filledSlices } = interpolateSlices(drawn);
    expect(filledSlices).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (let k = 1; k < 8; k++) {
      const r = 4 + k;
      for (let j = 0; j < 41; j++) {
        for (let i = 0; i < 41; i++) {
          const d = dist(i, j, 20, 20);
          if (d <= r - 1) expect(sparseVoxel(mask, i, j, k), `slice ${k} (${i}, ${j}) at ${d.toFixed(2)} mm`).toBe(1);
          if (d >= r + 1) expect(sparseVoxel(mask, i, j, k), `slice ${k} (${i}, ${j}) at ${d.toFixed(2)} mm`).toBe(0);
        }
      }
      // Area within one voxel ring of pi r^2.
      const area = planeVoxelCount(mask.planes[k]!);
      expect(Math.abs(area - Math.PI * r * r)).toBeLessThan(2 * Math.PI * r);
    }
  });

  it('works in mm on anisotropic pixels (0.5 x 1 mm): radius 3 -> 9 mm over 6 slices', () => {
    const g = grid([41, 25, 7], [0.5, 1, 3]);
    const drawn = maskWhere(g, (i, j, k) => (k === 0 && disc(20, 12, 3, 0.5, 1)(i, j)) || (k === 6 && disc(20, 12, 9, 0.5, 1)(i, j)));
    const { mask } = interpolateSlices(drawn);
    const r = 6; // slice 3, halfway
    for (let j = 0; j < 25; j++) {
      for (let i = 0; i < 41; i++) {
        const d = dist(i, j, 20, 12, 0.5, 1);
        if (d <= r - 1) expect(sparseVoxel(mask, i, j, 3)).toBe(1);
        if (d >= r + 1) expect(sparseVoxel(mask, i, j, 3)).toBe(0);
      }
    }
  });

  it('shape change (square -> off-centre disc): every filled slice holds the intersection and stays within the union', () => {
    const g = grid([30, 30, 5]);
    const square = (i: number, j: number) => Math.abs(i - 12) <= 6 && Math.abs(j - 12) <= 6;
    const round = disc(17, 15, 7);
    const drawn = maskWhere(g, (i, j, k) => (k === 0 && square(i, j)) || (k === 4 && round(i, j)));
    const both = maskWhere(g, (i, j, k) => k > 0 && k < 4 && square(i, j) && round(i, j));
    const either = maskWhere(g, (i, j, k) => k > 0 && k < 4 && (square(i, j) || round(i, j)));
    const { mask, filledSlices } = interpolateSlices(drawn);
    expect(filledSlices).toEqual([1, 2, 3]);
    const middle = maskWhere(g, (i, j, k) => k > 0 && k < 4 && sparseVoxel(mask, i, j, k) === 1);
    expect(sparseVoxelCount(subtractMasks(both, middle))).toBe(0);
    expect(sparseVoxelCount(subtractMasks(middle, either))).toBe(0);
    // It really changes shape: slice 1 is nearer the square, slice 3 nearer the disc.
    const sq = maskWhere(g, (i, j) => square(i, j));
    const rd = maskWhere(g, (i, j) => round(i, j));
    const at = (k: number) => maskWhere(g, (i, j) => sparseVoxel(mask, i, j, k) === 1);
    const overlap = (a: typeof sq, b: typeof sq) => sparseVoxelCount(intersectMasks(a, b)) / sparseVoxelCount(unionMasks(a, b));
    expect(overlap(at(1), sq)).toBeGreaterThan(overlap(at(1), rd));
    expect(overlap(at(3), rd)).toBeGreaterThan(overlap(at(3), sq));
  });

  it('a disc shifted sideways gives the two-focus ellipse the method defines (mean distance to the centres < r)', () => {
    // phi_a ~ |p - c0| - r and phi_b ~ |p - c1| - r, so halfway phi < 0 where |p - c0| + |p - c1| < 2r.
    const g = grid([31, 25, 3]);
    const drawn = maskWhere(g, (i, j, k) => (k === 0 && disc(12, 12, 6)(i, j)) || (k === 2 && disc(18, 12, 6)(i, j)));
    const { mask } = interpolateSlices(drawn);
    for (let j = 0; j < 25; j++) {
      for (let i = 0; i < 31; i++) {
        const sum = dist(i, j, 12, 12) + dist(i, j, 18, 12);
        if (sum <= 12 - 2) expect(sparseVoxel(mask, i, j, 1)).toBe(1);
        if (sum >= 12 + 2) expect(sparseVoxel(mask, i, j, 1)).toBe(0);
      }
    }
  });

  it('never changes drawn slices, fills only inside gaps, is idempotent, honours maxGapSlices', () => {
    const g = grid([12, 12, 12]);
    const drawn = maskWhere(g, (i, j, k) => [2, 5, 11].includes(k) && disc(6, 6, 3)(i, j));
    const once = interpolateSlices(drawn);
    expect(once.filledSlices).toEqual([3, 4, 6, 7, 8, 9, 10]);
    for (const k of [2, 5, 11]) expect(once.mask.planes[k]).toBe(drawn.planes[k]);
    expect(nonEmptySlices(once.mask)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Same shape at both ends: the filled slices are that shape.
    expect(voxelSet(maskWhere(g, (i, j, k) => k === 4 && sparseVoxel(once.mask, i, j, 4) === 1))).toEqual(
      voxelSet(maskWhere(g, (i, j, k) => k === 4 && disc(6, 6, 3)(i, j))),
    );
    const twice = interpolateSlices(once.mask);
    expect(twice.filledSlices).toEqual([]);
    expect(twice.mask).toBe(once.mask);
    expect(interpolateSlices(drawn, { maxGapSlices: 2 }).filledSlices).toEqual([3, 4]);
  });
});
