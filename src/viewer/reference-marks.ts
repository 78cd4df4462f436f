import type { Vec3 } from '../core/types/volume';
import { svg } from './dom';
import { isOnPlane } from './view-plane';
import type { SliceSync } from './slice-sync';
import type { ViewportCell } from './viewport-cell';

/** Half-length of the crosshair arms and the gap left around the point (CSS px). */
const ARM_PX = 14;
const GAP_PX = 4;

export interface MarkPosition {
  /** Canvas position (CSS px) of the reference point in this viewport, when it lies on the image shown. */
  referenceCanvas: [number, number] | null;
  anchorCanvas: [number, number] | null;
}

/**
 * Draws the reference point (a crosshair at the same anatomical point in every linked viewport)
 * and the time-point anchors, in an SVG layer over each viewport. Drawn only where the point lies
 * on the image shown: a cross on a slice 1 cm away would point at the wrong anatomy.
 */
export class ReferenceMarks {
  visible = true;
  readonly positions = new Map<string, MarkPosition>();

  constructor(private readonly sync: SliceSync) {}

  draw(cell: ViewportCell): void {
    const layer = cell.dom.marks;
    layer.replaceChildren();
    const position: MarkPosition = { referenceCanvas: null, anchorCanvas: null };
    this.positions.set(cell.key, position);
    const plane = cell.currentPlane();
    if (!plane) return;
    const onImage = (p: Vec3 | null): [number, number] | null => (p && isOnPlane(plane, p) ? cell.worldToCanvas(p) : null);

    const ref = this.sync.reference ? this.sync.pointInRow(this.sync.reference, cell.row) : null;
    position.referenceCanvas = onImage(ref);
    if (this.visible && position.referenceCanvas) layer.append(...crosshair(position.referenceCanvas));

    position.anchorCanvas = onImage(this.sync.anchorOf(cell.row));
    if (position.anchorCanvas) layer.append(diamond(position.anchorCanvas));
  }
}

function crosshair([x, y]: [number, number]): SVGElement[] {
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    svg('line', { x1: `${x1}`, y1: `${y1}`, x2: `${x2}`, y2: `${y2}`, class: 'hcc-ref' });
  return [
    line(x - ARM_PX, y, x - GAP_PX, y),
    line(x + GAP_PX, y, x + ARM_PX, y),
    line(x, y - ARM_PX, x, y - GAP_PX),
    line(x, y + GAP_PX, x, y + ARM_PX),
  ];
}

function diamond([x, y]: [number, number]): SVGElement {
  const r = 6;
  return svg('polygon', { points: `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`, class: 'hcc-anchor' });
}
