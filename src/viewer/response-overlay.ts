import { el } from './dom';
import { drawVoxelSlice, overlayCanvas, type VoxelSet } from './mask-slice';
import { RESPONSE_COLOURS, RESPONSE_NECROTIC, RESPONSE_VIABLE, type ResponseLabelmap, type ResponseOverlayState } from './response-types';
import type { ViewportCell } from './viewport-cell';

/** Columns the overlay is drawn on: the phase viability is read on, and its subtraction. */
const OVERLAY_COLUMNS = new Set(['arterial', 'subtraction']);

/**
 * Draws viable vs necrotic tumour as filled voxels (no outline: the lesion outlines of the ROI
 * overlay stay on top, as they are) on the arterial and subtraction viewports of each time point,
 * on a canvas of its own under the ROI canvas, with a legend naming the two colours.
 */
export class ResponseOverlay {
  private state: ResponseOverlayState = { byStudy: new Map(), visible: false, opacity: 0.5 };
  private readonly canvases = new Map<string, HTMLCanvasElement>();
  private readonly legends = new Map<string, HTMLElement>();

  set(state: ResponseOverlayState): void {
    this.state = { ...state, opacity: Math.min(1, Math.max(0, state.opacity)) };
  }

  draw(cell: ViewportCell, studyInstanceUid: string | null): void {
    const shown = this.state.visible && OVERLAY_COLUMNS.has(cell.column);
    this.legendOf(cell, shown).hidden = !shown;
    if (!shown && !this.canvases.has(cell.key)) return;
    const { ctx, dpr } = overlayCanvas(cell, this.canvases, 'hcc-vp-response', 'hcc-vp-rois');
    const plane = cell.currentPlane();
    if (!shown || !plane || studyInstanceUid === null) return;
    for (const map of this.state.byStudy.get(studyInstanceUid) ?? []) {
      for (const [label, colour] of [[RESPONSE_VIABLE, RESPONSE_COLOURS.viable], [RESPONSE_NECROTIC, RESPONSE_COLOURS.necrotic]] as const) {
        drawVoxelSlice(ctx, cell, plane, labelSet(map, label), { rgb: colour.rgb, fillAlpha: this.state.opacity, lineWidthPx: 0, dash: [] }, dpr);
      }
    }
  }

  private legendOf(cell: ViewportCell, shown: boolean): HTMLElement {
    let legend = this.legends.get(cell.key);
    if ((!legend || !legend.isConnected) && shown) {
      const item = (c: (typeof RESPONSE_COLOURS)['viable']) =>
        el('div', {}, el('span', { class: 'swatch', style: `background: rgb(${c.rgb.join(',')})` }), c.label);
      legend = el('div', { class: 'hcc-response-legend', 'aria-label': 'Response overlay colours' }, item(RESPONSE_COLOURS.viable), item(RESPONSE_COLOURS.necrotic));
      cell.dom.marks.after(legend);
      this.legends.set(cell.key, legend);
    }
    return legend ?? el('div');
  }
}

/** One label of a labelmap as a voxel set (the whole crop is its box). */
function labelSet(map: ResponseLabelmap, label: number): VoxelSet {
  const [nx, ny, nz] = map.dims;
  return {
    grid: map,
    box: { min: [0, 0, 0], max: [nx - 1, ny - 1, nz - 1] },
    inside: (i, j, k) => i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && map.labels[i + j * nx + k * nx * ny] === label,
  };
}
