import { gridAffine, ijkToLps } from '../geometry/affine';
import type { Mask3D, Vec3 } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { SEGMENT_SAMPLE_STEP_PX, SliceRaster } from './slice-raster';

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

/** Perpendicular ends are refined by bisection to this fraction of a pixel. */
const BISECTION_TOLERANCE_PX = 1e-4;

/**
 * Longest in-plane diameter and greatest perpendicular diameter, as a radiologist measures them
 * (RECIST / WHO / mRECIST input), in mm, largest over the mask's k-slices.
 *
 * Rules:
 * - Edge to edge: the mask is the union of its pixel squares, so a lesion n pixels across measures
 *   n pixels; chord ends are convex corners of the mask outline (see SliceRaster.convexCorners).
 * - A chord must stay inside the mask (never across a gap, notch or necrotic hole): it is sampled
 *   every quarter pixel and every sample must lie in the closed union of mask pixels (so pixels
 *   touching only at a corner still connect; a gap narrower than a quarter pixel can be missed).
 * - Lengths in mm use spacing and direction cosines, so anisotropic pixels are measured correctly.
 * - Longest: the longest valid outline-corner to outline-corner chord over all slices (found by
 *   checking pairs from the longest down, slices in order of their unconstrained maximum, so a
 *   convex lesion costs one check). On non-convex outlines (a viable rim around necrosis) the true
 *   maximum can end mid-edge rather than at a corner, so the result can fall short of it by a
 *   fraction of a pixel.
 * - Perpendicular: on the same slice, lines perpendicular (in mm) to the longest chord through
 *   points every quarter pixel along it; each is followed both ways while it stays inside the mask
 *   (ends refined by bisection); the longest such chord.
 */
export function diameters(params: DiametersParams): DiametersResult {
  const { mask } = params;
  const empty: DiametersResult = { slice: null, longestDiameterMm: null, perpendicularDiameterMm: null, longest: null, perpendicular: null };
  const box = resolveBox(mask, params.box);
  if (!box) return empty;
  const affine = gridAffine(mask);
  const metric = inPlaneMetric(mask);

  interface SliceCandidates { k: number; raster: SliceRaster; x: Float64Array; y: Float64Array; bound2: number }
  const slices: SliceCandidates[] = [];
  for (let k: number = box.min[2]; k <= box.max[2]; k++) {
    const raster = new SliceRaster(mask, box, k);
    if (raster.count === 0) continue;
    const { x, y } = raster.convexCorners();
    let bound2 = 0;
    for (let a = 0; a < x.length; a++) {
      for (let b = a + 1; b < x.length; b++) bound2 = Math.max(bound2, metric.len2(x[b]! - x[a]!, y[b]! - y[a]!));
    }
    slices.push({ k, raster, x, y, bound2 });
  }
  slices.sort((p, q) => q.bound2 - p.bound2 || p.k - q.k);

  let best2 = -1;
  let bestSlice: SliceCandidates | null = null;
  let ends: [number, number, number, number] = [0, 0, 0, 0];
  for (const s of slices) {
    if (s.bound2 <= best2) break;
    const found = longestValidChord(s.raster, s.x, s.y, metric, best2);
    if (found) {
      best2 = found.len2;
      bestSlice = s;
      ends = found.ends;
    }
  }
  if (!bestSlice) return empty; // no mask pixel inside the given box (a single pixel's diagonal is always valid)
  const k = bestSlice.k;
  const chord = (x0: number, y0: number, x1: number, y1: number): Chord => ({
    lengthMm: Math.sqrt(metric.len2(x1 - x0, y1 - y0)),
    startLps: ijkToLps(affine, x0, y0, k),
    endLps: ijkToLps(affine, x1, y1, k),
    startIjk: [x0, y0, k],
    endIjk: [x1, y1, k],
  });
  const longest = chord(...ends);
  const perp = perpendicularChord(bestSlice.raster, ends, metric);
  const perpendicular = perp ? chord(...perp) : null;
  return {
    slice: k,
    longestDiameterMm: longest.lengthMm,
    perpendicularDiameterMm: perpendicular ? perpendicular.lengthMm : null,
    longest,
    perpendicular,
  };
}

interface InPlaneMetric {
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

/** Longest outline-corner pair longer than `above2` whose segment stays inside the mask (max-heap over pair lengths). */
function longestValidChord(
  raster: SliceRaster, x: Float64Array, y: Float64Array, metric: InPlaneMetric, above2: number,
): { len2: number; ends: [number, number, number, number] } | null {
  const n = x.length;
  let count = 0;
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (metric.len2(x[b]! - x[a]!, y[b]! - y[a]!) > above2) count++;
  const len2 = new Float64Array(count);
  const pa = new Uint32Array(count);
  const pb = new Uint32Array(count);
  let p = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const l2 = metric.len2(x[b]! - x[a]!, y[b]! - y[a]!);
      if (l2 > above2) {
        len2[p] = l2;
        pa[p] = a;
        pb[p] = b;
        p++;
      }
    }
  }
  const heap = new Uint32Array(count);
  for (let t = 0; t < count; t++) heap[t] = t;
  const sift = (start: number, size: number): void => {
    let r = start;
    for (;;) {
      const l = 2 * r + 1;
      if (l >= size) return;
      const c = l + 1 < size && len2[heap[l + 1]!]! > len2[heap[l]!]! ? l + 1 : l;
      if (!(len2[heap[c]!]! > len2[heap[r]!]!)) return;
      const tmp = heap[r]!;
      heap[r] = heap[c]!;
      heap[c] = tmp;
      r = c;
    }
  };
  for (let t = (count >> 1) - 1; t >= 0; t--) sift(t, count);
  for (let size = count; size > 0; size--) {
    const top = heap[0]!;
    const a = pa[top]!, b = pb[top]!;
    if (raster.segmentInside(x[a]!, y[a]!, x[b]!, y[b]!)) return { len2: len2[top]!, ends: [x[a]!, y[a]!, x[b]!, y[b]!] };
    heap[0] = heap[size - 1]!;
    sift(0, size - 1);
  }
  return null;
}

/** Greatest chord perpendicular (in mm) to the long axis, crossing it, staying inside the mask. */
function perpendicularChord(
  raster: SliceRaster, ends: [number, number, number, number], metric: InPlaneMetric,
): [number, number, number, number] | null {
  const [x0, y0, x1, y1] = ends;
  const [qx, qy] = metric.perpendicularUnit(x1 - x0, y1 - y0);
  // March step in mm so that one step moves at most a quarter pixel along i and j.
  const stepMm = SEGMENT_SAMPLE_STEP_PX / Math.max(Math.abs(qx), Math.abs(qy));
  const positions = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / SEGMENT_SAMPLE_STEP_PX));
  let bestMm = -1;
  let best: [number, number, number, number] | null = null;
  for (let s = 0; s <= positions; s++) {
    const t = s / positions;
    const px = x0 + t * (x1 - x0);
    const py = y0 + t * (y1 - y0);
    const plus = runLengthMm(raster, px, py, qx, qy, stepMm);
    const minus = runLengthMm(raster, px, py, -qx, -qy, stepMm);
    if (plus + minus > bestMm) {
      bestMm = plus + minus;
      best = [px - minus * qx, py - minus * qy, px + plus * qx, py + plus * qy];
    }
  }
  return best;
}

/** Distance in mm from (px, py) along the unit-mm direction (qx, qy) to where the mask ends. */
function runLengthMm(raster: SliceRaster, px: number, py: number, qx: number, qy: number, stepMm: number): number {
  let inside = 0;
  let outside = stepMm;
  while (raster.insideClosed(px + outside * qx, py + outside * qy)) {
    inside = outside;
    outside += stepMm;
  }
  const tolMm = (BISECTION_TOLERANCE_PX * stepMm) / SEGMENT_SAMPLE_STEP_PX;
  while (outside - inside > tolMm) {
    const mid = (inside + outside) / 2;
    if (raster.insideClosed(px + mid * qx, py + mid * qy)) inside = mid;
    else outside = mid;
  }
  return inside;
}
