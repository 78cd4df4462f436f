import type { SeriesVolume } from '../core/dicom/model';
import { el } from './dom';
import { fillSeriesSelect } from './grid-view';
import type { HangingCell } from './hanging';
import type { ViewportCell } from './viewport-cell';

/**
 * Helpers of the reading room's progressive display: the room is shown from a provisional tree
 * (complete series only, phases that may still change) while files are read, then updated in place.
 */

export const PROVISIONAL_TITLE = 'Files are still being read: the phase of this series and the hanging may still change';

/**
 * Marks every viewport's header while the hanging is provisional (the classification compares
 * series that are not all read yet), and removes the mark when the final tree arrives.
 */
export function markProvisional(cells: readonly ViewportCell[], provisional: boolean): void {
  for (const vc of cells) {
    vc.dom.root.toggleAttribute('data-provisional', provisional);
    // An empty viewport is not "no such series" yet: its series may be among the files still unread.
    const empty = vc.dom.empty;
    empty.dataset['final'] ??= empty.textContent ?? '';
    empty.textContent = provisional ? 'Reading files...' : empty.dataset['final'];
    const existing = vc.dom.root.querySelector('.hcc-vp-provisional');
    if (!provisional) {
      existing?.remove();
      continue;
    }
    if (existing) continue;
    const badge = el(
      'span',
      {
        class: 'hcc-vp-provisional',
        title: PROVISIONAL_TITLE,
        style: 'flex:none;padding:0 4px;font-size:10px;color:#1a1300;background:#f5c542;border-radius:3px',
      },
      'provisional',
    );
    vc.dom.root.querySelector('.hcc-vp-head')?.append(badge);
  }
}

/**
 * Applies a new hanging to the viewports (in load order): each picker lists the new candidates;
 * a viewport whose series or images changed is shown again (`show`), one whose series is the same
 * keeps its image, zoom and drawings and only takes the new volume record (its phase may have
 * changed). Viewports not `started` by show() yet are left to it. Returns the shows begun.
 */
export function rehang(
  cells: readonly ViewportCell[],
  hangingOf: (key: string) => HangingCell,
  volumes: Map<string, SeriesVolume>,
  started: ReadonlySet<string>,
  show: (vc: ViewportCell, volumeId: string | null) => Promise<void>,
): Promise<void>[] {
  const shows: Promise<void>[] = [];
  for (const vc of cells) {
    const h = hangingOf(vc.key);
    fillSeriesSelect(vc.dom.select, h, volumes);
    if (!started.has(vc.key)) continue;
    const next = h.volumeId === null ? null : (volumes.get(h.volumeId) ?? null);
    if (mustShowAgain(vc.assignedVolumeId, vc.volume, h.volumeId, next)) shows.push(show(vc, h.volumeId));
    else if (next && vc.volume) {
      vc.volume = next;
      vc.dom.root.dataset['phase'] = next.classification.phase;
    }
  }
  return shows;
}

/**
 * Whether a viewport showing `shown` (assigned `assignedId`) must show its stack again to follow a
 * new hanging that puts `nextId` (`next`) there: another series, or the same one with other images.
 */
export function mustShowAgain(assignedId: string | null, shown: SeriesVolume | null, nextId: string | null, next: SeriesVolume | null): boolean {
  return nextId !== assignedId || (next !== null && shown !== null && !sameImages(shown, next));
}

/** Whether two versions of a volume list the same images in the same order (else the stack is shown again). */
export function sameImages(a: SeriesVolume, b: SeriesVolume): boolean {
  if (a.frames.length !== b.frames.length) return false;
  return a.frames.every((f, i) => f.fileName === b.frames[i]!.fileName && f.frameIndex === b.frames[i]!.frameIndex);
}
