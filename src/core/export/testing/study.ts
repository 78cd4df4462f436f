/** Test helper: the fixture study exported end to end (a SEG per time point, then the SR over both). */
import { buildSeg, type SegExportResult } from '../seg-export';
import { buildSr, type SrExportResult } from '../sr-document';
import type { SeriesVolume } from '../../dicom/model';
import type { MeasurementsDocument } from '../../measure/types';
import {
  BASELINE_STUDY, FOLLOW_UP_STUDY, baselineRois, exportContext, followUpRois, makeSourceStudy, maskOf, sampleDocument,
} from './fixtures';

export interface ExportedStudy {
  doc: MeasurementsDocument;
  baselineSource: SeriesVolume;
  followUpSource: SeriesVolume;
  baselineSeg: SegExportResult;
  followUpSeg: SegExportResult;
  sr: SrExportResult;
}

export function exportStudy(): ExportedStudy {
  const context = exportContext();
  const baselineSource = makeSourceStudy(BASELINE_STUDY, '20240115').series;
  const followUpSource = makeSourceStudy(FOLLOW_UP_STUDY, '20240402').series;
  const baselineSeg = buildSeg({ source: baselineSource, rois: baselineRois(), derivedEnhancing: new Map([[2, maskOf([[1, 3, 2]])]]) }, context);
  const followUpSeg = buildSeg({ source: followUpSource, rois: followUpRois(), derivedEnhancing: new Map([[1, maskOf([[2, 2, 1]])]]) }, context);
  const doc = sampleDocument();
  const sr = buildSr({ document: doc, study: followUpSource.header, segs: [baselineSeg, followUpSeg] }, context);
  return { doc, baselineSource, followUpSource, baselineSeg, followUpSeg, sr };
}
