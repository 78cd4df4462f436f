import type { Phase } from '../core/dicom/model';
import type { Vec3 } from '../core/types/volume';
import { currentWindow } from './cell-overlay';
import type { ViewColumnId } from './hanging';
import type { VolumeProgress } from './loading';
import type { MarkPosition } from './reference-marks';
import type { RowPoint } from './slice-sync';
import type { Orientation, ViewportCell } from './viewport-cell';
import type { WindowLevel } from './voi-presets';

export type ViewerStatus = 'empty' | 'loading' | 'first-image' | 'all-visible' | 'all-loaded';

/** One viewport as tests and hosts see it (plain data, JSON-safe). */
export interface ViewportSnapshot {
  key: string;
  viewportId: string;
  row: number;
  column: ViewColumnId;
  active: boolean;
  volumeId: string | null;
  seriesInstanceUid: string | null;
  seriesDescription: string | null;
  phase: Phase | null;
  bValue: number | null;
  /** Acquired images, or a coronal/sagittal reformat through the volume. */
  orientation: Orientation;
  /** Images (acquired) or planes (reformat) to scroll through. */
  imageCount: number;
  /** Image or plane on screen (0-based; acquired images in our sorted order) and the one being loaded. */
  displayedIndex: number;
  targetIndex: number;
  /** ImagePositionPatient of the image on screen (acquired), LPS mm. */
  positionLps: Vec3 | null;
  /** Centre of the image on screen, or the focal point of a reformatted plane, LPS mm. */
  centreLps: Vec3 | null;
  /** Normal of the plane on screen and its position along it, mm. */
  planeNormal: Vec3 | null;
  slicePositionMm: number | null;
  sliceSpacingMm: number | null;
  renderCount: number;
  progress: VolumeProgress | null;
  window: WindowLevel | null;
  invert: boolean;
  /** Zoom relative to fit-to-viewport (1 = fit) and pan in world mm. */
  zoom: number | null;
  pan: [number, number] | null;
  marks: MarkPosition | null;
}

export interface ViewerTiming {
  /** performance.now() values; null until reached. */
  startedAtMs: number | null;
  firstImageAtMs: number | null;
  /** Which viewport drew the first image (the arterial column loads first). */
  firstImageViewport: string | null;
  allVisibleAtMs: number | null;
  allLoadedAtMs: number | null;
}

export function emptyTiming(startedAtMs: number | null): ViewerTiming {
  return { startedAtMs, firstImageAtMs: null, firstImageViewport: null, allVisibleAtMs: null, allLoadedAtMs: null };
}

export interface ViewerSnapshot {
  status: ViewerStatus;
  /** The hanging comes from a provisional tree: files are still being read, phases may change. */
  provisional: boolean;
  timing: ViewerTiming;
  viewports: ViewportSnapshot[];
  sliceSync: boolean;
  referencePointVisible: boolean;
  reference: RowPoint | null;
  anchors: RowPoint[];
  /** The viewport playing cine, and its rate (images a second); null when none plays. */
  cine: { key: string; fps: number } | null;
}

export function viewportSnapshot(cell: ViewportCell, active: boolean, progress: VolumeProgress | undefined, marks: MarkPosition | undefined): ViewportSnapshot {
  const v = cell.volume;
  const plane = cell.currentPlane();
  const acquired = cell.orientation === 'acquired';
  const index = plane?.index ?? -1;
  const rendered = v !== null && cell.renderCount > 0;
  return {
    key: cell.key,
    viewportId: cell.viewportId,
    row: cell.row,
    column: cell.column,
    active,
    volumeId: v?.id ?? null,
    seriesInstanceUid: v?.seriesInstanceUid ?? null,
    seriesDescription: v?.seriesDescription ?? null,
    phase: v?.classification.phase ?? null,
    bValue: v?.bValue ?? null,
    orientation: cell.orientation,
    imageCount: plane?.count ?? cell.imageIds.length,
    displayedIndex: index,
    targetIndex: acquired ? cell.targetIndex : index,
    positionLps: rendered && acquired && index >= 0 ? (v.frames[index]?.imagePositionPatient ?? null) : null,
    centreLps: plane?.pointLps ?? null,
    planeNormal: plane?.normal ?? null,
    slicePositionMm: plane?.offsetMm ?? null,
    sliceSpacingMm: plane?.spacingMm ?? cell.stack?.sliceSpacingMm ?? null,
    renderCount: cell.renderCount,
    progress: progress ? { ...progress } : null,
    window: rendered ? currentWindow(cell) : null,
    invert: cell.invert,
    zoom: rendered ? cell.viewport.getZoom() : null,
    pan: rendered ? ([...cell.viewport.getPan()] as [number, number]) : null,
    marks: marks ? { ...marks } : null,
  };
}
