/**
 * Brush shapes as patches (sparse masks on the drawing grid). Paint = union with the layer, eraser =
 * subtract (layer-edit.ts). Distances are in millimetres, so a circle stays round on anisotropic pixels.
 *
 * Rule: voxel (i, j, k) is in the brush when its centre lies within the radius, boundary included:
 * ((i-ci)*sx)^2 + ((j-cj)*sy)^2 [+ ((k-ck)*sz)^2 for the sphere] <= r^2, with (ci, cj, ck) the
 * continuous voxel index of the brush centre. The circle lies on slice round(ck). The i, j, k axes are
 * taken as orthogonal, as DICOM grids are.
 */
import { HccError } from '../errors';
import { gridAffine, lpsToIjk } from '../geometry/affine';
import type { GridGeometry, Vec3 } from '../types/volume';
import { unionMasks } from './mask-ops';
import { emptySparseMask, planeFromWindow, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask } from './sparse-mask';

export type BrushShape = 'circle' | 'sphere';

export interface BrushParams {
  grid: GridGeometry;
  shape: BrushShape;
  /** Brush centre as a continuous voxel index (the viewer converts world points with lpsToIjk). */
  centreIjk: Vec3;
  radiusMm: number;
}

/** Continuous voxel index of a patient point on `grid` (for callers holding LPS positions). */
export function lpsToBrushCentre(grid: GridGeometry, pointLps: Vec3): Vec3 {
  const a = gridAffine(grid);
  return lpsToIjk(a, pointLps[0], pointLps[1], pointLps[2]);
}

function checkBrush(p: BrushParams): void {
  if (!(p.radiusMm > 0) || !Number.isFinite(p.radiusMm)) throw new HccError('INVALID_INPUT', `brush radius must be a positive number of mm, got ${p.radiusMm}`);
  if (!p.centreIjk.every(Number.isFinite)) throw new HccError('INVALID_INPUT', 'brush centre is not a finite point');
}

/** Voxels of one slice whose centre is within sqrt(r2) mm of (ci, cj); null when none (r2 < 0: the sphere misses the slice). */
function discPlane(grid: GridGeometry, ci: number, cj: number, r2: number): PlaneMask | null {
  if (r2 < 0) return null;
  const [sx, sy] = grid.spacingMm;
  const r = Math.sqrt(r2);
  // One voxel of slack on each side: the distance test below decides, not the rounding of r / s.
  const i0 = Math.max(0, Math.floor(ci - r / sx));
  const i1 = Math.min(grid.dims[0] - 1, Math.ceil(ci + r / sx));
  const j0 = Math.max(0, Math.floor(cj - r / sy));
  const j1 = Math.min(grid.dims[1] - 1, Math.ceil(cj + r / sy));
  if (i1 < i0 || j1 < j0) return null;
  const window = { i0, j0, width: i1 - i0 + 1, height: j1 - j0 + 1 };
  const data = new Uint8Array(window.width * window.height);
  for (let j = j0; j <= j1; j++) {
    const dy = (j - cj) * sy;
    for (let i = i0; i <= i1; i++) {
      const dx = (i - ci) * sx;
      if (dx * dx + dy * dy <= r2) data[(i - i0) + (j - j0) * window.width] = 1;
    }
  }
  return planeFromWindow(data, window, grid);
}

/** The brush footprint as a patch on `grid`. */
export function brushPatch(params: BrushParams): SparseMask {
  checkBrush(params);
  const { grid, centreIjk: [ci, cj, ck], radiusMm } = params;
  const r2 = radiusMm * radiusMm;
  const updates = new Map<number, PlaneMask | null>();
  if (params.shape === 'circle') {
    const k = Math.round(ck);
    if (k >= 0 && k < grid.dims[2]) updates.set(k, discPlane(grid, ci, cj, r2));
  } else {
    const sz = grid.spacingMm[2];
    const k0 = Math.max(0, Math.floor(ck - radiusMm / sz));
    const k1 = Math.min(grid.dims[2] - 1, Math.ceil(ck + radiusMm / sz));
    for (let k = k0; k <= k1; k++) {
      const dz = (k - ck) * sz;
      updates.set(k, discPlane(grid, ci, cj, r2 - dz * dz));
    }
  }
  return withPlanes(emptySparseMask(grid), updates);
}

/** A drag: the union of the brush at each centre (one edit for the whole stroke). */
export function strokePatch(params: Omit<BrushParams, 'centreIjk'> & { centresIjk: readonly Vec3[] }): SparseMask {
  let patch = emptySparseMask(params.grid);
  for (const centreIjk of params.centresIjk) patch = unionMasks(patch, brushPatch({ ...params, centreIjk }));
  return patch;
}
