/**
 * From per-lesion results to what the panel shows: measurements.json (core's buildMeasurementsDocument),
 * the detailed response (core's assessResponse: units, nadirs, structured flags, which the document
 * only carries as sentences) and the per-lesion ADC histograms the kernels already produced.
 */
import { assessResponse, type TimePointResponse } from '../../core/criteria';
import type { StudyNode } from '../../core/dicom/model';
import type { HccErrorInfo } from '../../core/errors';
import {
  buildMeasurementsDocument,
  criteriaInput,
  isoStudyDate,
  nullMeasurement,
  timePointResult,
  type LesionResult,
  type MeasureConfig,
  type MeasurementsDocument,
  type SeriesSelection,
  type TimePointMeasureInput,
  type TimePointResult,
} from '../../core/measure';
import type { LesionDefinition, TimePointModel } from '../../core/roi/model';
import { lesionLabel, type TimePointRois } from '../../core/roi/types';

/** Flag code on a lesion whose computation failed (its figures are null, the reason follows the colon). */
export const MEASUREMENT_FAILED_FLAG = 'measurement-failed';

export interface AssembleTimePoint {
  study: StudyNode;
  selection: SeriesSelection;
  model: TimePointModel;
  /** Per lesion number drawn here: its result, or the error that stopped it. */
  outcomes: ReadonlyMap<number, { result: LesionResult } | { error: HccErrorInfo }>;
}

/** One lesion's ADC histogram at one time point (mm^2/s edges, voxel counts). */
export interface AdcHistogramEntry {
  lesion: string;
  timePoint: number;
  timePointLabel: string;
  edgesMm2s: number[];
  counts: number[];
}

export interface Assembled {
  document: MeasurementsDocument;
  /** Same order as document.response (one per follow-up). */
  response: TimePointResponse[];
  adcHistograms: AdcHistogramEntry[];
}

export function assemble(
  timePoints: readonly AssembleTimePoint[],
  definitions: readonly LesionDefinition[],
  config: MeasureConfig,
  generator: { name: string; version: string },
): Assembled {
  const results: TimePointResult[] = timePoints.map((tp) => {
    const drawn = definitions.filter((d) => tp.outcomes.has(d.lesionNumber));
    const lesions = drawn.map((d): LesionResult => {
      const outcome = tp.outcomes.get(d.lesionNumber)!;
      if ('error' in outcome) return failedResult(lesionLabel(d.lesionNumber), d.target, outcome.error);
      // The target flag is the reader's, not the computation's: a change of it needs no re-measure.
      return { ...outcome.result, measurement: { ...outcome.result.measurement, target: d.target } };
    });
    return timePointResult(contractInput(tp, drawn), lesions);
  });
  const document = buildMeasurementsDocument({ generator, config, timePoints: results });
  const response = assessResponse(results.map(criteriaInput));
  const adcHistograms = results.flatMap((tp, timePoint) =>
    tp.lesions.flatMap((l): AdcHistogramEntry[] => {
      const h = l.method.adc?.histogram;
      return h ? [{ lesion: l.measurement.label, timePoint, timePointLabel: tp.label, edgesMm2s: [...h.edgesMm2s], counts: [...h.counts] }] : [];
    }),
  );
  return { document, response, adcHistograms };
}

/** What timePointResult reads of a time point: ids, series, organs, non-target and new-lesion calls (no voxels). */
function contractInput(tp: AssembleTimePoint, drawn: readonly LesionDefinition[]): TimePointMeasureInput<null> {
  const rois: TimePointRois = {
    studyInstanceUid: tp.study.studyInstanceUid,
    seriesInstanceUid: '',
    lesions: drawn.map((d) => ({ lesionNumber: d.lesionNumber, target: d.target, organ: d.organ, tumour: null, enhancing: null })),
    liverReference: null,
    nonTargetStatus: tp.model.nonTargetStatus,
    newLesion: tp.model.newLesion,
  };
  return {
    studyInstanceUid: tp.study.studyInstanceUid,
    studyDate: isoStudyDate(tp.study.studyDate),
    label: tp.study.label,
    series: { ...tp.selection.series },
    volumes: { pre: null, arterial: null, portalVenous: null, delayed: null, t2: null, dwi: [], adcMap: null },
    rois,
  };
}

/** A lesion that could not be computed: every figure null (never 0), the reason as a flag. */
function failedResult(label: string, target: boolean, error: HccErrorInfo): LesionResult {
  return {
    measurement: nullMeasurement(label, target, [`${MEASUREMENT_FAILED_FLAG}: ${error.code}: ${error.message}`]),
    method: { enhancement: null, t1Hyperintensity: null, adc: null, mappedRoles: [] },
    intensity: { pre: null, arterial: null, portalVenous: null, delayed: null, t2: null },
    enhancingMask: null,
  };
}
