/**
 * How far one image of a slice is displaced against another of the same slice (e.g. T1 pre against
 * arterial, before they are subtracted): the integer in-plane shift that best aligns their edges.
 * Edges, not grey values: contrast changes the grey values between phases (vessels, enhancing
 * tumour) but not where the body outline and organ borders lie. Score: normalised cross-correlation
 * of the gradient magnitudes over the pixels where either image has an edge, on a sampling grid of
 * about 128 x 128 points whatever the matrix (a 512 image costs a few ms; the shift itself is searched
 * pixel by pixel).
 */
import { HccError } from '../errors';

export interface InPlaneShiftParams {
  /** Row-major pixels, width * height, real values. */
  fixed: ArrayLike<number>;
  moving: ArrayLike<number>;
  width: number;
  height: number;
  /** Largest shift tried along each axis, in pixels (default 3). */
  maxShiftPx?: number;
  /** Distance between sampled pixels (default: 2, or more for matrices above 256, about 128 samples a side). */
  sampleStridePx?: number;
}

export interface InPlaneShiftResult {
  /** `moving` shifted by (dxPx, dyPx) lines up best with `fixed`: moving(x + dx, y + dy) ~ fixed(x, y). */
  dxPx: number;
  dyPx: number;
  /** Correlation (-1..1) of the edges at that shift, and without any shift. */
  score: number;
  scoreAtZero: number;
}

/** Gradient magnitude by central differences (zero on the border). */
function edges(a: ArrayLike<number>, w: number, h: number): Float32Array {
  const g = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = a[i + 1]! - a[i - 1]!;
      const gy = a[i + w]! - a[i - w]!;
      g[i] = Math.sqrt(gx * gx + gy * gy);
    }
  }
  return g;
}

export function inPlaneShift(params: InPlaneShiftParams): InPlaneShiftResult {
  const { fixed, moving, width: w, height: h } = params;
  const maxShift = params.maxShiftPx ?? 3;
  const stride = params.sampleStridePx ?? Math.max(2, Math.round(Math.max(w, h) / 128));
  if (fixed.length !== w * h || moving.length !== w * h) throw new HccError('INVALID_INPUT', `in-plane shift: images must hold ${w}x${h} pixels`);
  const gf = edges(fixed, w, h);
  const gm = edges(moving, w, h);
  const margin = maxShift + 1;
  const score = (dx: number, dy: number): number => {
    let n = 0, sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
    for (let y = margin; y < h - margin; y += stride) {
      for (let x = margin; x < w - margin; x += stride) {
        const f = gf[y * w + x]!;
        const m = gm[(y + dy) * w + x + dx]!;
        // Only where there is an edge in either image: the flat background would dominate otherwise.
        if (f === 0 && m === 0) continue;
        n++;
        sf += f;
        sm += m;
        sff += f * f;
        smm += m * m;
        sfm += f * m;
      }
    }
    if (n < 2) return 0;
    const cov = sfm - (sf * sm) / n;
    const vf = sff - (sf * sf) / n;
    const vm = smm - (sm * sm) / n;
    return vf > 0 && vm > 0 ? cov / Math.sqrt(vf * vm) : 0;
  };
  const scoreAtZero = score(0, 0);
  let best = { dxPx: 0, dyPx: 0, score: scoreAtZero };
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      if (dx === 0 && dy === 0) continue;
      const s = score(dx, dy);
      // Strictly better only: without motion the answer is "no shift".
      if (s > best.score) best = { dxPx: dx, dyPx: dy, score: s };
    }
  }
  return { ...best, scoreAtZero };
}
