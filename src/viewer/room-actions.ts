import type { ActionContext } from './actions';
import { Cine } from './cine';
import { clampIndex, ORIENTATIONS, type Orientation, type ViewportCell } from './viewport-cell';

/** What the key actions need from the room besides the moves made here. */
export type RoomActionsHost = Omit<ActionContext, 'step' | 'cycleOrientation' | 'toggleCine'> & {
  /** A computed viewport (the subtraction): it is not reformatted. */
  isDerived(cell: ViewportCell): boolean;
};

/**
 * The reading room as the key actions (actions.ts) see it: builds their ActionContext and makes the
 * moves through images they ask for: a step by whole images (acquired) or planes (reformat) that
 * the other viewports follow, cine (one viewport plays, stepping as a key press would), and cycling
 * a viewport's orientation while keeping the point being read.
 */
export class RoomActions {
  readonly cine = new Cine((cell) => this.cineStep(cell));
  readonly context: ActionContext;

  constructor(private readonly host: RoomActionsHost) {
    this.context = {
      ...host,
      step: (cell, delta) => this.step(cell, delta),
      cycleOrientation: (cell) => this.cycleOrientation(cell),
      toggleCine: (cell) => {
        this.cine.toggle(cell);
        host.refresh();
      },
    };
  }

  /** Next orientation of a viewport: acquired, coronal, sagittal. */
  cycleOrientation(cell: ViewportCell): void {
    if (this.host.isDerived(cell)) return; // a computed stack is not reformatted
    const next = ORIENTATIONS[(ORIENTATIONS.indexOf(cell.orientation) + 1) % ORIENTATIONS.length]!;
    void this.reorient(cell, next);
  }

  /** Keys move by whole images (acquired) or planes (reformat); the others follow. */
  private step(cell: ViewportCell, delta: number): void {
    if (cell.orientation === 'acquired') {
      const i = clampIndex(cell.targetIndex + delta, cell.imageIds.length);
      cell.setIndex(i);
      this.host.sync.follow(cell, i);
    } else {
      // scrolling the volume fires VOLUME_VIEWPORT_SCROLL, which the sync listener follows
      const plane = cell.currentPlane();
      if (plane) cell.scrollBy(clampIndex(plane.index + delta, plane.count) - plane.index);
    }
    this.host.refresh();
  }

  /** One cine frame: the next image (or plane), back to the first after the last. */
  private cineStep(cell: ViewportCell): void {
    if (!this.host.cells().includes(cell) || !cell.volume) return this.cine.stop();
    const count = cell.orientation === 'acquired' ? cell.imageIds.length : (cell.currentPlane()?.count ?? 0);
    const index = cell.orientation === 'acquired' ? cell.targetIndex : (cell.currentPlane()?.index ?? 0);
    if (count <= 1) return this.cine.stop();
    this.step(cell, index + 1 >= count ? -index : 1);
  }

  /** Acquired images or a reformat, keeping the point being read (or the plane's centre). */
  private async reorient(cell: ViewportCell, orientation: Orientation): Promise<void> {
    const plane = cell.currentPlane();
    const sync = this.host.sync;
    const reference = sync.reference ? sync.pointInRow(sync.reference, cell.row) : null;
    await cell.setOrientation(orientation, reference ?? plane?.pointLps ?? null);
    this.host.refresh();
  }
}
