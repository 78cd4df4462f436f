/**
 * Brute-force in-plane diameters of a binary slice mask, for the ground truth (independent of the
 * project's measurement kernels). A chord joins two voxel centres of the mask and must stay inside
 * the mask: sampled every quarter of the smaller pixel spacing, each sample's nearest voxel (index
 * rounded) must be in the mask. Endpoints are boundary voxels (a 4-neighbour outside the mask or
 * the image edge): the farthest pair of a digital convex shape always is; the test checks this
 * against all pairs on small masks.
 */

export interface Chord {
  lengthMm: number;
  /** Endpoints as [i, j] voxel indices in the slice. */
  from: [number, number];
  to: [number, number];
}

export interface SliceDiameters {
  longest: Chord;
  /** Longest chord within PERPENDICULAR_TOLERANCE_DEG of perpendicular to `longest` (null if none). */
  perpendicular: Chord | null;
}

export const PERPENDICULAR_TOLERANCE_DEG = 10;

interface SliceMask {
  mask: Uint8Array;
  nx: number;
  ny: number;
  sxMm: number;
  syMm: number;
}

function boundaryVoxels({ mask, nx, ny }: SliceMask, allVoxels: boolean): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const at = (i: number, j: number): boolean => i >= 0 && j >= 0 && i < nx && j < ny && mask[i + j * nx] === 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (!at(i, j)) continue;
      if (allVoxels || !at(i - 1, j) || !at(i + 1, j) || !at(i, j - 1) || !at(i, j + 1)) points.push([i, j]);
    }
  }
  return points;
}

function chordInside(s: SliceMask, a: [number, number], b: [number, number]): boolean {
  const lengthMm = Math.hypot((b[0] - a[0]) * s.sxMm, (b[1] - a[1]) * s.syMm);
  const steps = Math.max(1, Math.ceil(lengthMm / (0.25 * Math.min(s.sxMm, s.syMm))));
  for (let t = 0; t <= steps; t++) {
    const i = Math.round(a[0] + ((b[0] - a[0]) * t) / steps);
    const j = Math.round(a[1] + ((b[1] - a[1]) * t) / steps);
    if (s.mask[i + j * s.nx] !== 1) return false;
  }
  return true;
}

/** Longest and perpendicular chords of one slice mask; null when the mask is empty. */
export function sliceDiameters(s: SliceMask, allPairs = false): SliceDiameters | null {
  const pts = boundaryVoxels(s, allPairs);
  if (pts.length === 0) return null;
  if (pts.length === 1) {
    const p = pts[0]!;
    return { longest: { lengthMm: 0, from: p, to: p }, perpendicular: { lengthMm: 0, from: p, to: p } };
  }
  const n = pts.length;
  const pairCount = (n * (n - 1)) / 2;
  const lengths = new Float64Array(pairCount);
  const pa = new Uint32Array(pairCount);
  const pb = new Uint32Array(pairCount);
  let m = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      lengths[m] = Math.hypot((pts[b]![0] - pts[a]![0]) * s.sxMm, (pts[b]![1] - pts[a]![1]) * s.syMm);
      pa[m] = a;
      pb[m] = b;
      m++;
    }
  }
  // Longest first; equal lengths keep enumeration order so the result is deterministic.
  const order = Array.from({ length: pairCount }, (_, q) => q).sort((x, y) => lengths[y]! - lengths[x]! || x - y);
  const chordOf = (q: number): Chord => ({ lengthMm: lengths[q]!, from: pts[pa[q]!]!, to: pts[pb[q]!]! });

  let longest: Chord | null = null;
  for (const q of order) {
    if (chordInside(s, pts[pa[q]!]!, pts[pb[q]!]!)) {
      longest = chordOf(q);
      break;
    }
  }
  if (!longest) return null;
  if (longest.lengthMm === 0) return { longest, perpendicular: longest };

  const ux = ((longest.to[0] - longest.from[0]) * s.sxMm) / longest.lengthMm;
  const uy = ((longest.to[1] - longest.from[1]) * s.syMm) / longest.lengthMm;
  const maxCos = Math.sin((PERPENDICULAR_TOLERANCE_DEG * Math.PI) / 180);
  let perpendicular: Chord | null = null;
  for (const q of order) {
    const len = lengths[q]!;
    if (len === 0) break;
    const a = pts[pa[q]!]!;
    const b = pts[pb[q]!]!;
    const cos = Math.abs(((b[0] - a[0]) * s.sxMm * ux + (b[1] - a[1]) * s.syMm * uy) / len);
    if (cos <= maxCos && chordInside(s, a, b)) {
      perpendicular = chordOf(q);
      break;
    }
  }
  return { longest, perpendicular };
}

export interface MaskDiameters {
  longestMm: number;
  perpendicularMm: number;
  /** Slice (k) where the longest chord is greatest (first such slice on ties). */
  sliceIndex: number;
  longest: Chord;
  perpendicular: Chord | null;
}

/** Largest longest-chord over axial slices, and the perpendicular on that slice. */
export function maskDiameters(
  slices: Iterable<{ k: number; mask: Uint8Array }>,
  nx: number,
  ny: number,
  sxMm: number,
  syMm: number,
): MaskDiameters | null {
  let best: MaskDiameters | null = null;
  for (const { k, mask } of slices) {
    const d = sliceDiameters({ mask, nx, ny, sxMm, syMm });
    if (!d) continue;
    if (!best || d.longest.lengthMm > best.longestMm + 1e-9) {
      best = { longestMm: d.longest.lengthMm, perpendicularMm: d.perpendicular?.lengthMm ?? 0, sliceIndex: k, longest: d.longest, perpendicular: d.perpendicular };
    }
  }
  return best;
}
