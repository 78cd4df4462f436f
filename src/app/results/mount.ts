/**
 * Puts the results panel into a container and keeps it current: one re-render per animation frame at
 * most (the pipeline may report several lesions in one frame), open "why" rows kept open across
 * re-renders, the histogram's lesion picked with a select (event delegation: the HTML is replaced).
 */
import css from './results.css';
import type { MeasurementListener, MeasurementState } from '../measure/pipeline';
import { renderResultsPanel, type PanelView } from './render-panel';

/** What the panel reads: the measurement pipeline (createMeasurePipeline) or anything shaped like it. */
export interface ResultsSource {
  subscribe(listener: MeasurementListener): () => void;
}

export interface ResultsPanel {
  /** The state last drawn (tests, e2e hooks). */
  readonly state: MeasurementState | null;
  destroy(): void;
}

const STYLE_ID = 'hcc-results-style';

function injectStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = css as unknown as string;
  doc.head.append(style);
}

/** What the panel's buttons ask of the host. */
export interface ResultsActions {
  /** Show a lesion (by label) in the viewer at every time point. */
  showLesion?(label: string): void;
}

export function mountResultsPanel(container: HTMLElement, source: ResultsSource, actions: ResultsActions = {}): ResultsPanel {
  injectStyle(container.ownerDocument);
  const view: PanelView = { histogramLesion: null };
  let state: MeasurementState | null = null;
  let frame: number | null = null;

  const draw = (): void => {
    frame = null;
    if (state === null) return;
    const open = [...container.querySelectorAll<HTMLDetailsElement>('tr.hcc-reasons details[open]')].map((d) => rowKey(d.closest('tr')!));
    container.innerHTML = renderResultsPanel(state, view);
    for (const row of container.querySelectorAll<HTMLTableRowElement>('tr.hcc-reasons')) {
      if (open.includes(rowKey(row))) row.querySelector('details')?.setAttribute('open', '');
    }
    container.dataset['measuring'] = String(state.busy.length > 0);
  };
  const schedule = (): void => {
    if (frame === null) frame = requestAnimationFrame(draw);
  };

  const onChange = (e: Event): void => {
    const target = e.target as HTMLElement;
    if (target instanceof HTMLSelectElement && target.dataset['action'] === 'histogram-lesion') {
      view.histogramLesion = target.value;
      draw();
    }
  };
  container.addEventListener('change', onChange);
  const onClick = (e: Event): void => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action="show-lesion"]');
    if (button?.dataset['lesion']) actions.showLesion?.(button.dataset['lesion']);
  };
  container.addEventListener('click', onClick);
  const unsubscribe = source.subscribe((next) => {
    state = next;
    schedule();
  });
  return {
    get state() {
      return state;
    },
    destroy() {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
      container.removeEventListener('change', onChange);
      container.removeEventListener('click', onClick);
      container.innerHTML = '';
    },
  };
}

const rowKey = (row: HTMLTableRowElement): string => `${row.dataset['timePoint']}/${row.dataset['criterion']}`;
