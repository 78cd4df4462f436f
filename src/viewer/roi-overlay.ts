import type { LayerMask } from '../core/roi/model';
import { sparseBox, sparseVoxel } from '../core/roi/sparse-mask';
import { drawVoxelSlice, overlayCanvas, type SliceStyle, type ViewPlaneLike, type VoxelSet } from './mask-slice';
import type { RoiDisplay, Rgb } from './roi-types';
import type { ViewportCell } from './viewport-cell';

const LIVER_REFERENCE_RGB: Rgb = [64, 224, 208];

/**
 * Draws the lesion masks of a viewport's time point over its image, on a canvas of its own, on the
 * acquired images and on coronal / sagittal reformats (the cut through the mask), through patient
 * coordinates (mask-slice.ts), so a mask drawn on the arterial grid shows on the T1 or DWI viewport
 * of the same time point.
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
    const { ctx, dpr } = overlayCanvas(cell, this.canvases, 'hcc-vp-rois');
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
}

function lighten([r, g, b]: Rgb): Rgb {
  return [r + (255 - r) * 0.55, g + (255 - g) * 0.55, b + (255 - b) * 0.55].map(Math.round) as unknown as Rgb;
}

/** A layer of the ROI model as a voxel set (nothing when the mask is empty). */
function voxelSetOf(layer: LayerMask): VoxelSet | null {
  const box = sparseBox(layer.mask);
  return box && { grid: layer.mask.grid, box, inside: (i, j, k) => sparseVoxel(layer.mask, i, j, k) === 1 };
}

function drawLayer(ctx: CanvasRenderingContext2D, cell: ViewportCell, plane: ViewPlaneLike, layer: LayerMask, style: SliceStyle, dpr: number): void {
  const set = voxelSetOf(layer);
  if (set) drawVoxelSlice(ctx, cell, plane, set, style, dpr);
}
