import { updateOverlay } from './cell-overlay';
import type { Cine } from './cine';
import type { HangingRow } from './hanging';
import type { KeySettings } from './key-settings';
import type { LoadStatus } from './load-status';
import type { ReferenceMarks } from './reference-marks';
import type { RoomImages } from './room-images';
import type { SliceSync } from './slice-sync';
import { viewportSnapshot, type ViewerSnapshot } from './snapshot';
import { renderStatusBar } from './status-bar';
import type { ViewportCell } from './viewport-cell';

/** The parts of the reading room whose state is published. */
export interface RoomPublisherSources {
  statusBar: HTMLElement;
  load: LoadStatus;
  images: RoomImages;
  sync: SliceSync;
  marks: ReferenceMarks;
  cine: Cine;
  keys: KeySettings;
  /** The hanging's viewports (what loading waits for) and every viewport, the derived ones included. */
  cells(): readonly ViewportCell[];
  allCells(): readonly ViewportCell[];
  rows(): readonly HangingRow[];
  activeKey(): string | null;
  onChange(snapshot: ViewerSnapshot): void;
}

/**
 * What the reading room shows, as plain data (the snapshot hosts and tests read) and on screen (the
 * viewports' overlays, the status bar), published at most once per animation frame however many
 * renders, loads and moves asked for it in between.
 */
export class RoomPublisher {
  private scheduled = false;

  constructor(private readonly sources: RoomPublisherSources) {}

  snapshot(): ViewerSnapshot {
    const { load, images, sync, marks, cine } = this.sources;
    const activeKey = this.sources.activeKey();
    return {
      status: load.status,
      provisional: load.provisional,
      timing: { ...load.timing },
      viewports: this.sources
        .allCells()
        .map((c) => viewportSnapshot(c, c.key === activeKey, c.volume ? images.progressOf(c.volume.id) : undefined, marks.positions.get(c.key))),
      sliceSync: sync.enabled,
      referencePointVisible: marks.visible,
      reference: sync.reference,
      anchors: sync.anchoredRows().map((row) => ({ row, pointLps: sync.anchorOf(row)! })),
      cine: cine.playingKey === null ? null : { key: cine.playingKey, fps: cine.fps },
    };
  }

  /** Publishes on the next animation frame (once, however often it is asked before). */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.publish();
    });
  }

  private publish(): void {
    const { load, images, cine } = this.sources;
    load.update(this.sources.cells(), (id) => images.progressOf(id));
    const rows = this.sources.rows();
    for (const vc of this.sources.allCells()) {
      const row = rows[vc.row];
      if (row) updateOverlay(vc, row.study, vc.volume ? images.progressOf(vc.volume.id) : undefined);
    }
    renderStatusBar(this.sources.statusBar, this.sources.sync, this.sources.marks.visible, rows, {
      cine: cine.playingKey === null ? null : { fps: cine.fps },
      notice: this.sources.keys.loadProblem,
    });
    this.sources.onChange(this.snapshot());
  }
}
