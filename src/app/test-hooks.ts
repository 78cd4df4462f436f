import type { HccErrorInfo } from '../core/errors';
import type { StudyTree } from '../core/dicom/model';
import type { ViewerSnapshot } from '../viewer/snapshot';
import type { NonTargetStatus } from '../core/criteria/types';
import type { AutosaveStatus } from './lesions/autosave';
import type { EditorState } from './lesions/editor-state';
import type { LayerSummary } from './lesions/roi-summary';
import type { MeasurementsDocument } from '../core/measure/types';
import type { SeriesReading } from './progressive-load';

/** Reading the files of the load in progress (or the last one). */
export interface ReadingPublished {
  filesDone: number;
  filesTotal: number;
  errors: number;
  /** Files read (parsed or rejected) when the reading room drew its first image; null before. */
  filesDoneAtFirstImage: number | null;
  /** Headers read per series. */
  series: SeriesReading[];
}

/** The lesion model as tests see it: voxel counts per lesion / layer / time point, undo labels, autosave. */
export interface RoisPublished {
  storageKey: string | null;
  restoring: boolean;
  autosave: AutosaveStatus | null;
  /** Storage problems shown to the user (null when none). */
  storageError: string | null;
  /** The last refused gesture or edit, as shown to the user. */
  notice: string | null;
  undoLabel: string | null;
  redoLabel: string | null;
  editor: EditorState;
  lesions: { lesionNumber: number; target: boolean }[];
  timePoints: { studyInstanceUid: string; nonTargetStatus: NonTargetStatus | null; newLesion: boolean }[];
  layers: LayerSummary[];
}

/** The toolbar's response views and how many lesions the overlay has a viable/necrotic split for. */
export interface ResponsePublished {
  overlay: boolean;
  opacity: number;
  subtraction: boolean;
  adcColour: boolean;
  lesionsDrawn: number;
}

export type AppState = 'idle' | 'loading' | 'loaded' | 'error';

export interface PublishedState {
  state: AppState;
  tree: StudyTree | null;
  /** performance.now() when the user chose the files: the origin of load timings (benchmark). */
  selectedAtMs: number | null;
  /** The reading room: viewports, their series, positions, renders, timings (null before it is enabled). */
  viewer: ViewerSnapshot | null;
  /** Files that parsed but could not be displayed. */
  displayErrors: HccErrorInfo[];
  /** Contouring (null before a study is open). */
  rois: RoisPublished | null;
  /** The measurements of the open study as the results panel shows them (null before any). */
  measurements: { document: MeasurementsDocument | null; busy: number; errors: number } | null;
  /** Progress of reading the files (null before the first load). */
  reading: ReadingPublished | null;
  /** Response overlay / subtraction / ADC colour toggles (null before the toolbar is wired). */
  response?: ResponsePublished | null;
}

/** Functions for tests that need geometry of the page (where a patient point is on screen). */
export interface TestProbe {
  /** Client (page) coordinates of a patient point (LPS mm) in a viewport, or null when it is not shown. */
  clientPointOf(viewportKey: string, pointLps: [number, number, number]): [number, number] | null;
  /** Disables the viewer plugin; returns what it left behind in Cornerstone (should be nothing). */
  disableViewer(): { leftovers: string[] };
  /**
   * Reads every series of the open study through the viewer (Cornerstone's decoded images) and again
   * from its files with the core's decoder; per series the largest difference (null when the files
   * cannot be decoded by the core, e.g. compressed) and the voxel count.
   */
  compareVoxelReaders(): Promise<Array<{ series: string; voxels: number; maxAbsDiff: number | null; error?: string }>>;
  /**
   * Reads the series a measurement needs (every role of every time point) through the viewer, as the
   * pipeline does, watching the main thread: time, voxels, longest task (benchmark).
   */
  timeVoxelReads(): Promise<{ series: number; voxels: number; ms: number; longestTaskMs: number }>;
}

declare global {
  interface Window {
    /** Read by the e2e tests and the benchmark: current state, without any fixed sleep. */
    __hcc?: PublishedState;
    __hccProbe?: TestProbe;
  }
}

let current: PublishedState = { state: 'idle', tree: null, selectedAtMs: null, viewer: null, displayErrors: [], rois: null, measurements: null, reading: null };

/**
 * Exposes state for e2e tests; 'hcc:state' tells listeners the app state changed, 'hcc:viewer'
 * that the reading room changed (a render, a scroll, loading progress), 'hcc:rois' that the lesion
 * model, the editor or the autosave changed.
 */
export function publishState(patch: Partial<PublishedState>): void {
  const appChanged = patch.state !== undefined && patch.state !== current.state;
  current = { ...current, ...patch };
  window.__hcc = current;
  if (patch.viewer !== undefined) window.dispatchEvent(new CustomEvent('hcc:viewer', { detail: current.viewer?.status }));
  if (patch.rois !== undefined) window.dispatchEvent(new CustomEvent('hcc:rois'));
  if (appChanged || patch.tree !== undefined) window.dispatchEvent(new CustomEvent('hcc:state', { detail: current.state }));
}

export function publishProbe(probe: TestProbe): void {
  window.__hccProbe = probe;
}
