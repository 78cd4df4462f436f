import { describe, expect, it } from 'vitest';
import type { GridGeometry } from '../types/volume';
import { emptySparseMask, withPlanes, type PlaneMask } from './sparse-mask';
import { lesionViewPointLps } from './view-point';

const grid: GridGeometry = { dims: [10, 10, 4], spacingMm: [2, 3, 5], originLps: [100, -50, 20], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const plane = (i0: number, j0: number, width: number, height: number, bits: number[]): PlaneMask => ({ i0, j0, width, height, data: Uint8Array.from(bits) });

describe('lesionViewPointLps', () => {
  it('is the centroid of the largest slice, in patient mm', () => {
    // slice 1: 2 voxels; slice 2: 3 voxels at (4,6), (5,6), (6,7) -> centroid i = 5, j = 19/3
    const mask = withPlanes(emptySparseMask(grid), new Map([
      [1, plane(0, 0, 2, 1, [1, 1])],
      [2, plane(4, 6, 3, 2, [1, 1, 0, 0, 0, 1])],
    ]));
    const p = lesionViewPointLps(mask)!;
    expect(p[0]).toBeCloseTo(100 + 5 * 2, 12);
    expect(p[1]).toBeCloseTo(-50 + (19 / 3) * 3, 12);
    expect(p[2]).toBeCloseTo(20 + 2 * 5, 12);
  });

  it('takes the lower slice on a tie and is null for an empty mask', () => {
    const mask = withPlanes(emptySparseMask(grid), new Map([
      [3, plane(0, 0, 1, 1, [1])],
      [0, plane(9, 9, 1, 1, [1])],
    ]));
    expect(lesionViewPointLps(mask)).toEqual([118, -23, 20]);
    expect(lesionViewPointLps(emptySparseMask(grid))).toBeNull();
  });
});
