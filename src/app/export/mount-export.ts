/**
 * Puts the Export section into a container and keeps its buttons current with the measurements. The
 * files are built on the first click for a measurement state (then reused, so a SEG and the SR that
 * references it come from one export, with one set of UIDs). Building reads the lesion model and the
 * pipeline's state only: a failure is shown with its reason and changes nothing the reader drew.
 */
import type { StudyTree } from '../../core/dicom/model';
import { toErrorInfo } from '../../core/errors';
import type { StudyExport } from '../../core/export';
import { reportText } from '../../core/export/report-text';
import type { MeasureConfig } from '../../core/measure';
import type { RoiModel } from '../../core/roi/model';
import type { MeasurementListener, MeasurementState } from '../measure/pipeline';
import css from './export.css';
import { browserExportContext } from './browser-context';
import { copyReport } from './copy-report';
import { downloadFile } from './download';
import { renderExportSection } from './export-view';
import { exportReadiness } from './export-readiness';
import { DICOM_TYPE } from '../../core/export/study-export';
import type { DicomwebApi } from '../pacs/dicomweb-api';

/** The builders and the DICOM writer, fetched once the figures are first ready (not on the first screen). */
type Builder = typeof import('./app-export');
let builder: Promise<Builder> | null = null;
const loadBuilder = (): Promise<Builder> => (builder ??= import(/* webpackChunkName: "export" */ './app-export'));

export interface ExportPanelOptions {
  /** The measurement pipeline (or anything shaped like it). */
  source: { subscribe(listener: MeasurementListener): () => void };
  store: { readonly model: RoiModel };
  /** The tree the pipeline measures. */
  tree: StudyTree;
  config: MeasureConfig;
  /** The PACS the study came from: "Store on PACS" sends the DICOM files there. */
  pacs?: Pick<DicomwebApi, 'root' | 'storeInstances'> | null;
}

export interface ExportPanel {
  destroy(): void;
}

type Outcome = 'copied' | 'selected' | 'downloaded' | 'stored' | 'error';
const STYLE_ID = 'hcc-export-style';

export function mountExportPanel(container: HTMLElement, options: ExportPanelOptions): ExportPanel {
  const doc = container.ownerDocument;
  if (!doc.getElementById(STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = css as unknown as string;
    doc.head.append(style);
  }
  container.innerHTML =
    '<section class="hcc-export" aria-label="Export"><h2>Export</h2><div class="hcc-export-controls"></div>' +
    '<p class="hcc-export-message" role="status" aria-live="polite"></p>' +
    '<textarea class="hcc-export-fallback" readonly hidden rows="8" aria-label="Report text (select and copy)"></textarea></section>';
  const controls = container.querySelector<HTMLElement>('.hcc-export-controls')!;
  const message = container.querySelector<HTMLElement>('.hcc-export-message')!;
  const fallback = container.querySelector<HTMLTextAreaElement>('.hcc-export-fallback')!;

  let state: MeasurementState | null = null;
  let html = '';
  let built: { state: MeasurementState; model: RoiModel; result: StudyExport } | null = null;

  const show = (outcome: Outcome, text: string): void => {
    message.dataset['outcome'] = outcome;
    message.setAttribute('role', outcome === 'error' ? 'alert' : 'status');
    message.textContent = text;
  };
  const bundle = async (current: MeasurementState): Promise<StudyExport> => {
    const model = options.store.model;
    if (built && built.state === current && built.model === model) return built.result;
    const { buildAppExport } = await loadBuilder();
    const version = current.document?.generator.version ?? '';
    const result = buildAppExport({ tree: options.tree, model, state: current, config: options.config, context: browserExportContext(version) });
    built = { state: current, model, result };
    return result;
  };

  const onClick = async (e: MouseEvent): Promise<void> => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-export]');
    if (!button || button.disabled || state === null) return;
    try {
      if (button.dataset['export'] === 'copy-report') {
        // The report builder alone, at once: the clipboard wants the click's user activation.
        const readiness = exportReadiness(state);
        if (!readiness.ready) throw new Error(readiness.reason);
        const outcome = await copyReport(reportText(state.document!), fallback);
        show(outcome, outcome === 'copied' ? 'Report copied to the clipboard.' : 'The clipboard was refused: the report text is selected below, press Ctrl+C to copy it.');
        return;
      }
      const files = await bundle(state);
      if (button.dataset['export'] === 'store' && options.pacs) {
        const dicom = files.files.filter((f): f is typeof f & { data: Uint8Array } => f.mediaType === DICOM_TYPE && f.data instanceof Uint8Array);
        if (dicom.length === 0) throw new Error(`no DICOM object was written: ${files.warnings.join('; ') || 'nothing to store'}`);
        show('stored', `Storing ${dicom.length} objects on ${options.pacs.root}…`);
        await options.pacs.storeInstances(dicom.map((f) => f.data));
        show('stored', `Stored on ${options.pacs.root}: ${dicom.map((f) => f.name).join(', ')}.`);
        return;
      }
      const name = button.dataset['file'] ?? '';
      const file = files.files.find((f) => f.name === name);
      if (file === undefined) throw new Error(`${name} was not written: ${files.warnings.join('; ') || 'nothing to put in it'}`);
      downloadFile(doc, file);
      show('downloaded', `${name} downloaded.`);
    } catch (error) {
      const info = toErrorInfo(error, undefined, 'COMPUTE_FAILED');
      show('error', `Export failed: ${info.message} (${info.code}). Nothing drawn was changed.`);
    }
  };
  const click = (e: MouseEvent): void => void onClick(e);
  container.addEventListener('click', click);

  const unsubscribe = options.source.subscribe((next) => {
    state = next;
    const readiness = exportReadiness(next);
    if (readiness.ready) void loadBuilder();
    const rendered = renderExportSection(next.document, readiness, options.pacs?.root ?? null);
    if (rendered !== html) controls.innerHTML = html = rendered;
  });
  return {
    destroy() {
      unsubscribe();
      container.removeEventListener('click', click);
      container.innerHTML = '';
    },
  };
}
