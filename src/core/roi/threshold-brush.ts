/**
 * Threshold brush: the brush footprint restricted to voxels whose image value lies in
 * [rangeMin, rangeMax] (both ends included; NaN never), then, with island removal, only the part
 * face-connected to the clicked voxel (4-neighbours in the slice for the circle, 6-neighbours for the
 * sphere). When the clicked voxel itself is out of range the patch is empty: the user clicked on
 * something that is not the tissue they asked for.
 */
import { HccError } from '../errors';
import type { Volume3D } from '../types/volume';
import { brushPatch } from './brush';
import type { BrushParams } from './brush';
import { emptySparseMask, planeFromWindow, sparseBox, sparseVoxel, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask } from './sparse-mask';

export interface ThresholdBrushParams extends Omit<BrushParams, 'grid'> {
  /** Image the threshold is read from; the patch is on its grid. */
  image: Volume3D;
  rangeMin: number;
  rangeMax: number;
  /** Keep only the component connected to the click (default true). */
  removeIslands?: boolean;
}

export function thresholdBrushPatch(params: ThresholdBrushParams): SparseMask {
  const { image, rangeMin, rangeMax } = params;
  if (!(rangeMin <= rangeMax)) throw new HccError('INVALID_INPUT', `threshold range [${rangeMin}, ${rangeMax}] is empty or not numeric`);
  const footprint = brushPatch({ ...params, grid: image });
  const box = sparseBox(footprint);
  if (box === null) return footprint;
  const [nx, ny] = image.dims;
  const bw = box.max[0] - box.min[0] + 1;
  const bh = box.max[1] - box.min[1] + 1;
  const bd = box.max[2] - box.min[2] + 1;
  const local = (i: number, j: number, k: number): number => (i - box.min[0]) + (j - box.min[1]) * bw + (k - box.min[2]) * bw * bh;
  const candidate = new Uint8Array(bw * bh * bd);
  for (let k = box.min[2]; k <= box.max[2]; k++) {
    for (let j = box.min[1]; j <= box.max[1]; j++) {
      for (let i = box.min[0]; i <= box.max[0]; i++) {
        if (sparseVoxel(footprint, i, j, k) === 0) continue;
        const v = image.data[i + j * nx + k * nx * ny]!;
        if (v >= rangeMin && v <= rangeMax) candidate[local(i, j, k)] = 1;
      }
    }
  }
  const keep = params.removeIslands === false ? candidate : connectedToSeed(candidate, [bw, bh, bd], seedOf(params, box), params.shape === 'sphere');
  const updates = new Map<number, PlaneMask | null>();
  const window = { i0: box.min[0], j0: box.min[1], width: bw, height: bh };
  for (let z = 0; z < bd; z++) updates.set(box.min[2] + z, planeFromWindow(keep.slice(z * bw * bh, (z + 1) * bw * bh), window, image));
  return withPlanes(emptySparseMask(image), updates);
}

/** Clicked voxel in box-local indices, null when it is outside the footprint box (e.g. off the image). */
function seedOf(params: ThresholdBrushParams, box: NonNullable<ReturnType<typeof sparseBox>>): [number, number, number] | null {
  const s = params.centreIjk.map(Math.round);
  const local = s.map((v, a) => v - box.min[a]!);
  const size = [box.max[0] - box.min[0] + 1, box.max[1] - box.min[1] + 1, box.max[2] - box.min[2] + 1];
  return local.every((v, a) => v >= 0 && v < size[a]!) ? (local as [number, number, number]) : null;
}

/** Face-connected component of `mask` containing the seed (empty when the seed is not set). */
function connectedToSeed(mask: Uint8Array, size: [number, number, number], seed: [number, number, number] | null, threeD: boolean): Uint8Array {
  const out = new Uint8Array(mask.length);
  if (seed === null) return out;
  const [w, h, d] = size;
  const start = seed[0] + seed[1] * w + seed[2] * w * h;
  if (mask[start] === 0) return out;
  const stack = [start];
  out[start] = 1;
  while (stack.length > 0) {
    const at = stack.pop()!;
    const i = at % w;
    const j = Math.floor(at / w) % h;
    const k = Math.floor(at / (w * h));
    const visit = (n: number): void => {
      if (mask[n] === 1 && out[n] === 0) {
        out[n] = 1;
        stack.push(n);
      }
    };
    if (i > 0) visit(at - 1);
    if (i < w - 1) visit(at + 1);
    if (j > 0) visit(at - w);
    if (j < h - 1) visit(at + w);
    if (threeD && k > 0) visit(at - w * h);
    if (threeD && k < d - 1) visit(at + w * h);
  }
  return out;
}
