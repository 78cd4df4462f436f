import type { StudyTree } from '../core/dicom/model';

export type AppState = 'idle' | 'loading' | 'loaded' | 'error';

export interface PublishedState {
  state: AppState;
  tree: StudyTree | null;
}

declare global {
  interface Window {
    /** Read by the e2e tests: current state, without any fixed sleep. */
    __hcc?: PublishedState;
  }
}

/** Exposes state for e2e tests and tells listeners through a 'hcc:state' event. */
export function publishState(state: PublishedState): void {
  window.__hcc = state;
  window.dispatchEvent(new CustomEvent('hcc:state', { detail: state.state }));
}
