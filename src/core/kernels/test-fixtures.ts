/**
 * Helpers for the kernel and geometry tests only (never imported by production code):
 * small grids, a seeded PRNG, explicit voxel-centre coordinates.
 */
import type { Direction3, GridGeometry, Mask3D, Vec3, Volume3D, VoxelArray } from '../types/volume';

export const AXIAL: Direction3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function grid(dims: Vec3, spacingMm: Vec3 = [1, 1, 1], originLps: Vec3 = [0, 0, 0], direction: Direction3 = AXIAL): GridGeometry {
  return { dims: [...dims] as Vec3, spacingMm: [...spacingMm] as Vec3, originLps: [...originLps] as Vec3, direction: [...direction] as Direction3 };
}

export function volumeOf<T extends VoxelArray>(g: GridGeometry, data: T): Volume3D<T> {
  return { ...grid(g.dims, g.spacingMm, g.originLps, g.direction), data };
}

export function emptyMask(g: GridGeometry): Mask3D {
  return volumeOf(g, new Uint8Array(g.dims[0] * g.dims[1] * g.dims[2]));
}

/** Mask with the listed (i, j, k) voxels set. */
export function maskWith(g: GridGeometry, voxels: readonly Vec3[], label = 1): Mask3D {
  const m = emptyMask(g);
  for (const [i, j, k] of voxels) m.data[i + j * g.dims[0] + k * g.dims[0] * g.dims[1]] = label;
  return m;
}

export function index(g: GridGeometry, i: number, j: number, k: number): number {
  return i + j * g.dims[0] + k * g.dims[0] * g.dims[1];
}

/** Voxel centre in LPS written out from the definition in types/volume.ts (independent of affine.ts). */
export function centreLps(g: GridGeometry, i: number, j: number, k: number): Vec3 {
  const d = g.direction;
  const s = g.spacingMm;
  const o = g.originLps;
  return [
    o[0] + i * s[0] * d[0] + j * s[1] * d[3] + k * s[2] * d[6],
    o[1] + i * s[0] * d[1] + j * s[1] * d[4] + k * s[2] * d[7],
    o[2] + i * s[0] * d[2] + j * s[1] * d[5] + k * s[2] * d[8],
  ];
}

/** Mask of the voxels whose centre satisfies `inside(lps)`. */
export function maskFromPredicate(g: GridGeometry, inside: (p: Vec3, i: number, j: number, k: number) => boolean): Mask3D {
  const m = emptyMask(g);
  for (let k = 0; k < g.dims[2]; k++) {
    for (let j = 0; j < g.dims[1]; j++) {
      for (let i = 0; i < g.dims[0]; i++) if (inside(centreLps(g, i, j, k), i, j, k)) m.data[index(g, i, j, k)] = 1;
    }
  }
  return m;
}

/** Seeded PRNG for tests: the phantom generator's, so tests and the phantom share one implementation. */
export { mulberry32 as prng } from '../../../test-data/phantom/prng';

/** Standard normal from a uniform PRNG (Box-Muller). */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Direction cosines of a rotation by angles (rad) about x, then y, then z (rows: i, j, k axes). */
export function rotatedDirection(ax: number, ay: number, az: number): Direction3 {
  const rx = [1, 0, 0, 0, Math.cos(ax), -Math.sin(ax), 0, Math.sin(ax), Math.cos(ax)];
  const ry = [Math.cos(ay), 0, Math.sin(ay), 0, 1, 0, -Math.sin(ay), 0, Math.cos(ay)];
  const rz = [Math.cos(az), -Math.sin(az), 0, Math.sin(az), Math.cos(az), 0, 0, 0, 1];
  const mul = (a: number[], b: number[]): number[] => {
    const out = new Array<number>(9).fill(0);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let t = 0; t < 3; t++) out[r * 3 + c]! += a[r * 3 + t]! * b[t * 3 + c]!;
    return out;
  };
  const r = mul(rz, mul(ry, rx));
  // Columns of R are the rotated axes; direction rows are those axes.
  return [r[0]!, r[3]!, r[6]!, r[1]!, r[4]!, r[7]!, r[2]!, r[5]!, r[8]!];
}
