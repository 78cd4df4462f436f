/**
 * Brute-force in-plane diameters of a binary slice mask, for the ground truth (independent of the
 * project's measurement kernels, which must give the same numbers faster). Edge to edge, as calipers
 * on the outer edge of the lesion: the mask is the closed union of its pixel squares, pixel (i, j)
 * covering [i - 0.5, i + 0.5] x [j - 0.5, j + 0.5] in index units.
 *
 * - Longest: over all pairs of convex outline corners (pixel corners touched by exactly one mask
 *   pixel), the longest segment lying inside the union. Inside is tested exactly: the segment is cut
 *   where it crosses pixel edges, and the middle of every piece must lie in (or on) a mask pixel.
 * - Perpendicular: through points every quarter pixel along the longest chord (N + 1 points, N =
 *   ceil(largest index extent / 0.25)), the line perpendicular in mm; the piece of it inside the union
 *   that contains the point (cut the same way, exactly); the longest such piece.
 * - Ties: among equally long longest chords (relative 1e-9), the one with the greatest perpendicular.
 */

export interface Chord {
  lengthMm: number;
  /** Ends as continuous (i, j) index coordinates in the slice. */
  from: [number, number];
  to: [number, number];
}

export interface SliceDiameters {
  longest: Chord;
  perpendicular: Chord;
}

export interface SliceMask {
  mask: Uint8Array;
  nx: number;
  ny: number;
  sxMm: number;
  syMm: number;
}

export const PERPENDICULAR_STEP_PX = 0.25;
/** Relative difference below which two lengths are equal (lattice lengths that differ, differ by far more). */
export const TIE_RELATIVE = 1e-9;
const ON_EDGE = 1e-9;

const pixel = (s: SliceMask, i: number, j: number): boolean => i >= 0 && j >= 0 && i < s.nx && j < s.ny && s.mask[i + j * s.nx] === 1;

/** Is (x, y) in a closed mask pixel square? A point on an edge or corner belongs to every square touching it. */
export function inClosedUnion(s: SliceMask, x: number, y: number): boolean {
  const is: number[] = [];
  const js: number[] = [];
  for (const [v, out] of [[x, is], [y, js]] as const) {
    const r = Math.round(v + 0.5); // nearest pixel edge coordinate + 0.5
    if (Math.abs(v + 0.5 - r) < ON_EDGE) out.push(r - 1, r);
    else out.push(Math.round(v));
  }
  return is.some((i) => js.some((j) => pixel(s, i, j)));
}

/** Parameters t where p + t d crosses a pixel edge line (x or y = half-integer), for t in [lo, hi]. */
function edgeCrossings(px: number, py: number, dx: number, dy: number, lo: number, hi: number): number[] {
  const ts = [lo, hi];
  for (const [p, d] of [[px, dx], [py, dy]] as const) {
    if (d === 0) continue;
    const a = p + lo * d;
    const b = p + hi * d;
    for (let e = Math.ceil(Math.min(a, b) - 0.5) + 0.5; e <= Math.max(a, b); e++) ts.push((e - p) / d);
  }
  return ts.filter((t) => t >= lo && t <= hi).sort((u, v) => u - v);
}

export function segmentInUnion(s: SliceMask, a: [number, number], b: [number, number]): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (!inClosedUnion(s, a[0], a[1]) || !inClosedUnion(s, b[0], b[1])) return false;
  const ts = edgeCrossings(a[0], a[1], dx, dy, 0, 1);
  for (let q = 1; q < ts.length; q++) {
    const t = (ts[q - 1]! + ts[q]!) / 2;
    if (!inClosedUnion(s, a[0] + t * dx, a[1] + t * dy)) return false;
  }
  return true;
}

/** The piece of the line p + t d (t in index units along d) inside the union containing p: [tMinus, tPlus]. */
export function pieceThrough(s: SliceMask, px: number, py: number, dx: number, dy: number): [number, number] {
  // The slice is at most nx + ny pixels across: a line through it leaves it within that many units of d.
  const reach = (s.nx + s.ny + 2) / Math.max(Math.abs(dx), Math.abs(dy));
  const ends: number[] = [];
  for (const [lo, hi] of [[0, reach], [-reach, 0]] as const) {
    const ts = edgeCrossings(px, py, dx, dy, lo, hi);
    if (lo < 0) ts.reverse();
    let end = 0;
    for (let q = 1; q < ts.length; q++) {
      const t = (ts[q - 1]! + ts[q]!) / 2;
      if (!inClosedUnion(s, px + t * dx, py + t * dy)) break;
      end = ts[q]!;
    }
    ends.push(end);
  }
  return [ends[1]!, ends[0]!];
}

export function convexCorners(s: SliceMask): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let b = 0; b <= s.ny; b++) {
    for (let a = 0; a <= s.nx; a++) {
      const touching = [pixel(s, a - 1, b - 1), pixel(s, a, b - 1), pixel(s, a - 1, b), pixel(s, a, b)].filter(Boolean).length;
      if (touching === 1) out.push([a - 0.5, b - 0.5]);
    }
  }
  return out;
}

const lengthMm = (s: SliceMask, a: [number, number], b: [number, number]): number => Math.hypot((b[0] - a[0]) * s.sxMm, (b[1] - a[1]) * s.syMm);
const tiedOrLonger = (x: number, best: number): boolean => x >= best * (1 - TIE_RELATIVE);

/** Greatest perpendicular chord crossing the chord `long` (see the file comment). */
export function perpendicularOf(s: SliceMask, long: Chord): Chord {
  const [x0, y0] = long.from;
  const [x1, y1] = long.to;
  // Perpendicular in mm: (qx sx, qy sy) . ((x1 - x0) sx, (y1 - y0) sy) = 0.
  const qx = -(y1 - y0) * s.syMm * s.syMm;
  const qy = (x1 - x0) * s.sxMm * s.sxMm;
  const unitMm = Math.hypot(qx * s.sxMm, qy * s.syMm);
  const n = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) / PERPENDICULAR_STEP_PX));
  let best: Chord = { lengthMm: -1, from: long.from, to: long.from };
  for (let q = 0; q <= n; q++) {
    const px = x0 + (q / n) * (x1 - x0);
    const py = y0 + (q / n) * (y1 - y0);
    const [tm, tp] = unitMm === 0 ? [0, 0] : pieceThrough(s, px, py, qx, qy);
    const len = (tp - tm) * unitMm;
    if (len > best.lengthMm) best = { lengthMm: len, from: [px + tm * qx, py + tm * qy], to: [px + tp * qx, py + tp * qy] };
  }
  return best;
}

/** All longest valid corner-to-corner chords of one slice (equal within TIE_RELATIVE); empty when the mask is. */
export function longestChords(s: SliceMask): Chord[] {
  const pts = convexCorners(s);
  const pairs: Chord[] = [];
  for (let a = 0; a < pts.length; a++) {
    for (let b = a + 1; b < pts.length; b++) pairs.push({ lengthMm: lengthMm(s, pts[a]!, pts[b]!), from: pts[a]!, to: pts[b]! });
  }
  pairs.sort((p, q) => q.lengthMm - p.lengthMm);
  const out: Chord[] = [];
  for (const pair of pairs) {
    if (out.length > 0 && !tiedOrLonger(pair.lengthMm, out[0]!.lengthMm)) break;
    if (segmentInUnion(s, pair.from, pair.to)) out.push(pair);
  }
  return out;
}

/** Of equally long chords, the one with the greatest perpendicular (the first unless one is longer by more than TIE_RELATIVE). */
function withPerpendicular(s: SliceMask, chords: readonly Chord[]): SliceDiameters | null {
  let result: SliceDiameters | null = null;
  for (const longest of chords) {
    const perpendicular = perpendicularOf(s, longest);
    if (!result || !tiedOrLonger(result.perpendicular.lengthMm, perpendicular.lengthMm)) result = { longest, perpendicular };
  }
  return result;
}

/** Longest and perpendicular chords of one slice mask; null when the mask is empty. */
export function sliceDiameters(s: SliceMask): SliceDiameters | null {
  return withPerpendicular(s, longestChords(s));
}

export interface MaskDiameters {
  longestMm: number;
  perpendicularMm: number;
  /** Slice (k) of the measurement: the longest chord; on ties the greater perpendicular, then the first slice. */
  sliceIndex: number;
  longest: Chord;
  perpendicular: Chord;
}

/** Largest longest chord over axial slices and the perpendicular on that slice. */
export function maskDiameters(
  slices: Iterable<{ k: number; mask: Uint8Array }>,
  nx: number,
  ny: number,
  sxMm: number,
  syMm: number,
): MaskDiameters | null {
  const perSlice = [...slices].map(({ k, mask }) => ({ k, s: { mask, nx, ny, sxMm, syMm }, chords: longestChords({ mask, nx, ny, sxMm, syMm }) }));
  const longestMm = Math.max(-1, ...perSlice.map((p) => p.chords[0]?.lengthMm ?? -1));
  if (longestMm < 0) return null;
  let best: MaskDiameters | null = null;
  for (const { k, s, chords } of perSlice) {
    const tied = chords.filter((c) => tiedOrLonger(c.lengthMm, longestMm));
    const d = withPerpendicular(s, tied);
    if (d && (!best || !tiedOrLonger(best.perpendicularMm, d.perpendicular.lengthMm))) {
      best = { longestMm: d.longest.lengthMm, perpendicularMm: d.perpendicular.lengthMm, sliceIndex: k, longest: d.longest, perpendicular: d.perpendicular };
    }
  }
  return best;
}
