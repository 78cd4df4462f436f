import { Enums, type Types } from '@cornerstonejs/core';
import type { ViewportCell } from './viewport-cell';
import { windowGroupOf } from './voi-presets';

type Interaction = { key: string; kind: 'window' | 'camera' };

/**
 * Window/level linked per sequence type, zoom and pan linked everywhere, propagated only for what
 * the user does (a drag, a key). Cornerstone's VOI/zoom-pan synchronizers also fire when a viewport
 * sets its own defaults while loading, so the last series to load would impose its window on the
 * others, and they copy colormap/invert unless told not to; this copies the VOI range alone, and
 * zoom/pan (relative to fit and in world mm, so they hold across fields of view).
 */
export class ViewLinks {
  private interaction: Interaction | null = null;
  private readonly endInteraction = () => {
    this.interaction = null;
  };

  constructor(private readonly cells: () => readonly ViewportCell[]) {
    window.addEventListener('mouseup', this.endInteraction, true);
  }

  attach(cell: ViewportCell): void {
    // Which button started the drag decides what the drag changes (left W/L, middle/right pan/zoom).
    cell.on('mousedown', ((e: MouseEvent) => {
      this.interaction = { key: cell.key, kind: e.button === 0 ? 'window' : 'camera' };
    }) as EventListener);
    cell.on(Enums.Events.VOI_MODIFIED, () => {
      if (this.interaction?.key === cell.key && this.interaction.kind === 'window') this.propagateWindow(cell);
    });
    cell.on(Enums.Events.CAMERA_MODIFIED, () => {
      if (this.interaction?.key === cell.key && this.interaction.kind === 'camera') this.propagateZoomPan(cell);
    });
  }

  /** Viewports sharing `cell`'s window (itself excluded). */
  windowPartners(cell: ViewportCell): ViewportCell[] {
    if (!cell.volume) return [];
    const group = windowGroupOf(cell.volume, cell.row);
    return this.cells().filter((c) => c !== cell && c.volume && c.renderCount > 0 && windowGroupOf(c.volume, c.row) === group);
  }

  propagateWindow(source: ViewportCell): void {
    const voiRange = source.voiRange;
    if (!voiRange) return;
    for (const target of this.windowPartners(source)) {
      target.setVoiRange({ ...voiRange }, true);
      target.viewport.render();
    }
  }

  propagateZoomPan(source: ViewportCell): void {
    if (!source.volume || source.renderCount === 0) return;
    const zoom = source.viewport.getZoom();
    const pan = source.viewport.getPan();
    for (const target of this.cells()) {
      if (target === source || !target.volume || target.renderCount === 0) continue;
      target.viewport.setZoom(zoom);
      target.viewport.setPan([pan[0], pan[1]] as Types.Point2);
      target.viewport.render();
    }
  }

  destroy(): void {
    window.removeEventListener('mouseup', this.endInteraction, true);
  }
}
