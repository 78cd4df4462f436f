import { cache } from '@cornerstonejs/core';
import type { Vec3, Volume3D } from '../core/types/volume';
import { svg } from './dom';
import type { GestureTarget, RoiGesture, RoiToolState } from './roi-types';
import type { ViewportCell } from './viewport-cell';

/** A drag point is kept only when it moved this far from the last one (CSS px): fewer, cleaner vertices. */
const MIN_STEP_PX = 1.5;

export interface RoiInputHost {
  activate(cell: ViewportCell): void;
  studyOf(cell: ViewportCell): string | null;
  gesture(g: RoiGesture): void;
  /** A gesture that cannot be made here (reformatted view, image not loaded): said to the user. */
  refused(reason: string): void;
}

interface Draft {
  cell: ViewportCell;
  target: GestureTarget;
  pointsLps: Vec3[];
  pointsCanvas: [number, number][];
  path: SVGElement;
  detach(): void;
}

/**
 * The drawing tools' mouse handling: with a drawing tool chosen, a left drag on a viewport becomes
 * one gesture (contour or stroke) on the grid of the series it shows. Our own handling, not
 * Cornerstone's segmentation tools: the host's lesion model stays the only copy of the masks and
 * the core's tested rasterisation decides which voxels are in. The listener sits on the viewport's
 * body in the capture phase, so Cornerstone's window/level never sees a drag meant for drawing;
 * middle/right drag (pan, zoom), the wheel and shift+click (anchor) keep working.
 */
export class RoiInput {
  state: RoiToolState = { tool: 'navigate', brushRadiusMm: 5 };
  private draft: Draft | null = null;
  private readonly cursors = new Map<string, SVGCircleElement>();

  constructor(private readonly host: RoiInputHost) {}

  wire(cell: ViewportCell): void {
    const body = cell.dom.element.parentElement!;
    const onDown = (e: MouseEvent) => {
      if (this.state.tool === 'navigate' || e.button !== 0 || e.shiftKey) return;
      e.stopPropagation();
      e.preventDefault();
      this.host.activate(cell);
      this.start(cell, e);
    };
    const onHover = (e: MouseEvent) => this.showCursor(cell, e);
    const onLeave = () => this.cursors.get(cell.key)?.setAttribute('visibility', 'hidden');
    body.addEventListener('mousedown', onDown, true);
    body.addEventListener('mousemove', onHover);
    body.addEventListener('mouseleave', onLeave);
    cell.dom.root.dataset['roiTool'] = this.state.tool;
  }

  setState(state: RoiToolState, cells: readonly ViewportCell[]): void {
    this.state = { ...state };
    for (const c of cells) c.dom.root.dataset['roiTool'] = state.tool;
    if (state.tool === 'navigate') this.cancel();
  }

  /** Esc: the contour or stroke in progress is dropped. */
  cancel(): boolean {
    if (!this.draft) return false;
    this.draft.detach();
    this.draft = null;
    return true;
  }

  private start(cell: ViewportCell, e: MouseEvent): void {
    this.cancel();
    const target = this.targetOf(cell);
    if (typeof target === 'string') return this.host.refused(target);
    const layer = this.layerOf(cell);
    const path = svg(this.state.tool === 'contour' ? 'polygon' : 'polyline', { class: `hcc-draft hcc-draft-${this.state.tool}` });
    layer.append(path);
    const onMove = (m: MouseEvent) => this.extend(m);
    const onUp = (u: MouseEvent) => {
      if (u.button === 0) this.finish();
    };
    window.addEventListener('mousemove', onMove, true);
    window.addEventListener('mouseup', onUp, true);
    this.draft = {
      cell,
      target,
      pointsLps: [],
      pointsCanvas: [],
      path,
      detach: () => {
        window.removeEventListener('mousemove', onMove, true);
        window.removeEventListener('mouseup', onUp, true);
        path.remove();
      },
    };
    this.extend(e);
  }

  private extend(e: MouseEvent): void {
    const d = this.draft;
    if (!d) return;
    const rect = d.cell.dom.element.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const last = d.pointsCanvas[d.pointsCanvas.length - 1];
    if (last && Math.hypot(x - last[0], y - last[1]) < MIN_STEP_PX) return;
    const p = d.cell.canvasToWorld(x, y);
    if (!p) return;
    d.pointsLps.push(p);
    d.pointsCanvas.push([x, y]);
    d.path.setAttribute('points', d.pointsCanvas.map(([a, b]) => `${a},${b}`).join(' '));
    if (this.state.tool !== 'contour') d.path.setAttribute('stroke-width', String(2 * this.radiusPx(d.cell, p)));
  }

  private finish(): void {
    const d = this.draft;
    if (!d) return;
    d.detach();
    this.draft = null;
    const radiusMm = this.state.brushRadiusMm;
    switch (this.state.tool) {
      case 'contour':
        // Fewer than three points enclose nothing: a click is not a contour.
        if (d.pointsLps.length >= 3) this.host.gesture({ ...d.target, kind: 'contour', ringLps: d.pointsLps });
        return;
      case 'brush':
      case 'eraser':
        return this.host.gesture({ ...d.target, kind: this.state.tool, centresLps: d.pointsLps, radiusMm });
      case 'threshold': {
        const sliceImage = sliceImageOf(d.cell, d.target);
        if (!sliceImage) return this.host.refused('The image under the threshold brush is not loaded yet');
        return this.host.gesture({ ...d.target, kind: 'threshold', centresLps: d.pointsLps, radiusMm, sliceImage });
      }
      default:
        return;
    }
  }

  private targetOf(cell: ViewportCell): GestureTarget | string {
    const volume = cell.volume;
    const study = this.host.studyOf(cell);
    if (!volume || !study || cell.renderCount === 0) return 'Nothing is shown in this viewport to draw on';
    if (cell.orientation !== 'acquired') return 'Draw on the acquired images (press o to leave the reformat)';
    if (!volume.geometry) return 'This series has no regular grid (see the series panel): it cannot hold a mask';
    const { dims, spacingMm, originLps, direction } = volume.geometry;
    return {
      viewportKey: cell.key,
      studyInstanceUid: study,
      volumeId: volume.id,
      grid: { dims: [...dims], spacingMm: [...spacingMm], originLps: [...originLps], direction: [...direction] },
      sliceIndex: cell.displayedIndex,
    };
  }

  /** An SVG layer of our own over the viewport (the reference marks' layer is redrawn on every render). */
  private layerOf(cell: ViewportCell): SVGSVGElement {
    const body = cell.dom.element.parentElement!;
    let layer = body.querySelector<SVGSVGElement>(':scope > svg.hcc-vp-draft');
    if (!layer) {
      layer = svg('svg', { class: 'hcc-vp-marks hcc-vp-draft', 'aria-hidden': 'true' });
      body.append(layer);
    }
    return layer;
  }

  /** The brush radius on screen (CSS px), from the viewport's own projection. */
  private radiusPx(cell: ViewportCell, at: Vec3): number {
    const plane = cell.currentPlane();
    const a = cell.worldToCanvas(at);
    const direction = cell.volume?.geometry?.direction;
    if (!plane || !a || !direction) return 0;
    const r = this.state.brushRadiusMm;
    const b = cell.worldToCanvas([at[0] + direction[0] * r, at[1] + direction[1] * r, at[2] + direction[2] * r]);
    return b ? Math.hypot(b[0] - a[0], b[1] - a[1]) : 0;
  }

  /** The brush outline follows the pointer, so the user sees what a stroke will cover. */
  private showCursor(cell: ViewportCell, e: MouseEvent): void {
    const tool = this.state.tool;
    let cursor = this.cursors.get(cell.key);
    if (tool === 'navigate' || tool === 'contour') {
      cursor?.setAttribute('visibility', 'hidden');
      return;
    }
    const rect = cell.dom.element.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const p = cell.canvasToWorld(x, y);
    if (!p) return;
    if (!cursor || !cursor.isConnected) {
      cursor = svg('circle', { class: `hcc-brush-cursor` });
      this.cursors.set(cell.key, cursor);
    }
    if (cursor.parentNode !== this.layerOf(cell)) this.layerOf(cell).append(cursor);
    cursor.setAttribute('visibility', 'visible');
    cursor.setAttribute('class', `hcc-brush-cursor ${tool}`);
    cursor.setAttribute('cx', String(x));
    cursor.setAttribute('cy', String(y));
    cursor.setAttribute('r', String(this.radiusPx(cell, p)));
  }
}

/** The slice under a threshold stroke as a one-slice volume at slice k of the series' grid (real values). */
function sliceImageOf(cell: ViewportCell, target: GestureTarget): Volume3D | null {
  const image = cache.getImage(cell.imageIds[target.sliceIndex] ?? '');
  if (!image) return null;
  const pixels = (image.voxelManager ? image.voxelManager.getScalarData() : image.getPixelData()) as ArrayLike<number>;
  const { dims, spacingMm, originLps, direction } = target.grid;
  if (pixels.length !== dims[0] * dims[1]) return null;
  const k = target.sliceIndex;
  const step = spacingMm[2] * k;
  return {
    dims: [dims[0], dims[1], 1],
    spacingMm: [...spacingMm],
    originLps: [originLps[0] + direction[6] * step, originLps[1] + direction[7] * step, originLps[2] + direction[8] * step],
    direction: [...direction],
    data: Float32Array.from(pixels),
  };
}
