import { gridAffine, ijkToLps } from '../geometry/affine';
import type { Mask3D, Vec3 } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { convexHull } from './convex-hull';
import { SliceRaster } from './slice-raster';

export interface DiametersParams {
  /** Whole tumour or its viable (enhancing) part; slices are the mask grid's k-planes (the acquisition plane). */
  mask: Mask3D;
  box?: IjkBox;
}

export interface Chord {
  lengthMm: number;
  startLps: Vec3;
  endLps: Vec3;
  /** Continuous voxel coordinates (i, j, k) of the ends (k is the slice index). */
  startIjk: Vec3;
  endIjk: Vec3;
}

export interface DiametersResult {
  /** k of the slice with the longest diameter; null for an empty mask. */
  slice: number | null;
  longestDiameterMm: number | null;
  /** Greatest diameter perpendicular to the longest, on the same slice, crossing it. */
  perpendicularDiameterMm: number | null;
  longest: Chord | null;
  perpendicular: Chord | null;
}

/** Perpendiculars cross the longest chord at points this far apart (index units along its larger extent). */
export const PERPENDICULAR_STEP_PX = 0.25;
/** Relative difference below which two lengths count as equal (distinct lattice lengths differ by far more). */
const TIE_RELATIVE = 1e-9;
/** The same on squared lengths. */
const TIE2 = 2 * TIE_RELATIVE;

/**
 * Longest in-plane diameter and greatest perpendicular diameter, as a radiologist measures them
 * (RECIST / WHO / mRECIST input), in mm, over the mask's k-slices (the acquisition plane).
 *
 * Definition (test-data/phantom/diameters.ts computes the same by brute force):
 * - Edge to edge: the mask is the closed union of its pixel squares (pixels touching at a corner
 *   connect), so a lesion n pixels across measures n pixels.
 * - Longest: the longest segment joining two convex outline corners (pixel corners touched by exactly
 *   one mask pixel) that lies inside the union (exactly: never across a gap, notch or necrotic hole),
 *   largest over slices. A convex outline's longest chord joins two such corners; on a non-convex
 *   outline (a viable rim around necrosis) the true maximum can end mid-edge, so the result can fall
 *   short of it by a fraction of a pixel.
 * - Perpendicular: on the same slice, lines perpendicular (in mm) to the longest chord through points
 *   every quarter pixel along it (N + 1 points, N = ceil(largest index extent / 0.25)); the piece of
 *   each inside the union that contains the point (exact); the longest piece.
 * - Ties: among equally long longest chords (any slice), the one with the greatest perpendicular; then
 *   the lowest slice.
 * - Lengths in mm use spacing and direction cosines, so anisotropic pixels are measured correctly.
 *
 * Search: slices in order of their hull diameter; within a slice, corners in order of their distance
 * to the farthest hull vertex (an upper bound of any chord from them), pairs checked only while that
 * bound can still reach the best length found, so a convex lesion costs a few checks per slice and a
 * rim around necrosis only the pairs long enough to matter (most fail at their midpoint at once).
 */
export function diameters(params: DiametersParams): DiametersResult {
  const { mask } = params;
  const empty: DiametersResult = { slice: null, longestDiameterMm: null, perpendicularDiameterMm: null, longest: null, perpendicular: null };
  const box = resolveBox(mask, params.box);
  if (!box) return empty;
  const affine = gridAffine(mask);
  const metric = inPlaneMetric(mask);

  const slices: SliceCorners[] = [];
  for (let k: number = box.min[2]; k <= box.max[2]; k++) {
    const raster = new SliceRaster(mask, box, k);
    if (raster.count === 0) continue;
    slices.push(sliceCorners(k, raster, metric));
  }
  slices.sort((p, q) => q.bound2 - p.bound2 || p.k - q.k);

  const search: LongestSearch = { best2: -1, tied: [] };
  for (const s of slices) {
    if (s.bound2 < search.best2 * (1 - TIE2)) break;
    longestInSlice(s, metric, search);
  }
  if (search.tied.length === 0) return empty; // no mask pixel inside the given box (a single pixel's diagonal is always valid)

  // Ties: the greatest perpendicular, then the lowest slice. A slice with the same pixels as one
  // already measured gives the same perpendiculars: it cannot win, so it is skipped.
  search.tied.sort((p, q) => p.slice.k - q.slice.k);
  let chosen: { slice: SliceCorners; ends: Ends; perp: Ends; perpMm: number } | null = null;
  const measured: SliceCorners[] = [];
  for (const t of search.tied) {
    if (measured[measured.length - 1] !== t.slice) {
      if (measured.some((m) => m.raster.samePixels(t.slice.raster))) continue;
      measured.push(t.slice);
    }
    const { ends: perp, lengthMm } = perpendicularChord(t.slice.raster, t.ends, metric);
    if (!chosen || lengthMm > chosen.perpMm * (1 + TIE_RELATIVE)) chosen = { slice: t.slice, ends: t.ends, perp, perpMm: lengthMm };
  }
  const k = chosen!.slice.k;
  // Ends are local to the slice's raster (shift-invariant lengths); placed on the grid here.
  const { i0, j0 } = chosen!.slice.raster;
  const chord = (x0: number, y0: number, x1: number, y1: number): Chord => ({
    lengthMm: Math.sqrt(metric.len2(x1 - x0, y1 - y0)),
    startLps: ijkToLps(affine, x0 + i0, y0 + j0, k),
    endLps: ijkToLps(affine, x1 + i0, y1 + j0, k),
    startIjk: [x0 + i0, y0 + j0, k],
    endIjk: [x1 + i0, y1 + j0, k],
  });
  const longest = chord(...chosen!.ends);
  const perpendicular = chord(...chosen!.perp);
  return {
    slice: k,
    longestDiameterMm: longest.lengthMm,
    perpendicularDiameterMm: chosen!.perpMm,
    longest,
    perpendicular,
  };
}

type Ends = [number, number, number, number];

interface SliceCorners {
  k: number;
  raster: SliceRaster;
  x: Float64Array;
  y: Float64Array;
  hull: Uint32Array;
  /** Squared hull diameter: no chord of the slice is longer. */
  bound2: number;
}

interface LongestSearch {
  best2: number;
  /** Every valid chord within TIE2 of best2 so far. */
  tied: Array<{ slice: SliceCorners; ends: Ends }>;
}

function sliceCorners(k: number, raster: SliceRaster, metric: InPlaneMetric): SliceCorners {
  const { x, y } = raster.convexCorners();
  const hull = convexHull(x, y);
  let bound2 = 0;
  for (let a = 0; a < hull.length; a++) {
    for (let b = a + 1; b < hull.length; b++) bound2 = Math.max(bound2, metric.len2(x[hull[b]!]! - x[hull[a]!]!, y[hull[b]!]! - y[hull[a]!]!));
  }
  return { k, raster, x, y, hull, bound2 };
}

/** Adds the slice's valid corner-to-corner chords at least as long as the best so far (within TIE2) to `search`. */
function longestInSlice(s: SliceCorners, metric: InPlaneMetric, search: LongestSearch): void {
  const { hull, raster } = s;
  const n = s.x.length;
  // Farthest hull vertex of each corner: an upper bound of every chord from it.
  const reach2 = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let r2 = 0;
    for (let h = 0; h < hull.length; h++) r2 = Math.max(r2, metric.len2(s.x[hull[h]!]! - s.x[a]!, s.y[hull[h]!]! - s.y[a]!));
    reach2[a] = r2;
  }
  // Corners by decreasing reach, copied in that order so the pair loop reads memory in sequence.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((p, q) => reach2[q]! - reach2[p]! || p - q);
  const x = new Float64Array(n), y = new Float64Array(n), reach = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    x[p] = s.x[order[p]!]!;
    y[p] = s.y[order[p]!]!;
    reach[p] = reach2[order[p]!]!;
  }
  const { gxx, gxy, gyy } = metric;
  let limit = search.best2 * (1 - TIE2);
  for (let a = 0; a < n && reach[a]! >= limit; a++) {
    const ax = x[a]!, ay = y[a]!;
    for (let b = a + 1; b < n && reach[b]! >= limit; b++) {
      const dx = x[b]! - ax, dy = y[b]! - ay;
      const l2 = gxx * dx * dx + 2 * gxy * dx * dy + gyy * dy * dy;
      if (l2 < limit || !raster.segmentInside(ax, ay, x[b]!, y[b]!)) continue;
      const ends: Ends = [ax, ay, x[b]!, y[b]!];
      if (l2 > search.best2 * (1 + TIE2)) {
        search.best2 = l2;
        search.tied = [{ slice: s, ends }];
      } else {
        search.best2 = Math.max(search.best2, l2);
        search.tied.push({ slice: s, ends });
      }
      limit = search.best2 * (1 - TIE2);
    }
  }
}

interface InPlaneMetric {
  /** The metric tensor G (mm^2 per index unit^2): len2 = gxx dx^2 + 2 gxy dx dy + gyy dy^2. */
  gxx: number;
  gxy: number;
  gyy: number;
  /** Squared length in mm^2 of an in-plane index displacement (dx along i, dy along j). */
  len2(dx: number, dy: number): number;
  /** Index displacement of 1 mm perpendicular (in mm) to the index displacement (dx, dy). */
  perpendicularUnit(dx: number, dy: number): [number, number];
}

/** Metric of the (i, j) plane: G = [[sx^2, sx sy g], [sx sy g, sy^2]] with g = row . column cosine (0 for DICOM planes). */
function inPlaneMetric(mask: Mask3D): InPlaneMetric {
  const [sx, sy] = mask.spacingMm;
  const d = mask.direction;
  const g = d[0] * d[3] + d[1] * d[4] + d[2] * d[5];
  const gxx = sx * sx, gyy = sy * sy, gxy = sx * sy * g;
  const len2 = (dx: number, dy: number): number => gxx * dx * dx + 2 * gxy * dx * dy + gyy * dy * dy;
  return {
    gxx,
    gxy,
    gyy,
    len2,
    perpendicularUnit(dx, dy) {
      // q = rot90(G d) satisfies q^T G d = 0.
      const ux = gxx * dx + gxy * dy;
      const uy = gxy * dx + gyy * dy;
      const norm = Math.sqrt(len2(-uy, ux));
      return [-uy / norm, ux / norm];
    },
  };
}

/** Greatest chord perpendicular (in mm) to the long axis, crossing it, inside the mask. */
function perpendicularChord(raster: SliceRaster, ends: Ends, metric: InPlaneMetric): { ends: Ends; lengthMm: number } {
  const [x0, y0, x1, y1] = ends;
  const [qx, qy] = metric.perpendicularUnit(x1 - x0, y1 - y0);
  const positions = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / PERPENDICULAR_STEP_PX));
  let best = { ends: [x0, y0, x0, y0] as Ends, lengthMm: -1 };
  for (let s = 0; s <= positions; s++) {
    const px = x0 + (s / positions) * (x1 - x0);
    const py = y0 + (s / positions) * (y1 - y0);
    // (qx, qy) is 1 mm long, so ray lengths are in mm.
    const plus = raster.rayLength(px, py, qx, qy);
    const minus = raster.rayLength(px, py, -qx, -qy);
    if (plus + minus > best.lengthMm) best = { ends: [px - minus * qx, py - minus * qy, px + plus * qx, py + plus * qy], lengthMm: plus + minus };
  }
  return best;
}
