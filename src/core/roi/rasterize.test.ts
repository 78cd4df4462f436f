import { describe, expect, it } from 'vitest';
import type { Direction3, Vec3 } from '../types/volume';
import { rasterizePolygonIjk, rasterizePolygonLps } from './rasterize';
import type { PointUv } from './rasterize';
import { nonEmptySlices, sparseVoxelCount } from './sparse-mask';
import { centreLps, grid, prng, sliceArt, voxelSet } from './test-fixtures';

const g8 = grid([8, 8, 4]);
const art = (rings: PointUv[][], k = 1, g = g8) => sliceArt(rasterizePolygonIjk({ grid: g, sliceIndex: k, rings }), k);

// The U of the concave test: a 6 x 6 square with a 2 x 4 notch from the bottom: area 36 - 8 = 28.
const U: PointUv[] = [[0, 0], [6, 0], [6, 6], [4, 6], [4, 2], [2, 2], [2, 6], [0, 6]];
const U_ART = ['######..', '######..', '##..##..', '##..##..', '##..##..', '##..##..', '........', '........'];

describe('polygon rasterisation by voxel centre (top-left rule)', () => {
  it('convex: right triangle, centres on the hypotenuse (a right edge) are outside', () => {
    // Centres (i, j) with i, j >= 0 and i + j < 4: 4 + 3 + 2 + 1 = 10.
    expect(art([[[0, 0], [4, 0], [0, 4]]])).toEqual(['####....', '###.....', '##......', '#.......', '........', '........', '........', '........']);
  });

  it('ties: a diamond through voxel centres keeps its left/top edges, drops right/bottom edges and the top vertex', () => {
    // Edges x = 2 - j, 2 + j (j in [0, 2)), x = j - 2, 6 - j (j in [2, 4)); row j: left <= i < right.
    // j=0: [2, 2) empty; j=1: [1, 3); j=2: [0, 4); j=3: [1, 3); j=4 is the bottom vertex: no row. 8 voxels = the area.
    expect(art([[[2, 0], [4, 2], [2, 4], [0, 2]]])).toEqual(['........', '.##.....', '####....', '.##.....', '........', '........', '........', '........']);
  });

  it('an integer rectangle covers exactly its area; a half-offset one the centres inside it', () => {
    expect(sparseVoxelCount(rasterizePolygonIjk({ grid: g8, sliceIndex: 0, rings: [[[1, 1], [6, 1], [6, 4], [1, 4]]] }))).toBe(15);
    expect(art([[[0.5, 0.5], [2.5, 0.5], [2.5, 2.5], [0.5, 2.5]]])).toEqual(['........', '.##.....', '.##.....', '........', '........', '........', '........', '........']);
  });

  it('concave: a U shape (28 = its area), either winding', () => {
    expect(art([U])).toEqual(U_ART);
    expect(art([[...U].reverse()])).toEqual(U_ART);
  });

  it('holes by even-odd, whatever the ring orientation; 64 - 16 = 48', () => {
    const outer: PointUv[] = [[0, 0], [8, 0], [8, 8], [0, 8]];
    const inner: PointUv[] = [[2, 2], [6, 2], [6, 6], [2, 6]];
    const g = grid([10, 10, 1]);
    for (const hole of [inner, [...inner].reverse()]) {
      const m = rasterizePolygonIjk({ grid: g, sliceIndex: 0, rings: [outer, hole] });
      expect(sparseVoxelCount(m)).toBe(48);
      expect(sliceArt(m, 0)[3]).toBe('##....##..');
    }
  });

  it('clips polygons reaching outside the image', () => {
    const m = rasterizePolygonIjk({ grid: g8, sliceIndex: 3, rings: [[[-2, -2], [3, -2], [3, 3], [-2, 3]]] });
    expect(sparseVoxelCount(m)).toBe(9);
    expect(nonEmptySlices(m)).toEqual([3]);
    expect(sparseVoxelCount(rasterizePolygonIjk({ grid: g8, sliceIndex: 0, rings: [[[20, 20], [30, 20], [30, 30]]] }))).toBe(0);
  });

  it('matches an independent even-odd test (PNPOLY, W. R. Franklin) on random self-intersecting polygons', () => {
    // PNPOLY toggles when the crossing lies strictly right of the point, with rows taken half-open:
    // the same rule as the top-left rule. Random vertices make exact ties (practically) impossible.
    const rand = prng(20260401);
    const g = grid([24, 20, 1]);
    for (let trial = 0; trial < 40; trial++) {
      const n = 3 + Math.floor(rand() * 8);
      const ring: PointUv[] = Array.from({ length: n }, () => [Math.round((rand() * 28 - 2) * 1024) / 1024, Math.round((rand() * 24 - 2) * 1024) / 1024]);
      const expected = new Set<string>();
      for (let j = 0; j < 20; j++) {
        for (let i = 0; i < 24; i++) {
          let inside = false;
          for (let a = 0, b = n - 1; a < n; b = a++) {
            const [xa, ya] = ring[a]!;
            const [xb, yb] = ring[b]!;
            if (ya > j !== yb > j && i < ((xb - xa) * (j - ya)) / (yb - ya) + xa) inside = !inside;
          }
          if (inside) expected.add(`${i},${j},0`);
        }
      }
      expect(voxelSet(rasterizePolygonIjk({ grid: g, sliceIndex: 0, rings: [ring] }))).toEqual(expected);
    }
  });

  it('refuses rings of fewer than 3 points and non-finite points', () => {
    expect(() => rasterizePolygonIjk({ grid: g8, sliceIndex: 0, rings: [[[0, 0], [1, 1]]] })).toThrow(/at least 3/);
    expect(() => rasterizePolygonIjk({ grid: g8, sliceIndex: 0, rings: [[[0, 0], [1, NaN], [2, 2]]] })).toThrow(/finite/);
    expect(() => rasterizePolygonIjk({ grid: g8, sliceIndex: 9, rings: [U] })).toThrow(/outside the grid/);
  });
});

describe('polygons in patient coordinates', () => {
  it('anisotropic pixels: mm are converted per axis (0.5 x 2 mm pixels)', () => {
    const g = grid([10, 6, 4], [0.5, 2, 3], [10, 20, 30]);
    // x 10..13 mm = i 0..6, y 20..28 mm = j 0..4, on z = 36 mm = slice 2: 6 x 4 centres.
    const rect: Vec3[] = [[10, 20, 36], [13, 20, 36], [13, 28, 36], [10, 28, 36]];
    const { patch, sliceIndex } = rasterizePolygonLps({ grid: g, rings: [rect] });
    expect(sliceIndex).toBe(2);
    expect(sparseVoxelCount(patch)).toBe(24);
    // Triangle 2 mm x 8 mm = 4 x 4 voxels: the same 10 centres as the triangle in voxel units.
    const tri = rasterizePolygonLps({ grid: g, rings: [[[10, 20, 36], [12, 20, 36], [10, 28, 36]]] }).patch;
    expect(sliceArt(tri, 2).slice(0, 4)).toEqual(['####......', '###.......', '##........', '#.........']);
  });

  it('oblique grid (rotated 30 degrees, tilted 20): the U drawn in patient space gives the same 28 voxels, ties included', () => {
    const [c, s, cb, sb] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), Math.cos(Math.PI / 9), Math.sin(Math.PI / 9)];
    // Rows: (c, s, 0); columns: (-s cb, c cb, sb); normal = row x column = (s sb, -c sb, cb).
    const direction: Direction3 = [c, s, 0, -s * cb, c * cb, sb, s * sb, -c * sb, cb];
    const g = grid([8, 8, 6], [0.7, 0.9, 2.5], [-50.3, 30.1, 12.7], direction);
    // Vertices at voxel centres (the hardest ties), written to LPS with the independent test formula.
    const ring = U.map(([u, v]) => centreLps(g, u, v, 3));
    const { patch, sliceIndex } = rasterizePolygonLps({ grid: g, rings: [ring] });
    expect(sliceIndex).toBe(3);
    expect(sliceArt(patch, 3)).toEqual(U_ART);
  });

  it('refuses a contour that crosses the slices (drawn in another plane)', () => {
    const g = grid([8, 8, 6], [1, 1, 2]);
    const tilted: Vec3[] = [[0, 0, 2], [5, 0, 2], [5, 5, 6]];
    expect(() => rasterizePolygonLps({ grid: g, rings: [tilted] })).toThrow(/not on slice/);
    // Within half a slice of slice 1 (z = 2 mm): accepted.
    expect(rasterizePolygonLps({ grid: g, rings: [[[0, 0, 2.9], [4, 0, 2], [0, 4, 1.1]]] }).sliceIndex).toBe(1);
  });
});
