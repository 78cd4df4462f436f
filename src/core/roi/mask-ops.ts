/**
 * Set operations on sparse masks of one grid. Planes the operation leaves unchanged are shared by
 * reference with the input (so an edit's cost is the planes it touched).
 */
import { assertSameGrid, planeFromWindow, planeToWindow, unionWindow, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask, Window2 } from './sparse-mask';

export type MaskSetOp = 'union' | 'subtract' | 'intersect';

function intersectWindow(a: Window2, b: Window2): Window2 | null {
  const i0 = Math.max(a.i0, b.i0);
  const j0 = Math.max(a.j0, b.j0);
  const i1 = Math.min(a.i0 + a.width, b.i0 + b.width);
  const j1 = Math.min(a.j0 + a.height, b.j0 + b.height);
  return i1 > i0 && j1 > j0 ? { i0, j0, width: i1 - i0, height: j1 - j0 } : null;
}

/** One slice of `a op b`; returns `a` itself (same object) when the result equals it. */
export function combinePlanes(
  a: PlaneMask | null,
  b: PlaneMask | null,
  op: MaskSetOp,
  grid: SparseMask['grid'],
): PlaneMask | null {
  if (b === null) return op === 'intersect' ? null : a;
  if (a === null) return op === 'union' ? b : null;
  const window = op === 'union' ? unionWindow(a, b)! : op === 'subtract' ? { i0: a.i0, j0: a.j0, width: a.width, height: a.height } : intersectWindow(a, b);
  if (window === null) return op === 'intersect' ? null : a;
  const out = planeToWindow(a, window);
  const other = planeToWindow(b, window);
  let changed = false;
  for (let x = 0; x < out.length; x++) {
    const before = out[x]!;
    const after = op === 'union' ? before | other[x]! : op === 'subtract' ? before & (other[x]! ^ 1) : before & other[x]!;
    if (after !== before) changed = true;
    out[x] = after;
  }
  // Intersect over a smaller window drops a's voxels outside it: that is a change whenever a had any there.
  if (!changed && op !== 'intersect') return a;
  const plane = planeFromWindow(out, window, grid);
  if (op === 'intersect' && plane !== null && samePlane(plane, a)) return a;
  return plane;
}

function samePlane(p: PlaneMask, q: PlaneMask): boolean {
  if (p.i0 !== q.i0 || p.j0 !== q.j0 || p.width !== q.width || p.height !== q.height) return false;
  for (let x = 0; x < p.data.length; x++) if (p.data[x] !== q.data[x]) return false;
  return true;
}

/** `a op b` voxel by voxel (both on one grid, else GEOMETRY_MISMATCH). */
export function combineMasks(a: SparseMask, b: SparseMask, op: MaskSetOp): SparseMask {
  assertSameGrid(a.grid, b.grid, `mask ${op}`);
  const updates = new Map<number, PlaneMask | null>();
  a.planes.forEach((pa, k) => {
    const result = combinePlanes(pa, b.planes[k] ?? null, op, a.grid);
    if (result !== pa) updates.set(k, result);
  });
  return withPlanes(a, updates);
}

export const unionMasks = (a: SparseMask, b: SparseMask): SparseMask => combineMasks(a, b, 'union');
export const subtractMasks = (a: SparseMask, b: SparseMask): SparseMask => combineMasks(a, b, 'subtract');
export const intersectMasks = (a: SparseMask, b: SparseMask): SparseMask => combineMasks(a, b, 'intersect');
