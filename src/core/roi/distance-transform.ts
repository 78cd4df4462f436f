/**
 * Exact Euclidean distance transform of a 2D binary image with anisotropic pixels (Felzenszwalb &
 * Huttenlocher, "Distance Transforms of Sampled Functions", Theory of Computing 8, 2012): separable
 * lower envelopes of parabolas, O(pixels). Distances are between pixel centres, in mm.
 */

/** 1D pass: out[p] = min over q of w2 * (p - q)^2 + f[q] (f = Infinity where there is no site). */
function envelope1d(f: Float64Array, n: number, w2: number, out: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue;
    let s = -Infinity;
    while (k >= 0) {
      const r = v[k]!;
      s = (fq + w2 * q * q - (f[r]! + w2 * r * r)) / (2 * w2 * (q - r));
      if (s > z[k]!) break;
      k--;
    }
    k++;
    v[k] = q;
    z[k] = k === 0 ? -Infinity : s;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    out.fill(Infinity, 0, n);
    return;
  }
  let j = 0;
  for (let p = 0; p < n; p++) {
    while (z[j + 1]! < p) j++;
    const r = v[j]!;
    out[p] = w2 * (p - r) * (p - r) + f[r]!;
  }
}

/**
 * Squared distance (mm^2) from each pixel centre to the nearest pixel where `isSite(value)` holds;
 * Infinity everywhere when there is no such pixel. `image` is width x height, row-major.
 */
export function squaredDistanceMap2d(
  image: Uint8Array,
  width: number,
  height: number,
  spacingMm: readonly [number, number],
  siteValue: 0 | 1,
): Float64Array {
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const line = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const rows = new Float64Array(width * height);
  const wx2 = spacingMm[0] * spacingMm[0];
  const wy2 = spacingMm[1] * spacingMm[1];
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) f[i] = image[i + j * width] === siteValue ? 0 : Infinity;
    envelope1d(f, width, wx2, line, v, z);
    rows.set(line.subarray(0, width), j * width);
  }
  const out = new Float64Array(width * height);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < height; j++) f[j] = rows[i + j * width]!;
    envelope1d(f, height, wy2, line, v, z);
    for (let j = 0; j < height; j++) out[i + j * width] = line[j]!;
  }
  return out;
}

/**
 * Signed distance (mm): inside pixels get minus the distance to the nearest outside centre, outside
 * pixels the distance to the nearest inside centre. The zero level lies between the boundary pixels
 * of the two sides, so inside/outside are symmetric.
 */
export function signedDistanceMap2d(mask: Uint8Array, width: number, height: number, spacingMm: readonly [number, number]): Float64Array {
  const toInside = squaredDistanceMap2d(mask, width, height, spacingMm, 1);
  const toOutside = squaredDistanceMap2d(mask, width, height, spacingMm, 0);
  const out = new Float64Array(width * height);
  for (let x = 0; x < out.length; x++) out[x] = mask[x] === 0 ? Math.sqrt(toInside[x]!) : -Math.sqrt(toOutside[x]!);
  return out;
}
