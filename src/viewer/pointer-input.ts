import { Enums } from '@cornerstonejs/core';
import type { Vec3 } from '../core/types/volume';
import type { ViewportCell } from './viewport-cell';

/** What the room does with the pointer and with scrolling in one viewport. */
export interface PointerHandlers {
  activate(cell: ViewportCell): void;
  /** The pointer rests on a patient point (no button): the reference point. */
  pointAt(cell: ViewportCell, pointLps: Vec3): void;
  /** Shift+click: this time point's anchor. */
  anchorAt(cell: ViewportCell, pointLps: Vec3): void;
  /** The user scrolled the acquired images (wheel or Cornerstone's scroll) to `index`. */
  scrolled(cell: ViewportCell, index: number): void;
  rendered(cell: ViewportCell): void;
}

/** Patient point under the mouse (on the plane shown). */
function eventPoint(cell: ViewportCell, e: MouseEvent): Vec3 | null {
  const rect = cell.dom.element.getBoundingClientRect();
  return cell.canvasToWorld(e.clientX - rect.left, e.clientY - rect.top);
}

/**
 * Listens on one viewport's element. STACK_VIEWPORT_SCROLL is the user's scroll (Cornerstone fires
 * it from viewport.scroll, which the wheel tool calls), never the index changes slice sync makes,
 * so following it cannot loop.
 */
export function wirePointer(cell: ViewportCell, handlers: PointerHandlers): void {
  cell.on(Enums.Events.IMAGE_RENDERED, () => handlers.rendered(cell));
  cell.on(Enums.Events.STACK_VIEWPORT_SCROLL, ((e: CustomEvent<{ newImageIdIndex: number }>) => handlers.scrolled(cell, e.detail.newImageIdIndex)) as EventListener);
  cell.on('mousemove', ((e: MouseEvent) => {
    if (e.buttons !== 0) return;
    const point = eventPoint(cell, e);
    if (point) handlers.pointAt(cell, point);
  }) as EventListener);
  cell.on('mousedown', ((e: MouseEvent) => {
    handlers.activate(cell);
    if (e.button !== 0 || !e.shiftKey) return;
    const point = eventPoint(cell, e);
    if (point) handlers.anchorAt(cell, point);
  }) as EventListener);
}
