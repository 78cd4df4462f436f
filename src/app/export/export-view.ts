/**
 * The Export section as HTML (pure: node tests read the string): "Copy report" first (what a reader
 * pastes into the report), then one download per file, named as the CLI names them. While the figures
 * cannot be exported every button is disabled and the reason is shown in words and as the tooltip.
 */
import { segFileName } from '../../core/export/file-names';
import type { MeasurementsDocument } from '../../core/measure';
import { el, esc } from '../results/html';
import type { ExportReadiness } from './export-readiness';

export interface ExportAction {
  /** File name (the download's name), or null for the copy action. */
  fileName: string | null;
  label: string;
  title: string;
}

export const COPY_REPORT_TITLE = 'Copy the report text (a paragraph per time point and the method) to the clipboard';

/** Where "Store on PACS" sends the DICOM files (the server the study came from); null: no such action. */
export const STORE_ACTION = 'store-on-pacs';

/** The actions for a document: the text files, a SEG per measured time point, the SR, and storing them on the study's PACS. */
export function exportActions(document: MeasurementsDocument | null, pacsRoot: string | null = null): ExportAction[] {
  const segs = (document?.timePoints ?? []).map((tp, i) => ({
    fileName: segFileName(i, tp.label),
    label: `SEG ${tp.label}`,
    title: `DICOM SEG of ${tp.label} (${tp.studyDate}): tumour, enhancing and necrotic layers of every lesion and the liver reference, on the series drawn on`,
  }));
  return [
    { fileName: null, label: 'Copy report', title: COPY_REPORT_TITLE },
    { fileName: 'report.txt', label: 'Report (.txt)', title: 'report.txt: the report text as a file' },
    { fileName: 'measurements.csv', label: 'Lesions (.csv)', title: 'measurements.csv: one row per lesion and time point, units in the column names' },
    { fileName: 'response.csv', label: 'Response (.csv)', title: 'response.csv: one row per follow-up and criterion (category, sum, changes)' },
    { fileName: 'measurements.json', label: 'JSON', title: 'measurements.json (hcc-response/measurements@1): every figure, the method and the response' },
    ...segs,
    { fileName: 'sr.dcm', label: 'DICOM SR', title: 'sr.dcm: Comprehensive 3D SR (TID 1500) with every lesion figure and the response categories' },
    ...(pacsRoot === null ? [] : [{ fileName: STORE_ACTION, label: 'Store on PACS', title: `Send the SEGs and the SR to ${pacsRoot} (STOW-RS), beside the study's images` }]),
  ];
}

export function renderExportSection(document: MeasurementsDocument | null, readiness: ExportReadiness, pacsRoot: string | null = null): string {
  const disabled = !readiness.ready;
  const buttons = exportActions(document, pacsRoot)
    .map((a) =>
      el(
        'button',
        {
          type: 'button',
          class: a.fileName === null ? 'hcc-export-copy' : 'hcc-export-file',
          'data-export': a.fileName === null ? 'copy-report' : a.fileName === STORE_ACTION ? 'store' : 'download',
          'data-file': a.fileName,
          disabled,
          title: readiness.ready ? a.title : readiness.reason,
        },
        esc(a.label),
      ),
    )
    .join('');
  const reason = readiness.ready ? '' : el('p', { class: 'hcc-export-reason', 'data-export-reason': true }, esc(readiness.reason));
  return el('div', { class: 'hcc-export-actions', role: 'group', 'aria-label': 'Export', 'data-ready': String(readiness.ready) }, buttons) + reason;
}
