/**
 * Closed contour polygon -> mask of one slice, by voxel-centre inclusion.
 *
 * Rule (even-odd with the top-left tie rule, as GPU rasterisers use):
 * - Coordinates are continuous in-plane voxel indices (u = i along a row, v = j down the columns);
 *   voxel (i, j) has its centre at (u, v) = (i, j).
 * - Row j meets an edge when min(v) <= j < max(v) (horizontal edges meet no row). The crossings of
 *   all rings on that row are pooled; a centre is inside when an odd number of crossings lie at or
 *   left of it (x <= i). Holes and self-overlaps therefore follow the even-odd rule.
 * - Consequences: a centre exactly on a left or top edge is inside, on a right or bottom edge
 *   outside; an axis-aligned rectangle with integer corners covers exactly width x height voxels, and
 *   polygons sharing an edge never both claim a centre on it.
 * - Vertices are first rounded to 1/1024 voxel. Every comparison after that is exact integer
 *   arithmetic in doubles (|coordinate| <= 16384 voxels keeps products below 2^53), so ties are
 *   decided by the rule above, never by floating-point noise (e.g. mm -> voxel conversions).
 */
import { HccError } from '../errors';
import { gridAffine, lpsToIjk } from '../geometry/affine';
import type { GridGeometry, Vec3 } from '../types/volume';
import { emptySparseMask, planeFromWindow, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask } from './sparse-mask';

/** In-plane point (u, v) in continuous voxel indices of one slice. */
export type PointUv = readonly [number, number];

/** Sub-voxel quantum of vertex coordinates: 1/1024 voxel. */
const SCALE = 1024;
/** Largest |coordinate| (voxels) for which the integer arithmetic stays exact. */
export const MAX_CONTOUR_COORDINATE_VOXELS = 16384;

interface Edge {
  /** Upper end (smaller v), scaled integers. */
  u0: number;
  v0: number;
  du: number;
  /** > 0 */
  dv: number;
}

function edgesOf(rings: ReadonlyArray<ReadonlyArray<PointUv>>): Edge[] {
  const edges: Edge[] = [];
  for (const ring of rings) {
    if (ring.length < 3) throw new HccError('INVALID_INPUT', `a contour ring needs at least 3 points, got ${ring.length}`);
    const q = ring.map(([u, v]) => {
      if (!Number.isFinite(u) || !Number.isFinite(v) || Math.abs(u) > MAX_CONTOUR_COORDINATE_VOXELS || Math.abs(v) > MAX_CONTOUR_COORDINATE_VOXELS) {
        throw new HccError('INVALID_INPUT', `contour point (${u}, ${v}) is not finite or lies more than ${MAX_CONTOUR_COORDINATE_VOXELS} voxels from the image`);
      }
      return [Math.round(u * SCALE), Math.round(v * SCALE)] as const;
    });
    for (let n = 0; n < q.length; n++) {
      const a = q[n]!;
      const b = q[(n + 1) % q.length]!;
      if (a[1] === b[1]) continue;
      const [top, bottom] = a[1] < b[1] ? [a, b] : [b, a];
      edges.push({ u0: top[0], v0: top[1], du: bottom[0] - top[0], dv: bottom[1] - top[1] });
    }
  }
  return edges;
}

/**
 * Rasterises rings given in in-plane voxel coordinates onto one slice of `grid`. Returns the set voxels as
 * a tight plane (null when no centre is inside). Parts outside the image are clipped.
 */
export function rasterizeRingsUv(rings: ReadonlyArray<ReadonlyArray<PointUv>>, grid: Pick<GridGeometry, 'dims'>): PlaneMask | null {
  const [nx, ny] = grid.dims;
  const edges = edgesOf(rings);
  if (edges.length === 0) return null;
  let vMin = Infinity, vMax = -Infinity;
  for (const e of edges) {
    vMin = Math.min(vMin, e.v0);
    vMax = Math.max(vMax, e.v0 + e.dv);
  }
  // Rows j with vMin <= j*SCALE < vMax, clipped to the image.
  const jFirst = Math.max(0, Math.ceil(vMin / SCALE));
  const jLast = Math.min(ny - 1, Math.ceil(vMax / SCALE) - 1);
  if (jLast < jFirst) return null;
  const crossings: number[][] = Array.from({ length: jLast - jFirst + 1 }, () => []);
  for (const e of edges) {
    const from = Math.max(jFirst, Math.ceil(e.v0 / SCALE));
    const to = Math.min(jLast, Math.ceil((e.v0 + e.dv) / SCALE) - 1);
    for (let j = from; j <= to; j++) {
      // Crossing x = u0 + (J - v0) * du / dv (scaled); the first centre at or right of it is
      // ceil(x / SCALE) = ceil(numerator / (dv * SCALE)), with an exact integer numerator.
      const numerator = e.u0 * e.dv + (j * SCALE - e.v0) * e.du;
      crossings[j - jFirst]!.push(Math.ceil(numerator / (e.dv * SCALE)));
    }
  }
  let iMin = Infinity, iMax = -Infinity;
  for (const row of crossings) {
    row.sort((a, b) => a - b);
    if (row.length > 0) {
      iMin = Math.min(iMin, row[0]!);
      iMax = Math.max(iMax, row[row.length - 1]! - 1);
    }
  }
  const i0 = Math.max(0, iMin);
  const i1 = Math.min(nx - 1, iMax);
  if (i1 < i0) return null;
  const window = { i0, j0: jFirst, width: i1 - i0 + 1, height: jLast - jFirst + 1 };
  const data = new Uint8Array(window.width * window.height);
  crossings.forEach((row, y) => {
    // Pairs [c0, c1), [c2, c3), ...: the centres with an odd number of crossings at or left of them.
    for (let p = 0; p + 1 < row.length; p += 2) {
      const from = Math.max(row[p]!, i0);
      const to = Math.min(row[p + 1]!, i1 + 1);
      for (let i = from; i < to; i++) data[(i - i0) + y * window.width] = 1;
    }
  });
  return planeFromWindow(data, window, grid);
}

export interface PolygonIjkParams {
  grid: GridGeometry;
  /** Slice the contour was drawn on. */
  sliceIndex: number;
  /** Closed rings (the last point connects to the first) in continuous (i, j) voxel indices. */
  rings: ReadonlyArray<ReadonlyArray<PointUv>>;
}

/** Contour in voxel coordinates -> patch (a one-slice sparse mask on `grid`). */
export function rasterizePolygonIjk(params: PolygonIjkParams): SparseMask {
  const { grid, sliceIndex } = params;
  if (!Number.isInteger(sliceIndex) || sliceIndex < 0 || sliceIndex >= grid.dims[2]) {
    throw new HccError('INVALID_INPUT', `slice ${sliceIndex} is outside the grid (0..${grid.dims[2] - 1})`);
  }
  const plane = rasterizeRingsUv(params.rings, grid);
  return withPlanes(emptySparseMask(grid), new Map([[sliceIndex, plane]]));
}

export interface PolygonLpsParams {
  grid: GridGeometry;
  /** Closed rings of patient (LPS, mm) points lying on one slice of the grid. */
  rings: ReadonlyArray<ReadonlyArray<Vec3>>;
  /** Slice to draw on; default: the slice nearest the points' mean position. */
  sliceIndex?: number;
  /** Points farther than this from the slice plane (in slices) are refused. Default 0.5. */
  maxOffPlaneSlices?: number;
}

/**
 * Contour in patient coordinates -> patch. Each point is projected onto the slice plane along the grid's
 * slice axis (the normal for DICOM's orthonormal directions), so tilted (oblique) grids are handled
 * exactly; a contour drawn on a plane crossing the slices (e.g. a coronal view of an axial grid) is
 * refused with INVALID_INPUT.
 */
export function rasterizePolygonLps(params: PolygonLpsParams): { patch: SparseMask; sliceIndex: number } {
  const { grid } = params;
  const affine = gridAffine(grid);
  const ijkRings = params.rings.map((ring) => ring.map((p) => lpsToIjk(affine, p[0], p[1], p[2])));
  const all = ijkRings.flat();
  if (all.length === 0) throw new HccError('INVALID_INPUT', 'the contour has no points');
  const sliceIndex = params.sliceIndex ?? Math.round(all.reduce((s, p) => s + p[2], 0) / all.length);
  const limit = params.maxOffPlaneSlices ?? 0.5;
  const worst = Math.max(...all.map((p) => Math.abs(p[2] - sliceIndex)));
  if (worst > limit) {
    throw new HccError(
      'INVALID_INPUT',
      `the contour is not on slice ${sliceIndex} of this grid: a point lies ${worst.toFixed(2)} slices off it ` +
        '(drawn on a view that cuts across the slices?)',
    );
  }
  const patch = rasterizePolygonIjk({ grid, sliceIndex, rings: ijkRings.map((ring) => ring.map((p) => [p[0], p[1]] as const)) });
  return { patch, sliceIndex };
}
