import { describe, expect, it } from 'vitest';
import { boxVoxelCount, clipBoxToGrid, intersectBox, maskBoundingBox, unionBox } from './bounding-box';
import { emptyMask, grid, index, maskWith, prng } from './test-fixtures';
import type { Mask3D, Vec3 } from '../types/volume';

describe('maskBoundingBox', () => {
  it('returns null and 0 for an empty mask', () => {
    expect(maskBoundingBox({ mask: emptyMask(grid([5, 4, 3])) })).toEqual({ box: null, voxelCount: 0 });
  });

  it('finds a hand-placed box in a 5x4x3 grid', () => {
    const g = grid([5, 4, 3], [0.5, 2, 3]);
    const m = maskWith(g, [[1, 2, 0], [3, 1, 2], [2, 3, 1]]);
    expect(maskBoundingBox({ mask: m })).toEqual({ box: { min: [1, 1, 0], max: [3, 3, 2] }, voxelCount: 3 });
  });

  it('sees the first and last voxel and labels other than 1', () => {
    const g = grid([3, 3, 3]);
    const m = maskWith(g, [[0, 0, 0], [2, 2, 2]], 255);
    expect(maskBoundingBox({ mask: m })).toEqual({ box: { min: [0, 0, 0], max: [2, 2, 2] }, voxelCount: 2 });
  });

  it('matches a brute-force scan on random sparse masks at unaligned byte offsets', () => {
    const rand = prng(7);
    for (let trial = 0; trial < 40; trial++) {
      const dims: Vec3 = [1 + Math.floor(rand() * 13), 1 + Math.floor(rand() * 9), 1 + Math.floor(rand() * 7)];
      const n = dims[0] * dims[1] * dims[2];
      const offset = trial % 4;
      const backing = new Uint8Array(n + 8).fill(9); // non-zero bytes around the view must be ignored
      const data = new Uint8Array(backing.buffer, offset, n).fill(0);
      const density = trial % 5 === 0 ? 0 : rand() * 0.05;
      for (let t = 0; t < n; t++) if (rand() < density) data[t] = 1 + Math.floor(rand() * 3);
      const mask: Mask3D = { ...grid(dims), data };
      let min: Vec3 = [Infinity, Infinity, Infinity];
      let max: Vec3 = [-1, -1, -1];
      let count = 0;
      for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
        if (data[index(mask, i, j, k)] === 0) continue;
        count++;
        min = [Math.min(min[0], i), Math.min(min[1], j), Math.min(min[2], k)];
        max = [Math.max(max[0], i), Math.max(max[1], j), Math.max(max[2], k)];
      }
      expect(maskBoundingBox({ mask })).toEqual({ box: count ? { min, max } : null, voxelCount: count });
    }
  });
});

describe('box helpers', () => {
  const a = { min: [0, 0, 0] as Vec3, max: [2, 3, 1] as Vec3 };
  const b = { min: [1, 2, 1] as Vec3, max: [5, 5, 5] as Vec3 };
  it('union, intersection, clipping and size', () => {
    expect(unionBox(a, b)).toEqual({ min: [0, 0, 0], max: [5, 5, 5] });
    expect(unionBox(null, b)).toBe(b);
    expect(intersectBox(a, b)).toEqual({ min: [1, 2, 1], max: [2, 3, 1] });
    expect(intersectBox(a, { min: [3, 0, 0], max: [4, 1, 1] })).toBeNull();
    expect(clipBoxToGrid({ min: [-2, 1, 0], max: [9, 2, 9] }, grid([4, 4, 4]))).toEqual({ min: [0, 1, 0], max: [3, 2, 3] });
    expect(boxVoxelCount(a)).toBe(3 * 4 * 2);
  });
});
