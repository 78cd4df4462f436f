import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { combineMasks, intersectMasks, subtractMasks, unionMasks } from './mask-ops';
import {
  emptySparseMask,
  nonEmptySlices,
  planeFromWindow,
  sparseBox,
  sparseFromMask3D,
  sparseToMask3D,
  sparseVoxel,
  sparseVoxelCount,
} from './sparse-mask';
import { grid, maskFromArt, sliceArt } from './test-fixtures';

const g = grid([6, 4, 3]);

describe('sparse masks', () => {
  it('store each slice over its tight box', () => {
    const m = maskFromArt(g, { 1: ['......', '..##..', '...#..', '......'] });
    expect(m.planes[0]).toBeNull();
    expect(m.planes[1]).toMatchObject({ i0: 2, j0: 1, width: 2, height: 2 });
    expect(Array.from(m.planes[1]!.data)).toEqual([1, 1, 0, 1]);
    expect(sparseVoxelCount(m)).toBe(3);
    expect(sparseBox(m)).toEqual({ min: [2, 1, 1], max: [3, 2, 1] });
    expect(sparseVoxel(m, 3, 2, 1)).toBe(1);
    expect(sparseVoxel(m, 2, 2, 1)).toBe(0);
    expect(nonEmptySlices(m)).toEqual([1]);
  });

  it('convert to and from full-size masks exactly (labels > 1 count as set, the input is not aliased)', () => {
    const m = maskFromArt(g, { 0: ['#.....', '......', '......', '.....#'], 2: ['......', '.###..', '......', '......'] });
    const dense = sparseToMask3D(m);
    expect(dense.voxelCount).toBe(5);
    expect(dense.box).toEqual({ min: [0, 0, 0], max: [5, 3, 2] });
    expect(dense.mask.data[0]).toBe(1);
    expect(dense.mask.data[5 + 3 * 6]).toBe(1);
    expect(dense.mask.data[1 + 1 * 6 + 2 * 24]).toBe(1);
    dense.mask.data[0] = 7;
    const back = sparseFromMask3D(dense.mask);
    expect(sliceArt(back, 0)).toEqual(sliceArt(m, 0));
    expect(sliceArt(back, 2)).toEqual(sliceArt(m, 2));
    expect(back.planes[0]!.data[0]).toBe(1);
    dense.mask.data.fill(0);
    expect(sparseVoxelCount(back)).toBe(5);
  });

  it('planeFromWindow clips to the grid and returns null for nothing', () => {
    const data = Uint8Array.from([1, 1, 1, 1]);
    expect(planeFromWindow(data, { i0: -1, j0: 3, width: 2, height: 2 }, g)).toMatchObject({ i0: 0, j0: 3, width: 1, height: 1 });
    expect(planeFromWindow(new Uint8Array(4), { i0: 0, j0: 0, width: 2, height: 2 }, g)).toBeNull();
  });
});

describe('mask set operations', () => {
  const a = maskFromArt(g, { 0: ['###...', '###...', '......', '......'], 1: ['#.....', '......', '......', '......'] });
  const b = maskFromArt(g, { 0: ['..###.', '..###.', '......', '......'], 2: ['......', '......', '......', '.....#'] });

  it('union, subtract, intersect voxel by voxel', () => {
    const u = unionMasks(a, b);
    expect(sliceArt(u, 0)).toEqual(['#####.', '#####.', '......', '......']);
    expect(sparseVoxelCount(u)).toBe(10 + 1 + 1);
    const s = subtractMasks(a, b);
    expect(sliceArt(s, 0)).toEqual(['##....', '##....', '......', '......']);
    expect(sparseVoxelCount(s)).toBe(4 + 1);
    const x = intersectMasks(a, b);
    expect(sliceArt(x, 0)).toEqual(['..#...', '..#...', '......', '......']);
    expect(nonEmptySlices(x)).toEqual([0]);
  });

  it('shares untouched planes with the input (no copy)', () => {
    const u = unionMasks(a, b);
    expect(u.planes[1]).toBe(a.planes[1]);
    expect(u.planes[2]).toBe(b.planes[2]);
    expect(subtractMasks(a, b).planes[1]).toBe(a.planes[1]);
    const same = unionMasks(a, emptySparseMask(g));
    expect(same.planes[0]).toBe(a.planes[0]);
    expect(intersectMasks(a, a).planes[0]).toBe(a.planes[0]);
  });

  it('refuses masks of different grids', () => {
    const other = emptySparseMask(grid([6, 4, 3], [1, 1, 2]));
    expect(() => combineMasks(a, other, 'union')).toThrow(HccError);
    try {
      combineMasks(a, other, 'union');
    } catch (e) {
      expect((e as HccError).code).toBe('GEOMETRY_MISMATCH');
    }
  });
});
