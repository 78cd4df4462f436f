/**
 * Time point and study level: one LesionMeasureInput per drawn lesion, then the document.
 * The compute client runs the lesions in parallel workers and calls the same pieces; the CLI calls
 * measureStudy directly.
 */
import { HccError } from '../errors';
import { lesionLabel } from '../roi/types';
import type { MeasureConfig } from './config';
import { buildMeasurementsDocument } from './document';
import type { LesionMeasureInput, LesionResult, TimePointMeasureInput, TimePointResult } from './inputs';
import { measureLesion } from './lesion';
import type { MeasurementsDocument } from './types';

/** The lesions of a time point as measurement inputs, in lesion-number order. */
export function lesionInputs<V>(tp: TimePointMeasureInput<V>, config: MeasureConfig): LesionMeasureInput<V>[] {
  if (tp.rois.studyInstanceUid !== tp.studyInstanceUid) {
    throw new HccError('INVALID_INPUT', `ROIs of study ${tp.rois.studyInstanceUid} given for study ${tp.studyInstanceUid}`);
  }
  const numbers = tp.rois.lesions.map((l) => l.lesionNumber);
  if (new Set(numbers).size !== numbers.length) throw new HccError('INVALID_INPUT', `${tp.label}: a lesion number appears twice`);
  return [...tp.rois.lesions]
    .sort((a, b) => a.lesionNumber - b.lesionNumber)
    .map((l) => ({
      label: lesionLabel(l.lesionNumber),
      target: l.target,
      volumes: tp.volumes,
      tumour: l.tumour,
      enhancing: l.enhancing,
      liverReference: tp.rois.liverReference,
      config,
    }));
}

/** Assembles a time point's result from its lesion results (same order as lesionInputs). */
export function timePointResult<V>(tp: TimePointMeasureInput<V>, lesions: LesionResult[]): TimePointResult {
  const byNumber = [...tp.rois.lesions].sort((a, b) => a.lesionNumber - b.lesionNumber);
  return {
    studyInstanceUid: tp.studyInstanceUid,
    studyDate: tp.studyDate,
    label: tp.label,
    series: { ...tp.series },
    lesions,
    organs: byNumber.map((l) => l.organ),
    nonTargetStatus: tp.rois.nonTargetStatus,
    newLesion: tp.rois.newLesion,
  };
}

export function measureTimePoint(tp: TimePointMeasureInput, config: MeasureConfig): TimePointResult {
  return timePointResult(tp, lesionInputs(tp, config).map(measureLesion));
}

/** The whole measurements.json on this thread (CLI, tests). Time points: baseline first. */
export function measureStudy(
  timePoints: readonly TimePointMeasureInput[],
  config: MeasureConfig,
  generator: { name: string; version: string },
): MeasurementsDocument {
  return buildMeasurementsDocument({ generator, config, timePoints: timePoints.map((tp) => measureTimePoint(tp, config)) });
}
