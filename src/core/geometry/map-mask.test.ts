import { describe, expect, it } from 'vitest';
import { mapMaskToGrid } from './map-mask';
import { centreLps, grid, index, maskFromPredicate, maskWith, prng, rotatedDirection } from '../kernels/test-fixtures';
import type { GridGeometry, Mask3D, Vec3 } from '../types/volume';

/**
 * Independent reference: for EVERY target voxel, the nearest source voxel centre by exhaustive
 * search over all source voxels with explicit coordinates; its label when the target centre lies
 * within that voxel's box (projections on its axes within half a spacing), else 0.
 * Returns the labels and the number of target voxels whose nearest centre is a tie between
 * differently labelled source voxels (those are not compared).
 */
function bruteForce(source: Mask3D, target: GridGeometry): { labels: Uint8Array; ambiguous: Set<number> } {
  const [sx, sy, sz] = source.dims;
  const centres: Vec3[] = [];
  for (let k = 0; k < sz; k++) for (let j = 0; j < sy; j++) for (let i = 0; i < sx; i++) centres.push(centreLps(source, i, j, k));
  const d = source.direction;
  const axes: Vec3[] = [[d[0], d[1], d[2]], [d[3], d[4], d[5]], [d[6], d[7], d[8]]];
  const [tx, ty, tz] = target.dims;
  const labels = new Uint8Array(tx * ty * tz);
  const ambiguous = new Set<number>();
  for (let k = 0; k < tz; k++) for (let j = 0; j < ty; j++) for (let i = 0; i < tx; i++) {
    const p = centreLps(target, i, j, k);
    let best = Infinity, second = Infinity, bestIdx = -1, secondIdx = -1;
    centres.forEach((c, t) => {
      const dist = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2;
      if (dist < best) {
        second = best; secondIdx = bestIdx; best = dist; bestIdx = t;
      } else if (dist < second) {
        second = dist; secondIdx = t;
      }
    });
    const c = centres[bestIdx]!;
    const within = axes.every((ax, a) => Math.abs((p[0] - c[0]) * ax[0] + (p[1] - c[1]) * ax[1] + (p[2] - c[2]) * ax[2]) <= source.spacingMm[a]! / 2 + 1e-9);
    const t = index(target, i, j, k);
    labels[t] = within ? source.data[bestIdx]! : 0;
    if (second - best < 1e-6 && secondIdx >= 0 && source.data[secondIdx] !== source.data[bestIdx]) ambiguous.add(t);
  }
  return { labels, ambiguous };
}

function expectMatchesBruteForce(source: Mask3D, target: GridGeometry): number {
  const got = mapMaskToGrid({ source, target });
  const ref = bruteForce(source, target);
  let compared = 0, nonZero = 0;
  for (let t = 0; t < ref.labels.length; t++) {
    if (ref.ambiguous.has(t)) continue;
    compared++;
    if (ref.labels[t] !== 0) nonZero++;
    if (got.mask.data[t] !== ref.labels[t]) throw new Error(`target voxel ${t}: got ${got.mask.data[t]}, brute force ${ref.labels[t]}`);
  }
  expect(got.voxelCount).toBe(got.mask.data.reduce((a, v) => a + (v ? 1 : 0), 0));
  expect(ref.ambiguous.size).toBeLessThan(ref.labels.length / 100);
  expect(compared).toBeGreaterThan(0);
  return nonZero;
}

/** A blob: an ellipsoid plus random voxels around it, on the source grid. */
function blob(g: GridGeometry, centre: Vec3, radiiMm: Vec3, seed: number): Mask3D {
  const rand = prng(seed);
  return maskFromPredicate(g, (p) => {
    const r = ((p[0] - centre[0]) / radiiMm[0]) ** 2 + ((p[1] - centre[1]) / radiiMm[1]) ** 2 + ((p[2] - centre[2]) / radiiMm[2]) ** 2;
    return r <= 1 || (r <= 2.2 && rand() < 0.15);
  });
}

describe('mapMaskToGrid', () => {
  it('identity grid: same mask', () => {
    const g = grid([4, 3, 2], [0.8, 0.8, 3], [10, -4, 7]);
    const m = maskWith(g, [[1, 1, 0], [3, 2, 1]]);
    const r = mapMaskToGrid({ source: m, target: g });
    expect(Array.from(r.mask.data)).toEqual(Array.from(m.data));
    expect(r.box).toEqual({ min: [1, 1, 0], max: [3, 2, 1] });
    expect(r.voxelCount).toBe(2);
  });

  it('hand-worked: 1 mm source onto a 2 mm target shifted by half a millimetre', () => {
    // Source voxel i covers x in [i - 0.5, i + 0.5]; target voxel I has its centre at x = 0.4 + 2I
    // (0.4, 2.4, 4.4, ...), which falls in source voxel round(0.4 + 2I) = 0, 2, 4 (same in y; z single slice).
    const source = maskWith(grid([6, 6, 1]), [[2, 2, 0], [3, 2, 0], [4, 4, 0], [1, 0, 0]]);
    const target = grid([3, 3, 1], [2, 2, 1], [0.4, 0.4, 0]);
    const r = mapMaskToGrid({ source, target });
    // Source (2,2) -> target (1,1); (4,4) -> (2,2); (3,2) and (1,0) sit between target centres: not hit.
    expect(Array.from(r.mask.data)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('an empty source gives an empty target; a source outside the target grid gives nothing', () => {
    const g = grid([4, 4, 4]);
    expect(mapMaskToGrid({ source: maskWith(g, []), target: g }).box).toBeNull();
    const far = mapMaskToGrid({ source: maskWith(g, [[1, 1, 1]]), target: grid([4, 4, 4], [1, 1, 1], [100, 0, 0]) });
    expect(far.voxelCount).toBe(0);
    expect(far.searchedBox).toBeNull();
  });

  it('matches brute force on a shifted, coarser, anisotropic grid (arterial -> DWI)', () => {
    const source = grid([24, 20, 12], [0.78, 0.91, 2.5], [-9.3, -8.1, -14.2]);
    const mask = blob(source, [0.4, 0.7, 0.3], [6, 5, 9], 3);
    const target = grid([12, 11, 7], [1.73, 2.29, 5.1], [-10.13, -9.77, -15.61]);
    expect(expectMatchesBruteForce(mask, target)).toBeGreaterThan(10);
  });

  it('matches brute force on an oblique target grid', () => {
    const source = grid([22, 22, 10], [0.85, 0.85, 3], [-9, -9, -13]);
    const mask = blob(source, [0.3, -0.6, 0.4], [6, 7, 8], 4);
    const target = grid([14, 14, 10], [1.6, 1.45, 2.7], [-10.5, -11.1, -14.3], rotatedDirection(0.31, -0.22, 0.47));
    expect(expectMatchesBruteForce(mask, target)).toBeGreaterThan(10);
  });

  it('matches brute force from an oblique source onto an axial target, labels preserved', () => {
    const source = grid([16, 16, 8], [1.1, 1.1, 2.2], [-8, -9, -7], rotatedDirection(-0.4, 0.25, 0.1));
    const mask = blob(source, [0, 0, 0.5], [5, 6, 5], 5);
    for (let t = 0; t < mask.data.length; t++) if (mask.data[t]) mask.data[t] = 1 + (t % 3);
    const target = grid([20, 20, 14], [0.9, 0.95, 1.7], [-9.2, -9.4, -11.9]);
    expect(expectMatchesBruteForce(mask, target)).toBeGreaterThan(10);
  });

  it('searches only the transformed source box (plus margin), not the whole target grid', () => {
    const source = grid([10, 10, 10], [1, 1, 1], [0, 0, 0]);
    const mask = maskWith(source, [[4, 4, 4], [5, 5, 5]]);
    const target = grid([200, 200, 100], [0.5, 0.5, 0.5], [-20, -20, -20]);
    const r = mapMaskToGrid({ source: mask, target });
    // Source box [3.5, 5.5] mm on each axis -> target index (x + 20) / 0.5 in [47, 51], margin 1.
    expect(r.searchedBox).toEqual({ min: [46, 46, 46], max: [52, 52, 52] });
    // Target centres x = -20 + 0.5 I are exact binary fractions. Source voxel 4 ([3.5, 4.5]) takes
    // I = 47 (x = 3.5, on its lower face: ties go to the higher index) and 48; I = 49 (x = 4.5) goes
    // to voxel 5, which also takes 50; I = 51 (x = 5.5) goes to voxel 6 (empty). 2x2x2 per voxel.
    expect(r.voxelCount).toBe(16);
    expect(r.box).toEqual({ min: [47, 47, 47], max: [50, 50, 50] });
    expect(r.mask.data[index(target, 47, 48, 47)]).toBe(1);
    expect(r.mask.data[index(target, 49, 50, 49)]).toBe(1);
    expect(r.mask.data[index(target, 47, 49, 47)]).toBe(0);
  });
});
