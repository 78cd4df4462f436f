/**
 * Every export file of one measured study, from the same inputs the CLI and the app hold: the
 * measurements document, and per measured time point its study, its contract ROIs and the automatic
 * enhancing masks. One function for both callers, so the file names, the SEG layers and the SR
 * references cannot drift apart. The caller supplies the randomness and the clock (exportContext).
 */
import type { StudyNode } from '../dicom/model';
import type { MeasureConfig } from '../measure/config';
import type { MeasurementsDocument } from '../measure/types';
import type { TimePointRois } from '../roi/types';
import type { Mask3D } from '../types/volume';
import type { DicomExportContext } from './context';
import { segFileName } from './file-names';
import { measurementsCsv, responseCsv } from './csv';
import { serializeMeasurements } from './json';
import { reportText } from './report-text';
import { buildSeg, type SegReference } from './seg-export';
import { buildSr } from './sr-document';

export interface ExportFile {
  name: string;
  /** Media type for a download (text files are UTF-8). */
  mediaType: string;
  data: string | Uint8Array;
}

export interface ExportTimePoint {
  study: StudyNode;
  rois: TimePointRois;
  /** Automatic enhancing masks of the lesions without a drawn enhancing layer, on the drawing grid. */
  derivedEnhancing: ReadonlyMap<number, Mask3D>;
}

export interface StudyExportInput {
  document: MeasurementsDocument;
  /** The measured time points, in the document's order. */
  timePoints: readonly ExportTimePoint[];
  config: MeasureConfig;
  context: DicomExportContext;
}

export interface StudyExport {
  /** In writing order: measurements.json, measurements.csv, response.csv, report.txt, the SEGs, sr.dcm. */
  files: ExportFile[];
  report: string;
  /** Files left out, with the reason (e.g. the drawing series is not loaded). */
  warnings: string[];
}

export const JSON_TYPE = 'application/json';
export const CSV_TYPE = 'text/csv';
export const TEXT_TYPE = 'text/plain';
export const DICOM_TYPE = 'application/dicom';
/** Series numbers of the derived series (after the acquired ones). */
const SEG_SERIES_NUMBER = 901;
const SR_SERIES_NUMBER = 902;

/** The text exports (cheap, no voxel): measurements.json, the two CSVs, the report. */
export function textExports(document: MeasurementsDocument): ExportFile[] {
  return [
    { name: 'measurements.json', mediaType: JSON_TYPE, data: serializeMeasurements(document) },
    { name: 'measurements.csv', mediaType: CSV_TYPE, data: measurementsCsv(document) },
    { name: 'response.csv', mediaType: CSV_TYPE, data: responseCsv(document) },
    { name: 'report.txt', mediaType: TEXT_TYPE, data: reportText(document) },
  ];
}

export function studyExport(input: StudyExportInput): StudyExport {
  const { document, timePoints, context } = input;
  const files = textExports(document);
  const warnings: string[] = [];
  const segs: SegReference[] = [];
  const algorithm = enhancementAlgorithmName(input.config);
  timePoints.forEach((tp, i) => {
    const source = tp.study.series.find((v) => v.seriesInstanceUid === tp.rois.seriesInstanceUid);
    if (source === undefined) {
      warnings.push(`${studyDescription(tp.study)}: the series the lesions were drawn on is not loaded: no SEG written`);
      return;
    }
    const seg = buildSeg(
      { source, rois: tp.rois, derivedEnhancing: tp.derivedEnhancing, enhancementAlgorithmName: algorithm },
      { ...context, seriesNumber: SEG_SERIES_NUMBER },
    );
    files.push({ name: segFileName(i, tp.study.label), mediaType: DICOM_TYPE, data: seg.bytes });
    segs.push(seg);
  });
  const last = timePoints[timePoints.length - 1];
  const header = last?.study.series[0]?.header;
  if (header === undefined) warnings.push('no time point with a loaded series: no SR written');
  else files.push({ name: 'sr.dcm', mediaType: DICOM_TYPE, data: buildSr({ document, study: header, segs }, { ...context, seriesNumber: SR_SERIES_NUMBER }).bytes });
  return { files, report: files.find((f) => f.name === 'report.txt')!.data as string, warnings };
}

/** `Baseline (2026-01-05)`: how messages name a time point. */
export const studyDescription = (s: Pick<StudyNode, 'label' | 'studyDate'>): string =>
  `${s.label} (${s.studyDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')})`;

/**
 * The automatic enhancing masks of the lesions that have no drawn enhancing layer (lesion number ->
 * mask). `masks` holds one entry per lesion of `rois` in lesion-number order (measureLesion's output).
 */
export function derivedEnhancing(rois: TimePointRois, masks: ReadonlyArray<Mask3D | null>): Map<number, Mask3D> {
  const sorted = [...rois.lesions].sort((a, b) => a.lesionNumber - b.lesionNumber);
  const out = new Map<number, Mask3D>();
  sorted.forEach((lesion, i) => {
    const mask = masks[i];
    if (lesion.enhancing === null && mask) out.set(lesion.lesionNumber, mask);
  });
  return out;
}

/** SegmentAlgorithmName of the automatic split, in words. */
export function enhancementAlgorithmName(config: MeasureConfig): string {
  const e = config.enhancement;
  return e.kind === 'relative-threshold'
    ? `relative enhancement (art - pre) / pre >= ${e.threshold}`
    : `subtraction >= reference ${e.kind === 'reference-mean-sd' ? 'mean' : 'mode'} + ${e.sdMultiplier} SD`;
}
