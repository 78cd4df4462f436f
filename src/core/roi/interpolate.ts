/**
 * Slice interpolation by signed-distance maps (shape-based interpolation: Raya & Udupa, IEEE TMI 9,
 * 1990; Herman et al., IEEE CG&A 12, 1992), so a 3D tumour needs a few drawn slices, not all.
 *
 * Method: the non-empty slices of a mask are the drawn ones. For each gap between two consecutive
 * drawn slices a < b, both slices get a signed distance map phi (mm, in-plane, exact Euclidean on the
 * anisotropic pixel grid: negative inside, positive outside, see distance-transform.ts). Slice k of the
 * gap gets the voxels where (1 - t) * phi_a + t * phi_b < 0, t = (k - a) / (b - a).
 * Properties: a disc of radius r_a and one of radius r_b give discs of radius about
 * r_a + t (r_b - r_a); the result always contains a ∩ b and lies within a ∪ b (in-plane); shapes that
 * do not overlap (a large shift between drawn slices) thin out in the middle of the gap, so draw
 * key slices closer together where the tumour moves sideways.
 * Only empty slices inside a gap are written; drawn slices are never changed, and running it again
 * changes nothing (the filled slices are then drawn slices without gaps between them).
 */
import { signedDistanceMap2d } from './distance-transform';
import { nonEmptySlices, planeFromWindow, planeToWindow, unionWindow, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask, Window2 } from './sparse-mask';

export interface InterpolateOptions {
  /** Gaps longer than this many empty slices are left alone (default: no limit). */
  maxGapSlices?: number;
}

export interface InterpolateResult {
  mask: SparseMask;
  /** Slices that were empty and are now filled, ascending. */
  filledSlices: number[];
}

export function interpolateSlices(mask: SparseMask, options: InterpolateOptions = {}): InterpolateResult {
  const drawn = nonEmptySlices(mask);
  const maxGap = options.maxGapSlices ?? Infinity;
  const updates = new Map<number, PlaneMask | null>();
  const filledSlices: number[] = [];
  for (let n = 0; n + 1 < drawn.length; n++) {
    const a = drawn[n]!;
    const b = drawn[n + 1]!;
    if (b - a < 2 || b - a - 1 > maxGap) continue;
    for (const [k, plane] of fillGap(mask, a, b)) {
      if (plane === null) continue;
      updates.set(k, plane);
      filledSlices.push(k);
    }
  }
  return { mask: withPlanes(mask, updates), filledSlices };
}

/** Interpolated planes for the slices strictly between a and b. */
function fillGap(mask: SparseMask, a: number, b: number): Array<[number, PlaneMask | null]> {
  const pa = mask.planes[a]!;
  const pb = mask.planes[b]!;
  // One empty pixel of margin: every shape pixel then has an outside pixel in the window, and the
  // nearest outside pixel of a shape pixel is never beyond the window (its clamp onto the margin is nearer).
  const u = unionWindow(pa, pb)!;
  const window: Window2 = { i0: u.i0 - 1, j0: u.j0 - 1, width: u.width + 2, height: u.height + 2 };
  const spacing = [mask.grid.spacingMm[0], mask.grid.spacingMm[1]] as const;
  const phiA = signedDistanceMap2d(planeToWindow(pa, window), window.width, window.height, spacing);
  const phiB = signedDistanceMap2d(planeToWindow(pb, window), window.width, window.height, spacing);
  const out: Array<[number, PlaneMask | null]> = [];
  for (let k = a + 1; k < b; k++) {
    const t = (k - a) / (b - a);
    const data = new Uint8Array(window.width * window.height);
    for (let x = 0; x < data.length; x++) if ((1 - t) * phiA[x]! + t * phiB[x]! < 0) data[x] = 1;
    out.push([k, planeFromWindow(data, window, mask.grid)]);
  }
  return out;
}
