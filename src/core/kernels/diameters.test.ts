import { describe, expect, it } from 'vitest';
import { maskDiameters } from '../../../test-data/phantom/diameters';
import { diameters } from './diameters';
import { centreLps, grid, maskFromPredicate, maskWith, prng, rotatedDirection } from './test-fixtures';
import type { GridGeometry, Vec3 } from '../types/volume';

const rect = (i0: number, i1: number, j0: number, j1: number, k: number): Vec3[] => {
  const out: Vec3[] = [];
  for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) out.push([i, j, k]);
  return out;
};
const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('diameters: hand-worked', () => {
  it('empty mask: nulls', () => {
    const r = diameters({ mask: maskWith(grid([4, 4, 2]), []) });
    expect(r).toEqual({ slice: null, longestDiameterMm: null, perpendicularDiameterMm: null, longest: null, perpendicular: null });
  });

  it('a 4 x 2 pixel rectangle with 0.5 x 2 mm pixels (2 mm x 4 mm): diagonal and its perpendicular', () => {
    const g = grid([6, 4, 2], [0.5, 2, 5], [10, 20, 30]);
    const r = diameters({ mask: maskWith(g, rect(1, 4, 1, 2, 1)) });
    expect(r.slice).toBe(1);
    // Edge to edge: the rectangle's diagonal, sqrt(2^2 + 4^2).
    expect(r.longestDiameterMm).toBeCloseTo(Math.sqrt(20), 12);
    // Perpendicular to the diagonal through the centre: direction (-2, 1)/sqrt(5) mm; it meets the
    // long sides x = 0 and x = 2 mm after sqrt(5)/2 each way, y changing by only 0.5 mm: sqrt(5).
    expect(r.perpendicularDiameterMm).toBeCloseTo(Math.sqrt(5), 3);
    // Ends in patient coordinates: opposite corners of the pixel outline, (0.5, 0.5) and (4.5, 2.5) in
    // index units, i.e. x = 10 + 0.25 .. 10 + 2.25, y = 20 + 1 .. 20 + 5, z = 30 + 5.
    const ends = [r.longest!.startLps, r.longest!.endLps].map((p) => p.map((v) => Math.round(v * 1e9) / 1e9));
    const corners = [[10.25, 21, 35], [12.25, 25, 35], [12.25, 21, 35], [10.25, 25, 35]];
    for (const e of ends) expect(corners).toContainEqual(e);
    expect(dist(r.longest!.startLps, r.longest!.endLps)).toBeCloseTo(Math.sqrt(20), 12);
    expect(dist(r.perpendicular!.startLps, r.perpendicular!.endLps)).toBeCloseTo(r.perpendicularDiameterMm!, 9);
    // Perpendicular in mm: dot product of the two chords is 0.
    const u = r.longest!.endLps.map((v, a) => v - r.longest!.startLps[a]!);
    const w = r.perpendicular!.endLps.map((v, a) => v - r.perpendicular!.startLps[a]!);
    expect(u[0]! * w[0]! + u[1]! * w[1]! + u[2]! * w[2]!).toBeCloseTo(0, 9);
  });

  it('a single 0.6 x 0.8 mm pixel: its diagonal, and the perpendicular across it', () => {
    const r = diameters({ mask: maskWith(grid([3, 3, 1], [0.6, 0.8, 3]), [[1, 1, 0]]) });
    expect(r.longestDiameterMm).toBeCloseTo(1, 12); // hypot(0.6, 0.8)
    // Perpendicular direction (-0.8, 0.6) through the centre hits the 0.6 mm sides after 0.3/0.8 each
    // way (y moves 0.225 < 0.4): 2 * 0.375 = 0.75 mm.
    expect(r.perpendicularDiameterMm).toBeCloseTo(0.75, 3);
  });

  it('never measures across a gap: two separate 2x2 squares on one slice', () => {
    const g = grid([9, 4, 1]);
    const r = diameters({ mask: maskWith(g, [...rect(0, 1, 0, 1, 0), ...rect(6, 7, 1, 2, 0)]) });
    expect(r.longestDiameterMm).toBeCloseTo(2 * Math.SQRT2, 12); // not ~8 mm across the gap
  });

  it('two squares touching at a corner are one lesion: the chord may pass through the touching point', () => {
    const g = grid([6, 6, 1]);
    const r = diameters({ mask: maskWith(g, [...rect(0, 1, 0, 1, 0), ...rect(2, 3, 2, 3, 0)]) });
    expect(r.longestDiameterMm).toBeCloseTo(4 * Math.SQRT2, 12); // (-0.5,-0.5) to (3.5,3.5) through (1.5,1.5)
  });

  it('an L shape: the corner-to-corner chord across the notch is refused', () => {
    // Bar i = 0..4 at j = 0 and bar j = 0..4 at i = 0, 1 mm pixels. Outline corners (4.5,-0.5) and
    // (-0.5,4.5) are sqrt(50) apart but the chord leaves the mask. The longest valid chord between
    // outline corners is sqrt(26) (e.g. (4.5,-0.5) to (-0.5,0.5)); the true maximum pivots on the
    // inner corner (0.5,0.5) and ends mid-edge at (-0.5,0.75): hypot(5, 1.25) = 5.154.
    const g = grid([6, 6, 1]);
    const voxels: Vec3[] = [...rect(0, 4, 0, 0, 0), ...rect(0, 0, 1, 4, 0)];
    const r = diameters({ mask: maskWith(g, voxels) });
    expect(r.longestDiameterMm).toBeCloseTo(Math.sqrt(26), 12);
    expect(r.longestDiameterMm!).toBeLessThanOrEqual(Math.hypot(5, 1.25));
    // Perpendicular (-1, 5) through the chord point x = 0.5 runs from y = -0.5 up the other arm to y = 4.5.
    expect(r.perpendicularDiameterMm).toBeCloseTo(Math.sqrt(26), 12);
  });

  it('a 3 x 1 bar: its diagonal sqrt 10 (3 px along the bar, 1 across), perpendicular sqrt(10) / 3', () => {
    const r = diameters({ mask: maskWith(grid([5, 3, 1]), rect(1, 3, 1, 1, 0)) });
    expect(r.longestDiameterMm).toBeCloseTo(Math.sqrt(10), 12);
    expect(r.perpendicularDiameterMm).toBeCloseTo(Math.sqrt(10) / 3, 12);
  });

  it('a ring (5 x 5 without its centre pixel): 5, not the diagonal 5 sqrt 2 across the hole', () => {
    const voxels = rect(0, 4, 0, 4, 0).filter(([i, j]) => i !== 2 || j !== 2);
    const r = diameters({ mask: maskWith(grid([5, 5, 1]), voxels) });
    expect(r.longestDiameterMm).toBeCloseTo(5, 12);
    expect(r.perpendicularDiameterMm).toBeCloseTo(5, 12);
  });

  it('picks the slice with the longest diameter', () => {
    const g = grid([8, 8, 3], [1, 1, 4]);
    const r = diameters({ mask: maskWith(g, [...rect(2, 3, 2, 3, 0), ...rect(1, 6, 2, 4, 1), ...rect(3, 3, 3, 3, 2)]) });
    expect(r.slice).toBe(1);
    expect(r.longestDiameterMm).toBeCloseTo(Math.hypot(6, 3), 12);
    expect(r.longest!.startIjk[2]).toBe(1);
  });
});

/** Ellipse (semi-axes a, b mm, long axis at angle theta in the slice) on a slice through an oblique grid. */
function ellipseCase(g: GridGeometry, a: number, b: number, theta: number, kCentre: number) {
  const centre = centreLps(g, (g.dims[0] - 1) / 2 + 0.31, (g.dims[1] - 1) / 2 - 0.27, kCentre);
  const d = g.direction;
  const row: Vec3 = [d[0], d[1], d[2]];
  const col: Vec3 = [d[3], d[4], d[5]];
  const mask = maskFromPredicate(g, (p, _i, _j, k) => {
    if (k !== kCentre) return false;
    const v: Vec3 = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
    const x = v[0] * row[0] + v[1] * row[1] + v[2] * row[2];
    const y = v[0] * col[0] + v[1] * col[1] + v[2] * col[2];
    const u = x * Math.cos(theta) + y * Math.sin(theta);
    const w = -x * Math.sin(theta) + y * Math.cos(theta);
    return (u / a) ** 2 + (w / b) ** 2 <= 1;
  });
  return diameters({ mask });
}

describe('diameters: where the mask lies does not change a bit of the result', () => {
  it('the same pixels shifted by whole voxels (a crop vs the full grid) give identical lengths, ends moved by the shift', () => {
    const random = prng(42);
    for (let trial = 0; trial < 40; trial++) {
      const voxels: Vec3[] = [];
      for (let k = 0; k < 2; k++) for (let j = 0; j < 9; j++) for (let i = 0; i < 11; i++) if (random() < 0.6) voxels.push([i, j, k]);
      const spacing: Vec3 = [0.78125 + random() * 0.1, 0.78125 + random() * 0.3, 3];
      const crop = diameters({ mask: maskWith(grid([11, 9, 2], spacing), voxels) });
      const [di, dj] = [137 + trial, 211 + 3 * trial];
      const full = diameters({ mask: maskWith(grid([400, 500, 2], spacing), voxels.map(([i, j, k]) => [i + di, j + dj, k] as Vec3)) });
      expect(full.longestDiameterMm, `trial ${trial}`).toBe(crop.longestDiameterMm);
      expect(full.perpendicularDiameterMm, `trial ${trial}`).toBe(crop.perpendicularDiameterMm);
      expect(full.slice).toBe(crop.slice);
      if (crop.longest) expect(full.longest!.startIjk).toEqual([crop.longest.startIjk[0] + di, crop.longest.startIjk[1] + dj, crop.longest.startIjk[2]]);
    }
  });
});

describe('diameters: the same numbers as the ground truth brute force (test-data/phantom/diameters.ts)', () => {
  it.each([
    ['1 x 1 mm', [1, 1]],
    ['0.7 x 1.3 mm', [0.7, 1.3]],
  ] as const)('random masks on 7 x 6 x 3 grids, %s pixels (sparse to dense, rings, gaps)', (_name, [sx, sy]) => {
    const random = prng(20261127);
    for (let trial = 0; trial < 150; trial++) {
      const g = grid([7, 6, 3], [sx, sy, 2]);
      const density = 0.3 + 0.6 * random();
      const voxels: Vec3[] = [];
      for (let k = 0; k < 3; k++) for (let j = 0; j < 6; j++) for (let i = 0; i < 7; i++) if (random() < density) voxels.push([i, j, k]);
      const mask = maskWith(g, voxels);
      const r = diameters({ mask });
      const slices = [0, 1, 2].map((k) => ({ k, mask: mask.data.slice(k * 42, (k + 1) * 42) }));
      const truth = maskDiameters(slices, 7, 6, sx, sy);
      if (!truth) {
        expect(r.longestDiameterMm).toBeNull();
        continue;
      }
      expect(r.longestDiameterMm, `trial ${trial}`).toBeCloseTo(truth.longestMm, 9);
      expect(r.perpendicularDiameterMm, `trial ${trial}`).toBeCloseTo(truth.perpendicularMm, 9);
      expect(r.slice, `trial ${trial}`).toBe(truth.sliceIndex);
    }
  });
});

describe('diameters: analytic shapes (tolerance: one in-plane voxel diagonal)', () => {
  it('a disc of radius 15 mm on 0.7 x 0.9 mm pixels', () => {
    const g = grid([50, 40, 3], [0.7, 0.9, 5]);
    const tol = Math.hypot(0.7, 0.9);
    const r = ellipseCase(g, 15, 15, 0, 1);
    expect(Math.abs(r.longestDiameterMm! - 30)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.perpendicularDiameterMm! - 30)).toBeLessThanOrEqual(tol);
  });

  it('an ellipse 40 x 20 mm rotated 30 degrees, anisotropic pixels, oblique grid', () => {
    const g = grid([70, 50, 3], [0.75, 1.1, 6], [12, -40, 7], rotatedDirection(0.2, -0.35, 0.6));
    const tol = Math.hypot(0.75, 1.1);
    const r = ellipseCase(g, 20, 10, Math.PI / 6, 1);
    expect(Math.abs(r.longestDiameterMm! - 40)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.perpendicularDiameterMm! - 20)).toBeLessThanOrEqual(tol);
    // The long axis runs along the ellipse's major axis (within a few degrees).
    const u = r.longest!.endLps.map((v, a) => v - r.longest!.startLps[a]!);
    const d = g.direction;
    const x = (u[0]! * d[0] + u[1]! * d[1] + u[2]! * d[2]) / r.longestDiameterMm!;
    const y = (u[0]! * d[3] + u[1]! * d[4] + u[2]! * d[5]) / r.longestDiameterMm!;
    expect(Math.abs(x * Math.cos(Math.PI / 6) + y * Math.sin(Math.PI / 6))).toBeGreaterThan(Math.cos((5 * Math.PI) / 180));
  });

  it('a sphere of radius 12 mm: the equatorial slice, 24 mm both ways', () => {
    const g = grid([40, 40, 15], [0.8, 0.8, 2], [-16, -16, -14]);
    const mask = maskFromPredicate(g, (p) => Math.hypot(p[0] - 0.13, p[1] + 0.21, p[2]) <= 12);
    const r = diameters({ mask });
    expect(r.slice).toBe(7); // z = 0
    const tol = Math.hypot(0.8, 0.8);
    expect(Math.abs(r.longestDiameterMm! - 24)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.perpendicularDiameterMm! - 24)).toBeLessThanOrEqual(tol);
  });

  it('a viable ring around central necrosis is not measured across the necrosis', () => {
    // Pixels (1 mm) with centres at 10 <= r <= 15. Their union U contains the annulus
    // 10 + h <= r <= 15 - h and lies within 10 - h <= r <= 15 + h (h = half a pixel diagonal). The
    // longest chord of an annulus (R, r) that avoids the hole is tangent to it: 2 sqrt(R^2 - r^2).
    // So the answer lies in [2 sqrt((15-h)^2 - (10+h)^2), 2 sqrt((15+h)^2 - (10-h)^2)] = [18.9, 25.3],
    // well short of the 30-31 mm across the necrotic centre.
    const g = grid([40, 40, 1]);
    const mask = maskFromPredicate(g, (p) => {
      const r = Math.hypot(p[0] - 19.5, p[1] - 19.5);
      return r <= 15 && r >= 10;
    });
    const r = diameters({ mask });
    const h = Math.SQRT1_2;
    expect(r.longestDiameterMm!).toBeGreaterThanOrEqual(2 * Math.sqrt((15 - h) ** 2 - (10 + h) ** 2));
    expect(r.longestDiameterMm!).toBeLessThanOrEqual(2 * Math.sqrt((15 + h) ** 2 - (10 - h) ** 2));
  });
});
