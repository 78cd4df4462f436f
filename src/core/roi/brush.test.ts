import { describe, expect, it } from 'vitest';
import type { Vec3, Volume3D } from '../types/volume';
import { brushPatch, lpsToBrushCentre, strokePatch } from './brush';
import { nonEmptySlices, sparseVoxelCount } from './sparse-mask';
import { grid, sliceArt } from './test-fixtures';
import { thresholdBrushPatch } from './threshold-brush';

describe('circle and sphere brushes (centre within the radius, boundary included)', () => {
  const g = grid([9, 9, 5]);

  it('radius 1 mm on 1 mm pixels: the centre and its 4 neighbours; 1.5 mm adds the diagonals', () => {
    const p = brushPatch({ grid: g, shape: 'circle', centreIjk: [4, 4, 2], radiusMm: 1 });
    expect(nonEmptySlices(p)).toEqual([2]);
    expect(sliceArt(p, 2).slice(3, 6)).toEqual(['....#....', '...###...', '....#....']);
    expect(sparseVoxelCount(brushPatch({ grid: g, shape: 'circle', centreIjk: [4, 4, 2], radiusMm: 1.5 }))).toBe(9);
  });

  it('stays round in mm on anisotropic pixels (0.5 x 2 mm, radius 2 mm)', () => {
    // dj = 0: |di| * 0.5 <= 2 -> di in -4..4 (9 voxels); dj = +-1: (di * 0.5)^2 <= 0 -> di = 0. Total 11.
    const ga = grid([13, 5, 1], [0.5, 2, 3]);
    const p = brushPatch({ grid: ga, shape: 'circle', centreIjk: [6, 2, 0], radiusMm: 2 });
    expect(sliceArt(p, 0)).toEqual(['.............', '......#......', '..#########..', '......#......', '.............']);
  });

  it('sphere: radius 2 mm with 2 mm slices = 13 voxels in the centre slice + 1 above + 1 below', () => {
    const gs = grid([9, 9, 5], [1, 1, 2]);
    const p = brushPatch({ grid: gs, shape: 'sphere', centreIjk: [4, 4, 2], radiusMm: 2 });
    expect(nonEmptySlices(p)).toEqual([1, 2, 3]);
    expect(sparseVoxelCount(p)).toBe(15);
    expect(sparseVoxelCount(brushPatch({ grid: g, shape: 'sphere', centreIjk: [4, 4, 2], radiusMm: 1 }))).toBe(7);
  });

  it('clips at the image edge, takes the slice nearest the centre, accepts LPS centres', () => {
    expect(sparseVoxelCount(brushPatch({ grid: g, shape: 'circle', centreIjk: [0, 0, 1.4], radiusMm: 1 }))).toBe(3);
    const go = grid([9, 9, 5], [1, 1, 1], [100, 200, 300]);
    const centre = lpsToBrushCentre(go, [104, 204, 302] as Vec3);
    expect(centre).toEqual([4, 4, 2]);
  });

  it('a stroke is the union of its dabs', () => {
    const p = strokePatch({ grid: g, shape: 'circle', radiusMm: 1, centresIjk: [[2, 4, 2], [3, 4, 2], [4, 4, 2]] });
    expect(sliceArt(p, 2).slice(3, 6)).toEqual(['..###....', '.#####...', '..###....']);
  });

  it('refuses a non-positive radius', () => {
    expect(() => brushPatch({ grid: g, shape: 'circle', centreIjk: [1, 1, 1], radiusMm: 0 })).toThrow(/radius/);
  });
});

describe('threshold brush with island removal', () => {
  // Two bright blobs (value 100) on a dark background (10), both inside a 3-voxel brush.
  const g = grid([9, 5, 3]);
  const rows = ['.........', '.##...##.', '.##...##.', '.........', '.........'];
  const data = new Float32Array(9 * 5 * 3).fill(10);
  for (const k of [0, 1]) rows.forEach((r, j) => [...r].forEach((ch, i) => { if (ch === '#') data[i + j * 9 + k * 45] = 100; }));
  data[4 + 2 * 9 + 1 * 45] = Number.NaN;
  const image: Volume3D = { ...g, data };

  it('keeps only the in-range part connected to the click', () => {
    const p = thresholdBrushPatch({ image, shape: 'circle', centreIjk: [2, 2, 1], radiusMm: 6, rangeMin: 50, rangeMax: 150 });
    expect(sliceArt(p, 1)).toEqual(['.........', '.##......', '.##......', '.........', '.........']);
  });

  it('without island removal keeps every in-range voxel of the footprint (NaN never in range)', () => {
    const p = thresholdBrushPatch({ image, shape: 'circle', centreIjk: [4, 2, 1], radiusMm: 6, rangeMin: 50, rangeMax: 150, removeIslands: false });
    expect(sparseVoxelCount(p)).toBe(8);
    const dark = thresholdBrushPatch({ image, shape: 'circle', centreIjk: [4, 2, 1], radiusMm: 1, rangeMin: 0, rangeMax: 20, removeIslands: false });
    expect(sparseVoxelCount(dark)).toBe(4); // the 5 voxels of the dab minus the NaN centre
  });

  it('range ends are included; a click outside the range gives nothing', () => {
    expect(sparseVoxelCount(thresholdBrushPatch({ image, shape: 'circle', centreIjk: [2, 2, 1], radiusMm: 6, rangeMin: 100, rangeMax: 100 }))).toBe(4);
    expect(sparseVoxelCount(thresholdBrushPatch({ image, shape: 'circle', centreIjk: [4, 3, 1], radiusMm: 6, rangeMin: 50, rangeMax: 150 }))).toBe(0);
  });

  it('sphere: the component is followed across slices (6-connected)', () => {
    const p = thresholdBrushPatch({ image, shape: 'sphere', centreIjk: [7, 1, 1], radiusMm: 6, rangeMin: 50, rangeMax: 150 });
    expect(nonEmptySlices(p)).toEqual([0, 1]);
    expect(sparseVoxelCount(p)).toBe(8);
  });
});
