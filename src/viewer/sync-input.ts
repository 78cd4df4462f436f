import { Enums, eventTarget } from '@cornerstonejs/core';
import type { PointerHandlers } from './pointer-input';
import type { SliceSync } from './slice-sync';
import type { ViewportCell } from './viewport-cell';

/**
 * How the user's pointer and scrolling drive the slice sync (slice-sync.ts): resting the pointer on
 * a point makes it the reference point, Shift+click anchors a time point, scrolling acquired images
 * or a reformatted volume moves the reference point, and the other viewports follow. Each move ends
 * with the room's `refresh` (marks redrawn, state published).
 */

/** The pointer handlers (pointer-input.ts) that move the reference point. */
export function syncPointerHandlers(sync: SliceSync, refresh: () => void): Pick<PointerHandlers, 'pointAt' | 'anchorAt' | 'scrolled'> {
  return {
    pointAt: (cell, point) => {
      sync.pointAt(cell.row, point);
      refresh();
    },
    // The user clicked the same lesion in each time point: the anchor of this row.
    anchorAt: (cell, point) => {
      sync.setAnchor(cell.row, point);
      sync.pointAt(cell.row, point);
      sync.moveOthersTo(sync.reference!, cell.key);
      refresh();
    },
    scrolled: (cell, index) => {
      sync.follow(cell, index);
      refresh();
    },
  };
}

/**
 * Follows the scrolling of the reformatted viewports among `cells` (wheel or keys; Cornerstone
 * announces it on its global event target). Returns the function that stops listening.
 */
export function followVolumeScroll(cells: () => readonly ViewportCell[], sync: SliceSync, refresh: () => void): () => void {
  const onScroll = (e: Event): void => {
    const viewportId = (e as CustomEvent<{ viewport?: { id: string } }>).detail?.viewport?.id;
    const cell = cells().find((c) => c.viewportId === viewportId && c.orientation !== 'acquired');
    const plane = cell?.currentPlane();
    if (!cell || !plane) return;
    sync.followPlane(cell, plane.normal, plane.pointLps);
    refresh();
  };
  eventTarget.addEventListener(Enums.Events.VOLUME_VIEWPORT_SCROLL, onScroll);
  return () => eventTarget.removeEventListener(Enums.Events.VOLUME_VIEWPORT_SCROLL, onScroll);
}
