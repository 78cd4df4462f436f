import type { HccErrorInfo } from '../core/errors';
import type { StudyTree } from '../core/dicom/model';
import type { ViewerSnapshot } from '../viewer/snapshot';

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
}

/** Functions for tests that need geometry of the page (where a patient point is on screen). */
export interface TestProbe {
  /** Client (page) coordinates of a patient point (LPS mm) in a viewport, or null when it is not shown. */
  clientPointOf(viewportKey: string, pointLps: [number, number, number]): [number, number] | null;
  /** Disables the viewer plugin; returns what it left behind in Cornerstone (should be nothing). */
  disableViewer(): { leftovers: string[] };
}

declare global {
  interface Window {
    /** Read by the e2e tests and the benchmark: current state, without any fixed sleep. */
    __hcc?: PublishedState;
    __hccProbe?: TestProbe;
  }
}

let current: PublishedState = { state: 'idle', tree: null, selectedAtMs: null, viewer: null, displayErrors: [] };

/**
 * Exposes state for e2e tests; 'hcc:state' tells listeners the app state changed, 'hcc:viewer'
 * that the reading room changed (a render, a scroll, loading progress).
 */
export function publishState(patch: Partial<PublishedState>): void {
  const appChanged = patch.state !== undefined && patch.state !== current.state;
  current = { ...current, ...patch };
  window.__hcc = current;
  if (patch.viewer !== undefined) window.dispatchEvent(new CustomEvent('hcc:viewer', { detail: current.viewer?.status }));
  if (appChanged || patch.tree !== undefined) window.dispatchEvent(new CustomEvent('hcc:state', { detail: current.state }));
}

export function publishProbe(probe: TestProbe): void {
  window.__hccProbe = probe;
}
