import { gridAffine, ijkToLps, lpsToIjk } from '../core/geometry/affine';
import type { IjkBox } from '../core/kernels/bounding-box';
import type { GridGeometry, Vec3 } from '../core/types/volume';
import type { Rgb } from './roi-types';
import type { ViewportCell } from './viewport-cell';

/** A mask slice is drawn on a plane when the plane lies within this fraction of a slice of it. */
const ON_SLICE_TOLERANCE_SLICES = 0.5;
/** Planes must be parallel to draw a slice of a mask (cos of the angle between normals). */
const PARALLEL_COS = 0.999;

/** A set of voxels on a grid, read voxel by voxel (a sparse ROI mask, or one label of a labelmap). */
export interface VoxelSet {
  grid: GridGeometry;
  /** Bounding box of the set voxels (nothing outside it is read). */
  box: IjkBox;
  inside(i: number, j: number, k: number): boolean;
}

export interface SliceStyle {
  rgb: Rgb;
  fillAlpha: number;
  /** Device px; 0 draws no outline. */
  lineWidthPx: number;
  dash: number[];
}

export type ViewPlaneLike = { normal: Vec3; pointLps: Vec3 };

/**
 * The overlay canvas of one kind (class name) over a viewport, sized to its element in device
 * pixels and cleared; created on first use, under the reference marks and over the image.
 */
export function overlayCanvas(
  cell: ViewportCell,
  canvases: Map<string, HTMLCanvasElement>,
  className: string,
  /** Class of an overlay canvas this one goes under, when there is one. */
  under?: string,
): { ctx: CanvasRenderingContext2D; dpr: number } {
  let canvas = canvases.get(cell.key);
  const body = cell.dom.element.parentElement!;
  if (!canvas || canvas.parentElement !== body) {
    canvas = document.createElement('canvas');
    canvas.className = className;
    canvas.setAttribute('aria-hidden', 'true');
    body.insertBefore(canvas, (under ? body.querySelector(`:scope > .${under}`) : null) ?? cell.dom.marks);
    canvases.set(cell.key, canvas);
  }
  const dpr = window.devicePixelRatio || 1;
  const width = Math.round(cell.dom.element.clientWidth * dpr);
  const height = Math.round(cell.dom.element.clientHeight * dpr);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, dpr };
}

/**
 * One voxel set's slice on the plane on screen: voxel squares filled, the boundary between in and
 * out stroked. Each mask slice is mapped through patient coordinates onto the plane on screen with
 * Cornerstone's own projection (worldToCanvas), so the overlay matches the image at every zoom, pan
 * and rotation, on the acquired images and on reformats (the cut through the grid). Oblique cuts
 * are not drawn.
 */
export function drawVoxelSlice(ctx: CanvasRenderingContext2D, cell: ViewportCell, plane: ViewPlaneLike, set: VoxelSet, style: SliceStyle, dpr: number): void {
  const { grid, box } = set;
  const d = grid.direction;
  // The grid axis along the plane's normal: k for the acquired plane, j or i for a coronal or
  // sagittal reformat of an axial grid.
  const cosines = [0, 1, 2].map((a) => Math.abs(d[3 * a]! * plane.normal[0] + d[3 * a + 1]! * plane.normal[1] + d[3 * a + 2]! * plane.normal[2]));
  const axis = cosines.indexOf(Math.max(...cosines));
  if (cosines[axis]! < PARALLEL_COS) return;
  const affine = gridAffine(grid);
  const across = lpsToIjk(affine, ...plane.pointLps)[axis]!;
  const fixed = Math.round(across);
  if (Math.abs(across - fixed) > ON_SLICE_TOLERANCE_SLICES || fixed < box.min[axis]! || fixed > box.max[axis]!) return;
  const [ua, va] = axis === 2 ? [0, 1] : axis === 1 ? [0, 2] : [1, 2];
  const ijk = (u: number, v: number): Vec3 => {
    const p: Vec3 = [0, 0, 0];
    p[axis] = fixed;
    p[ua] = u;
    p[va] = v;
    return p;
  };
  // The cut's (u, v) -> canvas pixels is affine: three projected points give the whole map.
  const at = (u: number, v: number) => cell.worldToCanvas(ijkToLps(affine, ...ijk(u, v)));
  const o = at(0, 0);
  const u = at(1, 0);
  const v = at(0, 1);
  if (!o || !u || !v) return;
  const [r, g, b] = style.rgb;
  const toCanvas = new DOMMatrix([(u[0] - o[0]) * dpr, (u[1] - o[1]) * dpr, (v[0] - o[0]) * dpr, (v[1] - o[1]) * dpr, o[0] * dpr, o[1] * dpr]);
  const fill = new Path2D();
  const edges = new Path2D();
  const inside = (x: number, y: number) => set.inside(...ijk(x, y));
  const outline = style.lineWidthPx > 0;
  for (let y = box.min[va]!; y <= box.max[va]!; y++) {
    for (let x = box.min[ua]!; x <= box.max[ua]!; x++) {
      if (!inside(x, y)) continue;
      fill.rect(x - 0.5, y - 0.5, 1, 1);
      if (!outline) continue;
      if (!inside(x - 1, y)) segment(edges, x - 0.5, y - 0.5, x - 0.5, y + 0.5);
      if (!inside(x + 1, y)) segment(edges, x + 0.5, y - 0.5, x + 0.5, y + 0.5);
      if (!inside(x, y - 1)) segment(edges, x - 0.5, y - 0.5, x + 0.5, y - 0.5);
      if (!inside(x, y + 1)) segment(edges, x - 0.5, y + 0.5, x + 0.5, y + 0.5);
    }
  }
  // Paths are built in voxel units and mapped to device pixels once, so the outline has the same
  // width in every direction (a reformat's voxels are not square on screen).
  const fillPx = new Path2D();
  fillPx.addPath(fill, toCanvas);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = `rgba(${r},${g},${b},${style.fillAlpha})`;
  ctx.fill(fillPx);
  if (outline) {
    const edgesPx = new Path2D();
    edgesPx.addPath(edges, toCanvas);
    ctx.lineWidth = style.lineWidthPx;
    ctx.setLineDash(style.dash);
    ctx.strokeStyle = `rgb(${r},${g},${b})`;
    ctx.stroke(edgesPx);
  }
  ctx.restore();
}

function segment(path: Path2D, x0: number, y0: number, x1: number, y1: number): void {
  path.moveTo(x0, y0);
  path.lineTo(x1, y1);
}
