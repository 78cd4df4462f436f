import { gridAffine, ijkToLps, lpsToIjk } from '../core/geometry/affine';
import type { LayerMask } from '../core/roi/model';
import { sparseBox, sparseVoxel } from '../core/roi/sparse-mask';
import type { Vec3 } from '../core/types/volume';
import type { RoiDisplay, Rgb } from './roi-types';
import type { ViewportCell } from './viewport-cell';

/** A mask slice is drawn on a plane when the plane lies within this fraction of a slice of it. */
const ON_SLICE_TOLERANCE_SLICES = 0.5;
/** Planes must be parallel to draw a slice of a mask (cos of the angle between normals). */
const PARALLEL_COS = 0.999;
const LIVER_REFERENCE_RGB: Rgb = [64, 224, 208];

interface LayerStyle {
  fillAlpha: number;
  lineWidthPx: number;
  dash: number[];
  rgb: Rgb;
}

/**
 * Draws the lesion masks of a viewport's time point over its image, on a canvas of its own, on the
 * acquired images and on coronal / sagittal reformats (the cut through the mask). Each mask slice is mapped through patient coordinates onto the plane on screen (so a mask drawn on
 * the arterial grid shows on the T1 or DWI viewport of the same time point), using Cornerstone's
 * own projection (worldToCanvas) so the overlay matches the image at every zoom, pan and rotation.
 * The masks stay in the host's model: nothing here is a second copy to keep in step.
 */
export class RoiOverlay {
  private display: RoiDisplay | null = null;
  private readonly canvases = new Map<string, HTMLCanvasElement>();

  set(display: RoiDisplay): void {
    this.display = display;
  }

  forget(cell: ViewportCell): void {
    this.canvases.get(cell.key)?.remove();
    this.canvases.delete(cell.key);
  }

  draw(cell: ViewportCell, studyInstanceUid: string | null): void {
    const canvas = this.canvasOf(cell);
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
    const d = this.display;
    const tp = d?.model?.timePoints.find((t) => t.studyInstanceUid === studyInstanceUid);
    if (!d || !tp) return;
    const plane = cell.currentPlane();
    if (!plane) return;
    for (const lesion of tp.lesions) {
      const rgb = d.lesionColour(lesion.lesionNumber);
      const active = lesion.lesionNumber === d.activeLesion;
      const activeWidth = (layer: string) => (active && d.activeLayer === layer ? 3 : active ? 2 : 1.25);
      if (lesion.tumour) drawLayer(ctx, cell, plane, lesion.tumour, { rgb, fillAlpha: 0.22, lineWidthPx: activeWidth('tumour') * dpr, dash: [] }, dpr);
      // Enhancing part: lighter, denser fill and a dashed outline, so it reads apart from the tumour.
      if (lesion.enhancing) drawLayer(ctx, cell, plane, lesion.enhancing, { rgb: lighten(rgb), fillAlpha: 0.4, lineWidthPx: activeWidth('enhancing') * dpr, dash: [4 * dpr, 3 * dpr] }, dpr);
    }
    if (tp.liverReference) {
      const width = d.activeLayer === 'liverReference' ? 2.5 : 1.25;
      drawLayer(ctx, cell, plane, tp.liverReference, { rgb: LIVER_REFERENCE_RGB, fillAlpha: 0.15, lineWidthPx: width * dpr, dash: [2 * dpr, 2 * dpr] }, dpr);
    }
  }

  private canvasOf(cell: ViewportCell): HTMLCanvasElement {
    let canvas = this.canvases.get(cell.key);
    if (!canvas || canvas.parentElement !== cell.dom.element.parentElement) {
      canvas = document.createElement('canvas');
      canvas.className = 'hcc-vp-rois';
      canvas.setAttribute('aria-hidden', 'true');
      // Under the reference marks, over the image.
      cell.dom.element.parentElement!.insertBefore(canvas, cell.dom.marks);
      this.canvases.set(cell.key, canvas);
    }
    return canvas;
  }
}

function lighten([r, g, b]: Rgb): Rgb {
  return [r + (255 - r) * 0.55, g + (255 - g) * 0.55, b + (255 - b) * 0.55].map(Math.round) as unknown as Rgb;
}

/** One mask's slice on the plane on screen: voxel squares filled, the boundary between in and out stroked. */
function drawLayer(
  ctx: CanvasRenderingContext2D,
  cell: ViewportCell,
  plane: { normal: Vec3; pointLps: Vec3 },
  layer: LayerMask,
  style: LayerStyle,
  dpr: number,
): void {
  const { grid } = layer.mask;
  const d = grid.direction;
  // The grid axis along the plane's normal: k for the acquired plane, j or i for a coronal or
  // sagittal reformat of an axial grid. Oblique cuts through the grid are not drawn.
  const cosines = [0, 1, 2].map((a) => Math.abs(d[3 * a]! * plane.normal[0] + d[3 * a + 1]! * plane.normal[1] + d[3 * a + 2]! * plane.normal[2]));
  const axis = cosines.indexOf(Math.max(...cosines));
  if (cosines[axis]! < PARALLEL_COS) return;
  const affine = gridAffine(grid);
  const across = lpsToIjk(affine, ...plane.pointLps)[axis]!;
  const fixed = Math.round(across);
  const box = sparseBox(layer.mask);
  if (!box || Math.abs(across - fixed) > ON_SLICE_TOLERANCE_SLICES || fixed < box.min[axis]! || fixed > box.max[axis]!) return;
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
  const inside = (x: number, y: number) => sparseVoxel(layer.mask, ...ijk(x, y)) === 1;
  for (let y = box.min[va]!; y <= box.max[va]!; y++) {
    for (let x = box.min[ua]!; x <= box.max[ua]!; x++) {
      if (!inside(x, y)) continue;
      fill.rect(x - 0.5, y - 0.5, 1, 1);
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
  const edgesPx = new Path2D();
  edgesPx.addPath(edges, toCanvas);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = `rgba(${r},${g},${b},${style.fillAlpha})`;
  ctx.fill(fillPx);
  ctx.lineWidth = style.lineWidthPx;
  ctx.setLineDash(style.dash);
  ctx.strokeStyle = `rgb(${r},${g},${b})`;
  ctx.stroke(edgesPx);
  ctx.restore();
}

function segment(path: Path2D, x0: number, y0: number, x1: number, y1: number): void {
  path.moveTo(x0, y0);
  path.lineTo(x1, y1);
}
