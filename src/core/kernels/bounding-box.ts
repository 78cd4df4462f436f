import type { GridGeometry, Mask3D, Vec3 } from '../types/volume';

/** Inclusive voxel-index box: min[a] <= index[a] <= max[a] on every axis. */
export interface IjkBox {
  min: Vec3;
  max: Vec3;
}

export interface BoundingBoxParams {
  mask: Mask3D;
}

export interface BoundingBoxResult {
  /** null when the mask has no non-zero voxel. */
  box: IjkBox | null;
  /** Number of non-zero mask voxels. */
  voxelCount: number;
}

/**
 * Bounding box of the non-zero voxels of a mask.
 * This is the one kernel that must look at the whole grid; it skips empty space four bytes at a
 * time, row by row, so finding a small ROI in a large study costs about a quarter of a byte loop.
 * Every other kernel accepts the box it returns so the scan happens once per mask.
 */
export function maskBoundingBox(params: BoundingBoxParams): BoundingBoxResult {
  const { data, dims } = params.mask;
  const [nx, ny, nz] = dims;
  const scan = new ZeroSkipper(data);
  let i0 = Infinity, j0 = Infinity, k0 = Infinity, i1 = -1, j1 = -1, k1 = -1;
  let count = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = j * nx + k * nx * ny;
      const first = scan.firstNonZero(row, row + nx);
      if (first < 0) continue;
      let last = row + nx - 1;
      while (data[last] === 0) last--;
      for (let idx = first; idx <= last; idx++) if (data[idx] !== 0) count++;
      if (first - row < i0) i0 = first - row;
      if (last - row > i1) i1 = last - row;
      if (j < j0) j0 = j;
      j1 = Math.max(j1, j);
      if (k < k0) k0 = k;
      k1 = k;
    }
  }
  if (count === 0) return { box: null, voxelCount: 0 };
  return { box: { min: [i0, j0, k0], max: [i1, j1, k1] }, voxelCount: count };
}

/** Finds the first non-zero byte of a range, testing aligned 4-byte words where it can. */
class ZeroSkipper {
  private readonly words: Uint32Array;
  /** Byte index (in `data`) of words[0]. */
  private readonly head: number;

  constructor(private readonly data: Uint8Array) {
    this.head = Math.min(data.length, (4 - (data.byteOffset % 4)) % 4);
    this.words = new Uint32Array(data.buffer, data.byteOffset + this.head, Math.floor((data.length - this.head) / 4));
  }

  /** Index of the first non-zero byte in [from, to), or -1. */
  firstNonZero(from: number, to: number): number {
    const d = this.data;
    let idx = from;
    while (idx < to && (idx - this.head) % 4 !== 0) {
      if (d[idx] !== 0) return idx;
      idx++;
    }
    if (idx >= to) return -1;
    let w = (idx - this.head) / 4;
    const wEnd = Math.min(this.words.length, Math.floor((to - this.head) / 4));
    while (w < wEnd && this.words[w] === 0) w++;
    for (idx = Math.max(idx, this.head + w * 4); idx < to; idx++) if (d[idx] !== 0) return idx;
    return -1;
  }
}

/**
 * The given box, or the mask's own bounding box when none is given (null: empty mask).
 * Every kernel's optional `box` follows this rule: when given, only voxels inside it are visited,
 * so it must hold the whole mask (pass what maskBoundingBox or mapMaskToGrid returned).
 */
export function resolveBox(mask: Mask3D, box: IjkBox | undefined): IjkBox | null {
  return box ?? maskBoundingBox({ mask }).box;
}

/** Smallest box holding both (either may be null). */
export function unionBox(a: IjkBox | null, b: IjkBox | null): IjkBox | null {
  if (!a) return b;
  if (!b) return a;
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/** Overlap of two boxes, null when they do not overlap. */
export function intersectBox(a: IjkBox | null, b: IjkBox | null): IjkBox | null {
  if (!a || !b) return null;
  const min: Vec3 = [Math.max(a.min[0], b.min[0]), Math.max(a.min[1], b.min[1]), Math.max(a.min[2], b.min[2])];
  const max: Vec3 = [Math.min(a.max[0], b.max[0]), Math.min(a.max[1], b.max[1]), Math.min(a.max[2], b.max[2])];
  return min[0] <= max[0] && min[1] <= max[1] && min[2] <= max[2] ? { min, max } : null;
}

/** Box clipped to the grid (null when entirely outside). */
export function clipBoxToGrid(box: IjkBox, grid: Pick<GridGeometry, 'dims'>): IjkBox | null {
  const d = grid.dims;
  return intersectBox(box, { min: [0, 0, 0], max: [d[0] - 1, d[1] - 1, d[2] - 1] });
}

/** Number of voxels in a box. */
export function boxVoxelCount(box: IjkBox): number {
  return (box.max[0] - box.min[0] + 1) * (box.max[1] - box.min[1] + 1) * (box.max[2] - box.min[2] + 1);
}
