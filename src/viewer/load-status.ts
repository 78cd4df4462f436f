import type { VolumeProgress } from './loading';
import { emptyTiming, type ViewerStatus, type ViewerTiming } from './snapshot';
import type { ViewportCell } from './viewport-cell';

/**
 * Where loading stands (empty -> loading -> first image -> every phase visible -> every image
 * cached) and when each stage was reached: for the test hooks and the benchmark.
 */
export class LoadStatus {
  status: ViewerStatus = 'empty';
  timing: ViewerTiming = emptyTiming(null);
  /**
   * The room shows a provisional tree (files still being read): the first image counts, but not
   * "every phase visible", which needs the final hanging.
   */
  provisional = false;

  start(startedAtMs: number, provisional = false): void {
    this.status = 'loading';
    this.timing = emptyTiming(startedAtMs);
    this.provisional = provisional;
  }

  reset(): void {
    this.status = 'empty';
    this.timing = emptyTiming(null);
    this.provisional = false;
  }

  /** A viewport drew; `cells` are all viewports of the room. */
  rendered(cell: ViewportCell, cells: readonly ViewportCell[], progressOf: (volumeId: string) => VolumeProgress | undefined): void {
    const now = performance.now();
    if (cell.firstRenderAtMs === null) cell.firstRenderAtMs = now;
    if (this.status === 'empty') return;
    if (this.timing.firstImageAtMs === null) {
      this.timing.firstImageAtMs = now;
      this.timing.firstImageViewport = cell.key;
      this.status = 'first-image';
    }
    this.update(cells, progressOf);
  }

  /**
   * Every phase is visible once each viewport drew (a series none of whose images decodes counts
   * as settled: it will never draw); done once every shown volume is in the cache (or failed).
   */
  update(cells: readonly ViewportCell[], progressOf: (volumeId: string) => VolumeProgress | undefined): void {
    if (this.status === 'first-image' && this.timing.allVisibleAtMs === null && !this.provisional) {
      const settled = cells.every((c) => {
        if (c.assignedVolumeId === null || (c.volume?.id === c.assignedVolumeId && c.renderCount > 0)) return true;
        const p = progressOf(c.assignedVolumeId);
        return p !== undefined && p.failed >= p.total;
      });
      if (!settled) return;
      this.timing.allVisibleAtMs = performance.now();
      this.status = 'all-visible';
    }
    if (this.status !== 'all-visible') return;
    const complete = cells.every((c) => {
      if (c.assignedVolumeId === null) return true;
      const p = progressOf(c.assignedVolumeId);
      return p !== undefined && p.loaded + p.failed >= p.total;
    });
    if (complete) {
      this.status = 'all-loaded';
      this.timing.allLoadedAtMs = performance.now();
    }
  }
}
